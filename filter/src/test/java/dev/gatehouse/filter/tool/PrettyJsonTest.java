package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    @Test
    void formatWhenNestedValuesThenIndentsByTwoSpacesPerLevel() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1L);
        value.put("b", List.of(true, 1.5));
        value.put("c", Map.of());
        value.put("d", List.of());
        value.put("e", null);

        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    1.5\n  ],\n  \"c\": {},\n  \"d\": [],\n  \"e\": null\n}",
                PrettyJson.format(value));
    }

    @Test
    void formatWhenStringsNeedEscapesThenOutputParsesBackToTheSameValue() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("q\"uote", "back\\slash\nnew\tline\u0001 é \u2028");
        value.put("list", Arrays.asList("x", null));

        assertEquals(value, JsonUtil.parseJson(PrettyJson.format(value)));
    }
}
