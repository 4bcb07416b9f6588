package dev.gatehouse.cdi.ai.routing;

import dev.gatehouse.cdi.ai.config.Target;

/**
 * One try of one target during a call, for the usage record and the audit event.
 *
 * @param outcome {@code ok}, the HTTP status that failed ({@code "429"}, {@code "503"}), {@code timeout},
 *        {@code connect}, {@code malformed}
 */
public record Attempt(Target target, String outcome) {
}
