package dev.gatehouse.cdi.ai.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.cdi.ai.config.RoutingSettings;
import dev.gatehouse.cdi.ai.config.Target;

/**
 * What the gateway knows about each target, shared by all callers: a target that answered {@code Retry-After} gets no
 * request from anyone until then; one that failed {@code breakerFailures} times in a row is cooled down for
 * {@code breakerCooldown} (circuit breaker: after the cooldown one call may try it again, a success closes the
 * breaker); recent latency (moving average) for the least-latency strategy. Thread-safe.
 */
public final class TargetHealth {

    private static final double LATENCY_WEIGHT = 0.2;

    private final RoutingSettings settings;
    private final Clock clock;
    private final Map<Target, State> states = new ConcurrentHashMap<>();

    private static final class State {
        Instant blockedUntil = Instant.MIN;
        int consecutiveFailures;
        double latencyMillis = Double.NaN;
    }

    public TargetHealth(RoutingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether {@code target} may get a request now. */
    public boolean available(Target target) {
        State state = states.get(target);
        if (state == null) {
            return true;
        }
        synchronized (state) {
            return !clock.instant().isBefore(state.blockedUntil);
        }
    }

    /** When {@code target} becomes available again ({@link Instant#MIN} when it is). */
    public Instant blockedUntil(Target target) {
        State state = states.get(target);
        if (state == null) {
            return Instant.MIN;
        }
        synchronized (state) {
            return state.blockedUntil;
        }
    }

    /** A call answered in {@code latency}: closes the breaker, feeds the latency average. */
    public void success(Target target, Duration latency) {
        State state = state(target);
        synchronized (state) {
            state.consecutiveFailures = 0;
            double millis = latency.toNanos() / 1e6;
            state.latencyMillis = Double.isNaN(state.latencyMillis) ? millis
                    : LATENCY_WEIGHT * millis + (1 - LATENCY_WEIGHT) * state.latencyMillis;
        }
    }

    /**
     * A retryable failure (429, 5xx, timeout, connection failure).
     *
     * @param retryAfter the target's {@code Retry-After}, or {@code null}
     */
    public void failure(Target target, Duration retryAfter) {
        State state = state(target);
        Instant now = clock.instant();
        synchronized (state) {
            state.consecutiveFailures++;
            if (retryAfter != null && !retryAfter.isNegative()) {
                state.blockedUntil = later(state.blockedUntil, now.plus(retryAfter));
            }
            if (state.consecutiveFailures >= settings.breakerFailures()) {
                state.blockedUntil = later(state.blockedUntil, now.plus(settings.breakerCooldown()));
                state.consecutiveFailures = 0;
            }
        }
    }

    /** The recent latency in milliseconds, {@code NaN} when never measured. */
    public double latencyMillis(Target target) {
        State state = states.get(target);
        if (state == null) {
            return Double.NaN;
        }
        synchronized (state) {
            return state.latencyMillis;
        }
    }

    private State state(Target target) {
        return states.computeIfAbsent(target, t -> new State());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
