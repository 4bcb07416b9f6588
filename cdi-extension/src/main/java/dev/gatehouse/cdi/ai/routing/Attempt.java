package dev.gatehouse.cdi.ai.routing;

import dev.gatehouse.cdi.ai.config.Target;

/**
 * One try of one target during a call, for the usage record and the audit event.
 *
 * @param outcome {@code ok}, the HTTP status that failed ({@code "429"}, {@code "503"}), {@code timeout},
 *        {@code connect}, {@code malformed}, {@code refused}; for a stream that answered 2xx but failed before its
 *        first chunk, {@code stream_} and the status of the error event it sent ({@code "stream_503"} for Anthropic's
 *        {@code overloaded_error}) or {@code stream_cut} (the connection broke or ended)
 */
public record Attempt(Target target, String outcome) {
}
