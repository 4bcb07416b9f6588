package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.RoutingSettings;
import dev.gatehouse.cdi.ai.config.Strategy;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.filter.testing.MutableClock;

/** Target health (Retry-After, circuit breaker, latency), target order per strategy, backoff with jitter. */
class RoutingTest {

    private static final RoutingSettings SETTINGS = new RoutingSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 3,
            Duration.ofSeconds(30));
    private static final Target A = new Target("a", "m1");
    private static final Target B = new Target("b", "m2");
    private static final Target C = new Target("c", "m3");

    private final MutableClock clock = new MutableClock();
    private final TargetHealth health = new TargetHealth(SETTINGS, clock);

    private static AliasSettings alias(Strategy strategy, List<Integer> weights) {
        return new AliasSettings("chat", List.of(A, B, C), strategy, weights, Set.of());
    }

    @Test
    void retryAfterBlocksTheTargetForEveryoneUntilItPasses() {
        health.failure(A, Duration.ofSeconds(20));
        assertFalse(health.available(A));
        clock.advance(Duration.ofSeconds(19));
        assertFalse(health.available(A));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(health.available(A));
    }

    @Test
    void consecutiveFailuresOpenTheBreakerForTheCooldown() {
        health.failure(A, null);
        health.failure(A, null);
        assertTrue(health.available(A), "two failures are not enough");
        health.failure(A, null);
        assertFalse(health.available(A));
        clock.advance(Duration.ofSeconds(30));
        assertTrue(health.available(A), "half-open after the cooldown");
    }

    @Test
    void successResetsTheFailureCount() {
        health.failure(A, null);
        health.failure(A, null);
        health.success(A, Duration.ofMillis(10));
        health.failure(A, null);
        health.failure(A, null);
        assertTrue(health.available(A));
    }

    @Test
    void priorityKeepsConfiguredOrderWithoutBlockedTargets() {
        TargetOrder order = new TargetOrder(health, new Random(1));
        assertEquals(List.of(A, B, C), order.of(alias(Strategy.PRIORITY, List.of())));
        health.failure(A, Duration.ofSeconds(5));
        assertEquals(List.of(B, C), order.of(alias(Strategy.PRIORITY, List.of())));
    }

    @Test
    void weightedDrawsFirstTargetInProportionToWeight() {
        TargetOrder order = new TargetOrder(health, new Random(42));
        Map<Target, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            List<Target> drawn = order.of(alias(Strategy.WEIGHTED, List.of(6, 3, 1)));
            assertEquals(3, drawn.size(), "every target appears once");
            firsts.merge(drawn.get(0), 1, Integer::sum);
        }
        assertEquals(6000, firsts.get(A), 300);
        assertEquals(3000, firsts.get(B), 300);
        assertEquals(1000, firsts.get(C), 200);
    }

    @Test
    void weightedNeverPicksZeroWeightFirst() {
        TargetOrder order = new TargetOrder(health, new Random(7));
        for (int i = 0; i < 1000; i++) {
            assertEquals(C, order.of(alias(Strategy.WEIGHTED, List.of(0, 0, 1))).get(0));
        }
    }

    @Test
    void leastLatencyTriesUnmeasuredThenFastest() {
        TargetOrder order = new TargetOrder(health, new Random(1));
        health.success(A, Duration.ofMillis(300));
        health.success(C, Duration.ofMillis(50));
        assertEquals(List.of(B, C, A), order.of(alias(Strategy.LEAST_LATENCY, List.of())));
    }

    @Test
    void backoffGrowsExponentiallyWithFullJitterUpToTheCap() {
        Backoff backoff = new Backoff(SETTINGS, new Random(3));
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(2000, 100L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long millis = backoff.delay(attempt, null).toMillis();
                assertTrue(millis >= 0 && millis <= ceiling, attempt + ": " + millis);
            }
        }
    }

    @Test
    void backoffHonoursALongerRetryAfter() {
        Backoff backoff = new Backoff(SETTINGS, new Random(3));
        assertEquals(Duration.ofSeconds(7), backoff.delay(1, Duration.ofSeconds(7)));
    }
}
