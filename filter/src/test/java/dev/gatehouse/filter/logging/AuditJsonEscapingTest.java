package dev.gatehouse.filter.logging;

import static dev.gatehouse.filter.logging.AuditJsonTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Claim values are attacker-controlled: each class of dangerous character is escaped and the line stays one line. */
class AuditJsonEscapingTest {

    /** Writes {@code value} as the subject and returns what was between the quotes. */
    private static String written(String value) {
        String json = AuditJson.format(AuditEvents.withSubject(value));
        int start = json.indexOf("\"sub\":\"") + 7;
        return json.substring(start, json.indexOf("\"}", start));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("quote", "\"", "\\\""),
                Arguments.of("backslash", "\\", "\\\\"),
                Arguments.of("newline", "\n", "\\n"),
                Arguments.of("carriage return", "\r", "\\r"),
                Arguments.of("tab", "\t", "\\t"),
                Arguments.of("backspace", "\b", "\\b"),
                Arguments.of("form feed", "\f", "\\f"),
                Arguments.of("NUL", "\u0000", "\\u0000"),
                Arguments.of("ESC (terminal sequences)", "\u001B", "\\u001B"),
                Arguments.of("unit separator", "\u001F", "\\u001F"),
                Arguments.of("DEL", "\u007F", "\\u007F"),
                Arguments.of("C1 first", "\u0080", "\\u0080"),
                Arguments.of("NEL", "\u0085", "\\u0085"),
                Arguments.of("CSI", "\u009B", "\\u009B"),
                Arguments.of("C1 last", "\u009F", "\\u009F"),
                Arguments.of("line separator", "\u2028", "\\u2028"),
                Arguments.of("paragraph separator", "\u2029", "\\u2029"),
                Arguments.of("arabic letter mark", "\u061C", "\\u061C"),
                Arguments.of("zero width space", "\u200B", "\\u200B"),
                Arguments.of("zero width joiner", "\u200D", "\\u200D"),
                Arguments.of("left-to-right mark", "\u200E", "\\u200E"),
                Arguments.of("right-to-left mark", "\u200F", "\\u200F"),
                Arguments.of("left-to-right embedding", "\u202A", "\\u202A"),
                Arguments.of("right-to-left override", "\u202E", "\\u202E"),
                Arguments.of("word joiner", "\u2060", "\\u2060"),
                Arguments.of("invisible plus", "\u2064", "\\u2064"),
                Arguments.of("left-to-right isolate", "\u2066", "\\u2066"),
                Arguments.of("pop directional isolate", "\u2069", "\\u2069"),
                Arguments.of("byte order mark", "\uFEFF", "\\uFEFF"),
                Arguments.of("soft hyphen (other Cf)", "\u00AD", "\\u00AD"),
                Arguments.of("tag letter A (supplementary Cf)", "\uDB40\uDC41", "\\uDB40\\uDC41"),
                Arguments.of("lone high surrogate", "\uD800", "\\uD800"),
                Arguments.of("lone low surrogate", "\uDC00", "\\uDC00"),
                Arguments.of("low before high", "\uDC00\uD800", "\\uDC00\\uD800"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void formatEscapesDangerousCharacterAndParsesBackToIt(String name, String character, String escaped)
            throws Exception {
        String value = "a" + character + "b";

        assertEquals("a" + escaped + "b", written(value));
        assertEquals(value, parse(AuditJson.format(AuditEvents.withSubject(value))).get("sub"));
    }

    @Test
    void formatEscapesEveryC0AndC1ControlAndDel() throws Exception {
        StringBuilder controls = new StringBuilder();
        IntStream.rangeClosed(0, 0x1F).forEach(c -> controls.append((char) c));
        IntStream.rangeClosed(0x7F, 0x9F).forEach(c -> controls.append((char) c));

        assertEquals(controls.toString(), parse(AuditJson.format(AuditEvents.withSubject(controls.toString()))).get("sub"));
    }

    @Test
    void formatKeepsEveryPrintableAsciiCharacterButQuoteAndBackslashAsIs() {
        for (char c = 0x20; c < 0x7F; c++) {
            String value = "ab" + c + "cd";
            assertEquals(c == '"' || c == '\\' ? "ab\\" + c + "cd" : value, written(value));
        }
    }

    @Test
    void formatWhenPlainRunsAlternateWithEscapesThenKeepsTheirOrder() {
        String value = "plain \"q\" \u2028 J\u00FCrgen \uD83D\uDE00\n\\end";

        assertEquals("plain \\\"q\\\" \\u2028 J\u00FCrgen \uD83D\uDE00\\n\\\\end", written(value));
    }

    @Test
    void formatKeepsOrdinaryNonAsciiTextAndSurrogatePairs() {
        String value = "J\u00FCrgen \u5C71\u7530 \u0645\u062D\u0645\u062F \uD83D\uDE00 caf\u00E9";

        assertEquals(value, written(value));
    }

    @Test
    void formatWhenClaimHoldsNewlineAndFakeEventThenCannotForgeSecondLine() throws Exception {
        String forged = "alice\n{\"ts\":\"2024-05-01T10:15:30.123Z\",\"outcome\":\"AUTHN_OK\",\"sub\":\"admin\"}";
        for (String breakChar : List.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029")) {
            String value = forged.replace("\n", breakChar);

            String json = AuditJson.format(AuditEvents.withSubject(value));

            assertEquals(1, json.lines().count());
            Map<String, Object> parsed = parse(json);
            assertEquals(value, parsed.get("sub"));
            assertEquals("AUTHN_OK", parsed.get("outcome"));
            assertEquals(7 + 1, parsed.size());
        }
    }

    @Test
    void formatWhenValueClosesQuoteThenCannotAddField() throws Exception {
        String value = "alice\",\"outcome\":\"PUBLIC";

        Map<String, Object> parsed = parse(AuditJson.format(AuditEvents.withSubject(value)));

        assertEquals(value, parsed.get("sub"));
        assertEquals("AUTHN_OK", parsed.get("outcome"));
    }

    @Test
    void formatWhenValueLongerThanCapThenTruncatesWithMarker() throws Exception {
        String value = "x".repeat(100_000);

        String json = AuditJson.format(AuditEvents.withSubject(value));

        assertEquals("x".repeat(AuditJson.MAX_CHARS) + "...[truncated 100000 chars]", parse(json).get("sub"));
        assertTrue(json.length() < 1000, "line length " + json.length());
    }

    @Test
    void formatWhenValueExactlyAtCapThenKeepsItWhole() {
        String value = "y".repeat(AuditJson.MAX_CHARS);

        assertEquals(value, written(value));
    }

    @Test
    void formatWhenCapFallsInsideSurrogatePairThenCutsBeforeThePair() throws Exception {
        String value = "a".repeat(AuditJson.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";

        Object sub = parse(AuditJson.format(AuditEvents.withSubject(value))).get("sub");

        assertEquals("a".repeat(AuditJson.MAX_CHARS - 1) + "...[truncated " + value.length() + " chars]", sub);
    }

    @Test
    void formatEscapesAndTruncatesExtraKeysAndNestedValues() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k\n\u202E", List.of("v\r\u2028", "z".repeat(600)));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("note\u0000", nested);

        String json = AuditJson.format(AuditEvents.withExtra(extra));

        assertTrue(json.contains("\"note\\u0000\":{\"k\\n\\u202E\":[\"v\\r\\u2028\",\"" + "z".repeat(512)
                + "...[truncated 600 chars]\"]}"), json);
        assertFalse(parse(json).isEmpty());
    }
}
