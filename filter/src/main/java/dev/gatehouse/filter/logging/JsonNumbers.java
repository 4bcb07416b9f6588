package dev.gatehouse.filter.logging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** The numbers of an {@link AuditJson} line: the latency in milliseconds, and which texts are JSON numbers. */
final class JsonNumbers {

    /** Latencies up to this many seconds (about 285 years) have their nanoseconds in a {@code long}. */
    private static final long MAX_EXACT_SECONDS = 9_000_000_000L;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private JsonNumbers() {
    }

    /** {@code latency} as {@link #millis(Duration, StringBuilder)} writes it. */
    static String millis(Duration latency) {
        return millis(latency, new StringBuilder()).toString();
    }

    /**
     * Appends {@code latency} in milliseconds, rounded half-up (away from zero) to the microsecond, trailing zeros
     * dropped: {@code 12.346}, {@code 1.5}, {@code 7}, {@code -0.5}, {@code 0}; {@code null} when null. In
     * {@code long} arithmetic, except for latencies beyond {@value #MAX_EXACT_SECONDS} seconds.
     */
    static StringBuilder millis(Duration latency, StringBuilder out) {
        if (latency == null) {
            return out.append("null");
        }
        long seconds = latency.getSeconds();
        if (seconds > MAX_EXACT_SECONDS || seconds < -MAX_EXACT_SECONDS) {
            BigDecimal ms = BigDecimal.valueOf(seconds).multiply(THOUSAND)
                    .add(BigDecimal.valueOf(latency.getNano(), 6))
                    .setScale(3, RoundingMode.HALF_UP);
            return out.append(ms.stripTrailingZeros().toPlainString());
        }
        long nanos = seconds * 1_000_000_000L + latency.getNano();
        long micros = nanos >= 0 ? (nanos + 500) / 1000 : -((500 - nanos) / 1000);
        if (micros < 0) {
            out.append('-');
            micros = -micros;
        }
        out.append(micros / 1000);
        int fraction = (int) (micros % 1000);
        if (fraction != 0) {
            out.append('.').append((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                out.append((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    out.append((char) ('0' + fraction % 10));
                }
            }
        }
        return out;
    }

    /** Whether {@code text} is a JSON number (RFC 8259 §6): {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String text) {
        int end = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        if (i < end && text.charAt(i) == '0') {
            i++;
        } else if (i < end && text.charAt(i) >= '1' && text.charAt(i) <= '9') {
            i = digits(text, i + 1);
        } else {
            return false;
        }
        if (i < end && text.charAt(i) == '.') {
            int fraction = i + 1;
            i = digits(text, fraction);
            if (i == fraction) {
                return false;
            }
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            i = digits(text, exponent);
            if (i == exponent) {
                return false;
            }
        }
        return i == end;
    }

    /** The index of the first char at or after {@code from} that is not an ASCII digit. */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
