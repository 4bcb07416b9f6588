package dev.gatehouse.cdi.ai.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. A date in the past is a zero
 * delay; anything unreadable is no delay ({@code null}).
 */
final class GeminiRetryAfter {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");

    private GeminiRetryAfter() {
    }

    static Duration parse(String header, Clock clock) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (SECONDS.matcher(value).matches()) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration delay = Duration.between(clock.instant(), at.toInstant());
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
