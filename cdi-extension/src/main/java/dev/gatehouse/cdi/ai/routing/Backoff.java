package dev.gatehouse.cdi.ai.routing;

import java.time.Duration;
import java.util.random.RandomGenerator;

import dev.gatehouse.cdi.ai.config.RoutingSettings;

/**
 * Delay before retry {@code n} of the same target: exponential ({@code base × 2^(n-1)}, capped) with full jitter
 * (uniform between zero and that), so callers that failed together do not retry together. A target's own
 * {@code Retry-After} wins when it is longer.
 */
public final class Backoff {

    private final RoutingSettings settings;
    private final RandomGenerator random;

    public Backoff(RoutingSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** @param attempt 1 for the first retry */
    public Duration delay(int attempt, Duration retryAfter) {
        long base = settings.retryBaseDelay().toMillis();
        long cap = settings.retryMaxDelay().toMillis();
        long ceiling = Math.min(cap, base << Math.min(attempt - 1, 20));
        Duration jittered = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }
}
