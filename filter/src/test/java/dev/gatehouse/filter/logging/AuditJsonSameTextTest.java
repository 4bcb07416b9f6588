package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The cheap paths of {@link AuditJson} write byte for byte what it wrote before them: the timestamp what the
 * {@link DateTimeFormatter} it used wrote, the latency what its {@link BigDecimal} arithmetic wrote, integers what
 * {@code String.valueOf} wrote, numbers are told apart as the regular expression did. The old ways are kept here as the
 * reference.
 */
class AuditJsonSameTextTest {

    private static final DateTimeFormatter OLD_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The old text, or the class of what it threw (beyond the years LocalDate holds, as Instant.MIN). */
    private static String oldTimestamp(Instant at) {
        try {
            return OLD_TIMESTAMP.format(at.truncatedTo(ChronoUnit.MILLIS));
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static String oldMillis(Duration latency) {
        BigDecimal ms = BigDecimal.valueOf(latency.getSeconds()).multiply(BigDecimal.valueOf(1000))
                .add(BigDecimal.valueOf(latency.getNano(), 6))
                .setScale(3, RoundingMode.HALF_UP);
        return ms.signum() == 0 ? "0" : ms.stripTrailingZeros().toPlainString();
    }

    private static String timestamp(Instant at) {
        try {
            return UtcMillisText.append(at, new StringBuilder()).toString();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /**
     * Boundaries of seconds, days, months, years (leap days, centuries) and of the Instant range, whose ends the
     * formatter refuses (both ways throw the same DateTimeException).
     */
    private static List<Instant> edges() {
        List<Instant> edges = new ArrayList<>();
        for (String day : List.of("1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2024-02-28", "2023-12-31",
                "2100-02-28", "1900-02-28", "0000-12-31", "9999-12-31", "2026-11-30")) {
            Instant midnight = Instant.parse(day + "T00:00:00Z");
            Instant lastNano = Instant.parse(day + "T23:59:59.999999999Z");
            for (Instant at : List.of(midnight, lastNano, lastNano.plusNanos(1), midnight.minusNanos(1))) {
                for (long nanos : new long[] {0, 1, 999_999, 1_000_000, 1_000_001, 9_999_999, 10_000_000, 99_999_999,
                        100_000_000, 123_456_789, 500_000_000, 999_000_000, 999_999_999}) {
                    edges.add(at.truncatedTo(ChronoUnit.SECONDS).plusNanos(nanos));
                }
            }
        }
        edges.addAll(List.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.ofEpochSecond(-1, 1_000_000),
                Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00.001Z"),
                Instant.MIN, Instant.MAX, Instant.MIN.plusMillis(1), Instant.MAX.minusMillis(1)));
        return edges;
    }

    @Test
    void formatWritesTimestampAsTheDateTimeFormatterDidAtEdgesOfSecondsDaysAndYears() {
        for (Instant at : edges()) {
            assertEquals(oldTimestamp(at), timestamp(at), at::toString);
        }
    }

    @Test
    void formatWritesTimestampAsTheDateTimeFormatterDidForRandomInstantsInAnyOrder() {
        SplittableRandom random = new SplittableRandom(20261130);
        Instant now = Instant.parse("2026-11-30T10:15:30.123456789Z");
        for (int i = 0; i < 20_000; i++) {
            Instant at = switch (i % 4) {
                case 0 -> now.plusNanos(i * 37_123L); // in time order: mostly the cached second
                case 1 -> Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), // years 0-9999
                        random.nextInt(1_000_000_000));
                case 2 -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(),
                        Instant.MAX.getEpochSecond()), random.nextInt(1_000_000_000));
                default -> now.minusSeconds(random.nextInt(3)).plusNanos(random.nextInt(1_000_000_000));
            };
            assertEquals(oldTimestamp(at), timestamp(at), at::toString);
        }
    }

    @Test
    void formatWritesTimestampAsTheDateTimeFormatterDidWhenThreadsFormatDifferentSecondsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Instant from = Instant.parse("2024-02-29T23:59:58Z").plusSeconds(t * 3601L);
                tasks.add(() -> {
                    int checked = 0;
                    for (int i = 0; i < 20_000; i++) {
                        Instant at = from.plusNanos(i * 77_777L);
                        assertEquals(oldTimestamp(at), timestamp(at), at::toString);
                        checked++;
                    }
                    return checked;
                });
            }
            for (Future<Integer> done : threads.invokeAll(tasks)) {
                assertEquals(20_000, done.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void formatWritesLatencyAsTheBigDecimalArithmeticDid() {
        List<Duration> latencies = new ArrayList<>(List.of(Duration.ZERO, Duration.ofNanos(499), Duration.ofNanos(500),
                Duration.ofNanos(-499), Duration.ofNanos(-500), Duration.ofNanos(-501), Duration.ofNanos(1_500),
                Duration.ofNanos(999_499), Duration.ofNanos(999_500), Duration.ofNanos(-999_500),
                Duration.ofSeconds(9_000_000_000L, 999_999_999), Duration.ofSeconds(-9_000_000_000L),
                Duration.ofSeconds(9_000_000_001L, 500), Duration.ofSeconds(-9_000_000_001L, 999_999_500),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE)));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long nanos = switch (i % 3) {
                case 0 -> random.nextLong(-5_000_000_000L, 5_000_000_000L);
                case 1 -> random.nextLong(100_000) * 500; // many exact halves of a microsecond
                default -> random.nextLong();
            };
            latencies.add(Duration.ofNanos(nanos));
        }
        for (Duration latency : latencies) {
            assertEquals(oldMillis(latency), JsonNumbers.millis(latency), latency::toString);
        }
    }

    @Test
    void isJsonNumberAgreesWithTheRegularExpressionItReplaced() {
        Pattern old = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        List<String> texts = new ArrayList<>(List.of("", "-", "0", "-0", "00", "01", "10", "1.", ".5", "1.5", "1.5.5",
                "1e", "1e+", "1e5", "1E-05", "1e+5x", "-1.0E300", "NaN", "Infinity", "-Infinity", "0x10", "+1", "1_000",
                "\u0661", "1 ", " 1", "1,\"outcome\":\"AUTHN_OK\"", "1.0e", "0.0042", "9".repeat(400)));
        char[] alphabet = "-+.eE019x".toCharArray();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30_000; i++) {
            char[] text = new char[random.nextInt(8)];
            for (int c = 0; c < text.length; c++) {
                text[c] = alphabet[random.nextInt(alphabet.length)];
            }
            texts.add(new String(text));
        }
        for (String text : texts) {
            assertEquals(old.matcher(text).matches(), JsonNumbers.isJsonNumber(text), text);
        }
    }

    @Test
    void formatWritesIntegersAsTheirStringValue() {
        Map<String, Object> extra = new LinkedHashMap<>();
        List<Object> numbers = List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
                (short) -32768, (byte) 127, 1.5, new BigDecimal("1E+3"));
        for (int i = 0; i < numbers.size(); i++) {
            extra.put("n" + i, numbers.get(i));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            expected.append(",\"n").append(i).append("\":").append(numbers.get(i));
        }

        String json = AuditJson.format(AuditEvents.withExtra(extra));

        assertEquals(expected + "}", json.substring(json.indexOf(",\"n0\"")));
    }
}
