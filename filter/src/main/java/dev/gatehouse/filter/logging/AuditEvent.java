package dev.gatehouse.filter.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one request, for operators: who, what, the decision and how long it took. Never a token, header,
 * key or body. Values that come from the token (subject, issuer, ...) are written escaped by {@link AuditJson}.
 *
 * @param requestId from {@code X-Request-Id} or {@code traceparent} when valid, otherwise generated
 * @param path the request path without query string
 * @param status the HTTP status sent
 * @param reason the stable code of a refusal ({@code EXPIRED}, {@code BAD_SIGNATURE}, ...), else {@code null}
 * @param rule the rule or annotated element that decided, else {@code null}
 * @param subject {@code sub} of an accepted token, else {@code null} (also issuer, clientId, tokenId)
 * @param clientAddress the client's address, taken from {@code X-Forwarded-For} only behind a trusted proxy
 * @param extra further fields by later layers (the AI gateway: model alias, provider, tokens, cost), in order
 */
public record AuditEvent(Instant timestamp, String requestId, String method, String path, int status,
        Duration latency, Outcome outcome, String reason, String rule, String subject, String issuer, String clientId,
        String tokenId, String clientAddress, Map<String, Object> extra) {

    /**
     * Request attribute where a layer behind the filter puts further fields for the request's event: a
     * {@code Map<String, Object>} (ordered), copied into {@link #extra()} when the response is complete.
     */
    public static final String EXTRA_ATTRIBUTE = "dev.gatehouse.audit.extra";

    /** How Gatehouse decided the request. */
    public enum Outcome {
        /** A public path (or {@code @PermitAll}) without a token. */
        PUBLIC,
        /** A token was accepted and the request let through. */
        AUTHN_OK,
        /** No token where one is needed, or a token refused: {@code reason} says why. */
        AUTHN_REJECTED,
        /** A valid token whose roles a rule or annotation does not accept: {@code rule} says which. */
        AUTHZ_DENIED,
        /** A malformed request: ambiguous path, two tokens, a malformed {@code Authorization} header. */
        BAD_REQUEST,
        /** Keys could not be had: 503. */
        UNAVAILABLE
    }

    public AuditEvent {
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(outcome);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
