package dev.gatehouse.cdi.ai.config;

import java.time.Duration;

/**
 * Retries and the circuit breaker, for all targets ({@code gatehouse.ai.routing.*}).
 *
 * @param retryBaseDelay first backoff before a retry of the same target; doubles each time, with full jitter
 * @param retryMaxDelay cap of one backoff
 * @param breakerFailures consecutive retryable failures after which a target is cooled down
 * @param breakerCooldown how long a cooled-down target gets no request
 */
public record RoutingSettings(Duration retryBaseDelay, Duration retryMaxDelay, int breakerFailures,
        Duration breakerCooldown) {

    public static final RoutingSettings DEFAULTS = new RoutingSettings(Duration.ofMillis(200), Duration.ofSeconds(5), 5,
            Duration.ofSeconds(30));
}
