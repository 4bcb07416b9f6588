package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.CacheFixture.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * One second before, at and after each time boundary a remembered token gives the answer the full validation gives
 * at that second, on the same clock: accepted from the cache inside its window, the exact rejection outside it.
 */
class CachedTimeBoundariesTest {

    @TempDir
    static Path dir;

    private static final String ACCEPTED = "accepted";

    /**
     * @param token the token minted at second {@code iat}
     * @param rememberedAt seconds after {@code iat} at which the token is first validated (and remembered)
     * @param boundary seconds after {@code iat} of the boundary; {@code outcomes} at boundary - 1, boundary, + 1
     */
    record Boundary(String name, Setup setup, BiFunction<TokenMinter, Long, TokenMinter> token, long rememberedAt,
            long boundary, List<String> outcomes) {
        @Override
        public String toString() {
            return name + " at iat" + (boundary < 0 ? "" : "+") + boundary;
        }
    }

    static Stream<Boundary> boundaries() {
        return Stream.of(
                new Boundary("exp + skew", Setup.DEFAULT, (t, iat) -> t.ttl(Duration.ofSeconds(300)), 0, 360,
                        List.of(ACCEPTED, "EXPIRED", "EXPIRED")),
                new Boundary("exp without skew", Setup.of("skew-0", "mp.jwt.verify.clock.skew", "0"),
                        (t, iat) -> t.ttl(Duration.ofSeconds(300)), 0, 300, List.of(ACCEPTED, "EXPIRED", "EXPIRED")),
                new Boundary("nbf - skew", Setup.DEFAULT,
                        (t, iat) -> t.ttl(Duration.ofHours(1)).claim("nbf", iat + 100), 100, 40,
                        List.of("NOT_YET_VALID", ACCEPTED, ACCEPTED)),
                new Boundary("iat - skew", Setup.DEFAULT, (t, iat) -> t, 0, -60,
                        List.of("ISSUED_IN_FUTURE", ACCEPTED, ACCEPTED)),
                new Boundary("iat + token age + skew", Setup.of("token-age-600", "mp.jwt.verify.token.age", "600"),
                        (t, iat) -> t.ttl(Duration.ofHours(1)), 0, 661, List.of(ACCEPTED, "TOO_OLD", "TOO_OLD")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void rememberedTokenAnswersAsFullValidationAroundTimeBoundary(Boundary row) throws Exception {
        for (int second = -1; second <= 1; second++) {
            MutableClock clock = new MutableClock();
            CacheFixture cache = new CacheFixture(row.setup(), 10, dir, clock);
            long iat = clock.instant().getEpochSecond();
            String token = row.token().apply(TestTokens.valid().clock(clock), iat).mint();
            clock.advance(Duration.ofSeconds(row.rememberedAt()));
            cache.cached.validate(token);
            clock.advance(Duration.ofSeconds(row.boundary() + second - row.rememberedAt()));

            String expected = row.outcomes().get(second + 1);
            String at = row + " " + (second < 0 ? "" : "+") + second + "s";
            assertEquals(expected, outcome(cache.cached, token), at);
            assertEquals(expected, outcome(cache.full, token), at + " (full validation)");
            assertEquals(expected.equals(ACCEPTED) ? 1 : 2, cache.fullValidations(),
                    at + ": accepted from the cache, rejected by the full validation");
        }
    }
}
