package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.filter.logging.AuditEvent.Outcome;

class AuditJsonTest {

    static Map<String, Object> parse(String json) throws Exception {
        assertOneLine(json);
        return JsonUtil.parseJson(json);
    }

    /** No line break of any kind and no raw control character: the line is the whole event. */
    static void assertOneLine(String json) {
        for (char c : json.toCharArray()) {
            assertFalse(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029',
                    () -> "raw U+" + Integer.toHexString(c) + " in " + json);
        }
    }

    @Test
    void formatWhenAllFieldsSetThenWritesThemInFixedOrderWithSnakeCaseNames() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", "fast");
        extra.put("tokens_in", 12);
        AuditEvent event = new AuditEvent(AuditEvents.AT, "req-7", "POST", "/api/orders", 403,
                Duration.ofNanos(12_345_678), Outcome.AUTHZ_DENIED, "FORBIDDEN", "orders-write", "alice",
                "https://idp.example", "shop-ui", "jti-1", "192.0.2.10", extra);

        assertEquals("{\"ts\":\"2024-05-01T10:15:30.123Z\",\"request_id\":\"req-7\",\"method\":\"POST\","
                + "\"path\":\"/api/orders\",\"status\":403,\"latency_ms\":12.346,\"outcome\":\"AUTHZ_DENIED\","
                + "\"reason\":\"FORBIDDEN\",\"rule\":\"orders-write\",\"sub\":\"alice\",\"iss\":\"https://idp.example\","
                + "\"client_id\":\"shop-ui\",\"jti\":\"jti-1\",\"client_ip\":\"192.0.2.10\",\"model\":\"fast\","
                + "\"tokens_in\":12}", AuditJson.format(event));
    }

    @Test
    void formatWhenOptionalFieldsNullThenOmitsThem() {
        assertEquals("{\"ts\":\"2024-05-01T10:15:30.123Z\",\"request_id\":\"r-1\",\"method\":\"GET\",\"path\":\"/health\","
                + "\"status\":200,\"latency_ms\":3,\"outcome\":\"PUBLIC\"}",
                AuditJson.format(AuditEvents.publicRequest("r-1")));
    }

    @Test
    void formatWhenAlwaysWrittenFieldsNullThenWritesJsonNull() throws Exception {
        AuditEvent event = new AuditEvent(Instant.EPOCH, null, null, null, 0, null, Outcome.BAD_REQUEST, null, null,
                null, null, null, null, null, null);

        assertEquals("{\"ts\":\"1970-01-01T00:00:00.000Z\",\"request_id\":null,\"method\":null,\"path\":null,"
                + "\"status\":0,\"latency_ms\":null,\"outcome\":\"BAD_REQUEST\"}", AuditJson.format(event));
        assertEquals(7, parse(AuditJson.format(event)).size());
    }

    @Test
    void formatWhenEveryOutcomeThenParsesWithItsName() throws Exception {
        for (Outcome outcome : Outcome.values()) {
            AuditEvent event = new AuditEvent(AuditEvents.AT, "r", "GET", "/", 200, Duration.ZERO, outcome,
                    outcome == Outcome.AUTHN_REJECTED ? "EXPIRED" : null, null, null, null, null, null, null, null);
            assertEquals(outcome.name(), parse(AuditJson.format(event)).get("outcome"));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0", "499, 0", "500, 0.001", "1000, 0.001", "1500000, 1.5", "5000000, 5",
        "12345678, 12.346", "60000000000, 60000", "-2000000, -2"})
    void formatWritesLatencyAsMillisecondsWithAtMostThreeFractionDigits(long nanos, String expected) {
        assertEquals(expected, JsonNumbers.millis(Duration.ofNanos(nanos)));
    }

    @Test
    void formatWhenLatencyTooLongForNanosecondsThenStillWritesIt() {
        assertEquals("86400000000000", JsonNumbers.millis(Duration.ofDays(1_000_000)));
    }

    @Test
    void formatWritesTimestampInUtcTruncatedToMillisecondsWithThreeDigits() throws Exception {
        assertEquals("2024-05-01T10:15:30.000Z", parse(AuditJson.format(
                new AuditEvent(Instant.parse("2024-05-01T12:15:30+02:00"), "r", "GET", "/", 200,
                        Duration.ZERO, Outcome.PUBLIC, null, null, null, null, null, null, null, null))).get("ts"));
        assertEquals("2024-05-01T10:15:30.123Z", parse(AuditJson.format(AuditEvents.publicRequest("r"))).get("ts"));
    }

    @Test
    void formatWritesExtraValuesAsJson() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("provider", "openai");
        nested.put("fallbacks", List.of("a", "b"));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cost", new java.math.BigDecimal("0.0042"));
        extra.put("cached", true);
        extra.put("none", null);
        extra.put("call", nested);
        extra.put("when", Duration.ofSeconds(2));

        String json = AuditJson.format(AuditEvents.withExtra(extra));

        assertTrue(json.endsWith(",\"cost\":0.0042,\"cached\":true,\"none\":null,"
                + "\"call\":{\"provider\":\"openai\",\"fallbacks\":[\"a\",\"b\"]},\"when\":\"PT2S\"}"), json);
        assertEquals(nested, parse(json).get("call"));
    }

    @Test
    void formatWhenNumberTextIsNotJsonThenWritesItAsString() throws Exception {
        Number sneaky = new java.util.concurrent.atomic.AtomicLong() {
            @Override
            public String toString() {
                return "1,\"outcome\":\"AUTHN_OK\"";
            }
        };
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nan", Double.NaN);
        extra.put("inf", Float.NEGATIVE_INFINITY);
        extra.put("sneaky", sneaky);
        extra.put("big", 1.0E300);

        Map<String, Object> parsed = parse(AuditJson.format(AuditEvents.withExtra(extra)));

        assertEquals("NaN", parsed.get("nan"));
        assertEquals("-Infinity", parsed.get("inf"));
        assertEquals("1,\"outcome\":\"AUTHN_OK\"", parsed.get("sneaky"));
        assertEquals(1.0E300, parsed.get("big"));
        assertEquals("PUBLIC", parsed.get("outcome"));
    }

    @Test
    void formatWhenExtraKeyRepeatsCoreFieldThenPrefixesIt() throws Exception {
        Map<String, Object> parsed = parse(AuditJson.format(AuditEvents.withExtra(Map.of("sub", "mallory"))));

        assertEquals("mallory", parsed.get("extra.sub"));
        assertFalse(parsed.containsKey("sub"));
    }

    @Test
    void formatWhenExtraNestsTooDeepOrCyclesThenStopsWithMarker() throws Exception {
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("self", cycle);

        String json = AuditJson.format(AuditEvents.withExtra(Map.of("cycle", cycle)));

        parse(json);
        assertTrue(json.contains("\"self\":\"[too deep]\""), json);
    }

    @Test
    void formatWhenCollectionIsLargeThenWritesFirstElementsAndCount() throws Exception {
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            groups.add(i);
        }
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            wide.put("k" + i, i);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("groups", groups);
        extra.put("wide", wide);

        Map<String, Object> parsed = parse(AuditJson.format(AuditEvents.withExtra(extra)));

        List<?> written = (List<?>) parsed.get("groups");
        assertEquals(AuditJson.MAX_ELEMENTS + 1, written.size());
        assertEquals("[900 more]", written.get(AuditJson.MAX_ELEMENTS));
        Map<?, ?> writtenWide = (Map<?, ?>) parsed.get("wide");
        assertEquals(AuditJson.MAX_ELEMENTS + 1, writtenWide.size());
        assertEquals("[50 more]", writtenWide.get("..."));
    }
}
