package dev.gatehouse.cdi.ai.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({
        "6m0s, 360000",
        "1s, 1000",
        "20ms, 20",
        "1.5s, 1500",
        "2m3s, 123000",
        "1h0m0s, 3600000",
        "17.299s, 17299",
        "250us, 0",
    })
    void goDurationWhenOpenAiResetValueThenParsed(String value, long millis) {
        assertEquals(Optional.of(millis), OpenAiRetryAfter.goDuration(value).map(Duration::toMillis));
    }

    @ParameterizedTest
    @CsvSource({"''", "6", "s", "6m0", "1x", "-1s", "6m 0s"})
    void goDurationWhenNotAGoDurationThenEmpty(String value) {
        assertEquals(Optional.empty(), OpenAiRetryAfter.goDuration(value));
    }

    @Test
    void ofWhenRetryAfterDateInThePastThenZero() {
        assertEquals(Duration.ZERO,
                OpenAiRetryAfter.of(503, headers("Retry-After", "Sun, 29 Nov 2026 10:00:00 GMT"), CLOCK));
    }

    @Test
    void ofWhenWaitHugeThenCappedAtOneHour() {
        assertEquals(OpenAiRetryAfter.MAX, OpenAiRetryAfter.of(429, headers("Retry-After", "999999999999"), CLOCK));
        assertEquals(OpenAiRetryAfter.MAX,
                OpenAiRetryAfter.of(429, headers("x-ratelimit-reset-tokens", "99999999h"), CLOCK));
    }

    @Test
    void ofWhenNegativeOrGarbageThenNull() {
        assertNull(OpenAiRetryAfter.of(429, headers("Retry-After", "-5"), CLOCK));
        assertNull(OpenAiRetryAfter.of(429, headers("retry-after-ms", "NaN"), CLOCK));
        assertNull(OpenAiRetryAfter.of(429, headers(), CLOCK));
    }

    @Test
    void ofWhenRateLimitResetButNot429ThenIgnored() {
        assertNull(OpenAiRetryAfter.of(503, headers("x-ratelimit-reset-requests", "1s"), CLOCK));
    }

    @Test
    void ofWhenBothLimitsExhaustedOrNeitherSaysThenTheLongerReset() {
        assertEquals(Duration.ofSeconds(30), OpenAiRetryAfter.of(429, headers(
                "x-ratelimit-reset-requests", "30s", "x-ratelimit-reset-tokens", "2s"), CLOCK));
        assertEquals(Duration.ofSeconds(30), OpenAiRetryAfter.of(429, headers(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "30s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "2s"), CLOCK));
    }

    @Test
    void ofWhenRequestsExhaustedThenRequestsReset() {
        assertEquals(Duration.ofSeconds(2), OpenAiRetryAfter.of(429, headers(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-remaining-tokens", "1000", "x-ratelimit-reset-tokens", "30s"), CLOCK));
    }

    @Test
    void ofWhenOnlyOneResetHeaderThenIt() {
        assertEquals(Duration.ofMillis(20),
                OpenAiRetryAfter.of(429, headers("x-ratelimit-reset-tokens", "20ms"), CLOCK));
    }
}
