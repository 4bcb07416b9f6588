package dev.gatehouse.filter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.testing.TestTokens;

/** Every time check of a validation ({@code exp}, {@code nbf}, {@code iat}, token age) reads the validator's clock. */
class ValidatorClockTest {

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void validateWhenValidatorClockPassesExpiryThenExpiredThoughSystemTimeHasNot() throws Exception {
        Jose4jTokenValidator validator = Setup.DEFAULT.validator(dir, clock);
        String token = TestTokens.valid().clock(clock).ttl(Duration.ofMinutes(5)).mint();
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertEquals("alice", validator.validate(token).getName());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Rejection.EXPIRED, assertThrows(TokenRejectedException.class,
                () -> validator.validate(token)).rejection());
    }

    @Test
    void validateWhenValidatorClockReachesNotBeforeThenAcceptedThoughSystemTimeHasNot() throws Exception {
        Jose4jTokenValidator validator = Setup.DEFAULT.validator(dir, clock);
        long now = clock.instant().getEpochSecond();
        String token = TestTokens.valid().clock(clock).ttl(Duration.ofHours(1)).claim("nbf", now + 600).mint();
        clock.advance(Duration.ofSeconds(600 - 61));
        assertEquals(Rejection.NOT_YET_VALID, assertThrows(TokenRejectedException.class,
                () -> validator.validate(token)).rejection());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("alice", validator.validate(token).getName());
    }
}
