package dev.gatehouse.cdi.ai.provider;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the provider asks to wait, from (in this order) {@code retry-after-ms} (OpenAI's, milliseconds),
 * {@code Retry-After} (RFC 9110 §10.2.3: seconds or an HTTP date) and, on a 429 only, OpenAI's
 * {@code x-ratelimit-reset-requests}/{@code -tokens} (a Go duration such as {@code 6m0s} or {@code 20ms}) for the
 * limit whose {@code x-ratelimit-remaining-*} is 0 (the longer if both or neither say so). Unreadable values are
 * ignored; the wait is capped at {@link #MAX}.
 */
final class OpenAiRetryAfter {

    static final Duration MAX = Duration.ofHours(1);

    private static final Pattern NUMBER = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(h|ms|m|s|us|µs|ns)");

    private OpenAiRetryAfter() {
    }

    /** The wait, or {@code null} when the headers ask for none that can be read. */
    static Duration of(int status, HttpHeaders headers, Clock clock) {
        Optional<Duration> wait = headers.firstValue("retry-after-ms").flatMap(v -> number(v, 1_000_000))
                .or(() -> headers.firstValue("retry-after").flatMap(v -> seconds(v, clock)))
                .or(() -> status == 429 ? rateLimitReset(headers) : Optional.empty());
        return wait.map(w -> w.compareTo(MAX) > 0 ? MAX : w).orElse(null);
    }

    private static Optional<Duration> seconds(String value, Clock clock) {
        return Optional.ofNullable(RetryAfter.parse(value, clock));
    }

    private static Optional<Duration> number(String value, long nanosPerUnit) {
        String v = value.strip();
        if (!NUMBER.matcher(v).matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(new BigDecimal(v).multiply(BigDecimal.valueOf(nanosPerUnit))
                .min(BigDecimal.valueOf(MAX.toNanos())).longValue()));
    }

    private static Optional<Duration> rateLimitReset(HttpHeaders headers) {
        Optional<Duration> requests = reset(headers, "requests");
        Optional<Duration> tokens = reset(headers, "tokens");
        boolean requestsExhausted = exhausted(headers, "requests");
        boolean tokensExhausted = exhausted(headers, "tokens");
        if (requestsExhausted != tokensExhausted) {
            return requestsExhausted ? requests : tokens;
        }
        return requests.isEmpty() ? tokens
                : tokens.isEmpty() ? requests
                : Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
    }

    private static boolean exhausted(HttpHeaders headers, String limit) {
        return headers.firstValue("x-ratelimit-remaining-" + limit).map(String::strip).filter("0"::equals)
                .isPresent();
    }

    private static Optional<Duration> reset(HttpHeaders headers, String limit) {
        return headers.firstValue("x-ratelimit-reset-" + limit).flatMap(OpenAiRetryAfter::goDuration);
    }

    /** A Go {@code time.Duration} string: one or more number+unit pairs, e.g. {@code 1h2m3.5s}. */
    static Optional<Duration> goDuration(String value) {
        String v = value.strip();
        Matcher part = GO_DURATION.matcher(v);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
            end = part.end();
        }
        if (end == 0 || end != v.length()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.min(BigDecimal.valueOf(MAX.toNanos())).longValue()));
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
        };
    }
}
