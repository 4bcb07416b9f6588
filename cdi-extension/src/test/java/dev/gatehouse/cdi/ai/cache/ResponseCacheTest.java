package dev.gatehouse.cdi.ai.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.Strategy;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.filter.testing.MutableClock;

class ResponseCacheTest {

    private static final AliasSettings CACHED = new AliasSettings("c", List.of(new Target("p", "m")),
            Strategy.PRIORITY, List.of(), Set.of(), Duration.ofMinutes(5), false);
    private static final JsonObject ANSWER = Json.createObjectBuilder().add("id", "x").build();

    private final MutableClock clock = new MutableClock();
    private final ResponseCache cache = new ResponseCache(2, clock);

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void keyIgnoresMemberOrderStreamAndUserButNotContent() {
        String a = cache.key(CACHED, "alice", json("{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}")).orElseThrow();
        String b = cache.key(CACHED, "alice", json("{\"user\":\"x\",\"stream\":false,\"messages\":[{\"content\":\"Q\",\"role\":\"user\"}],\"model\":\"c\"}")).orElseThrow();
        String c = cache.key(CACHED, "alice", json("{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"Q!\"}]}")).orElseThrow();
        String d = cache.key(CACHED, "bob", json("{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}")).orElseThrow();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(a, d, "scoped per caller");
    }

    @Test
    void aliasWithoutTtlCachesNothing() {
        AliasSettings plain = new AliasSettings("p", CACHED.targets(), Strategy.PRIORITY, List.of(), Set.of());
        assertEquals(Optional.empty(), cache.key(plain, "alice", json("{\"messages\":[]}")));
    }

    @Test
    void entryExpiresAfterTheTtl() {
        cache.put("k", CACHED, ANSWER);
        clock.advance(Duration.ofMinutes(4));
        assertTrue(cache.get("k").isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(cache.get("k").isEmpty());
    }

    @Test
    void leastRecentlyUsedEntryGoesFirstWhenFull() {
        cache.put("a", CACHED, ANSWER);
        cache.put("b", CACHED, ANSWER);
        cache.get("a");
        cache.put("c", CACHED, ANSWER);
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("b").isEmpty());
        assertTrue(cache.get("c").isPresent());
    }
}
