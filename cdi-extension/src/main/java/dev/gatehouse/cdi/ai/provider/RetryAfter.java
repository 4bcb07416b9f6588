package dev.gatehouse.cdi.ai.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3), for every adapter: delay-seconds (fractions accepted, as some
 * providers send them) or an HTTP-date. A date in the past is a zero delay; anything unreadable is no delay
 * ({@code null}).
 */
final class RetryAfter {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,15}(\\.\\d{1,3})?");

    private RetryAfter() {
    }

    static Duration parse(String header, Clock clock) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (SECONDS.matcher(value).matches()) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
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
