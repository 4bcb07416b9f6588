package dev.gatehouse.filter.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.config.TrustedProxies;
import dev.gatehouse.filter.logging.AuditEvent;
import dev.gatehouse.filter.logging.AuditEvent.Outcome;
import dev.gatehouse.filter.logging.AuditLog;
import dev.gatehouse.filter.token.Rejection;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * Turns the filter's decision about one request into its one audit event: who (claims of an accepted token), what
 * (method, path without query), the decision (outcome, stable reason code, deciding rule), status and latency. Reads
 * nothing the client could use to smuggle secrets in: no header but the request id and, behind a trusted proxy,
 * {@code X-Forwarded-For}; no token text, no body.
 */
final class AuditRecorder {

    /**
     * Request attribute where later layers put further fields of the request's audit event (a
     * {@code Map<String, Object>}, e.g. the AI gateway's model alias, provider, tokens, fallbacks); see
     * {@link dev.gatehouse.filter.logging.AuditEvent#extra()}.
     */
    static final String EXTRA_ATTRIBUTE = dev.gatehouse.filter.logging.AuditEvent.EXTRA_ATTRIBUTE;

    private final AuditLog log;
    private final TrustedProxies proxies;
    private final Clock clock;

    AuditRecorder(AuditLog log, TrustedProxies proxies, Clock clock) {
        this.log = log;
        this.proxies = proxies;
        this.clock = clock;
    }

    /** What is known when the request arrives. */
    record Start(Instant at, long nanos, String requestId) {
    }

    Start start(HttpServletRequest request) {
        return new Start(clock.instant(), System.nanoTime(), RequestIds.of(request));
    }

    /** Records the event of a request the filter decided and, when it passed, the application answered. */
    void record(Start start, HttpServletRequest request, HttpServletResponse response, RequestGate.Outcome outcome,
            AccessDeniedException denied) {
        record(start, request, response.getStatus(), outcome, denied);
    }

    /** As {@link #record(Start, HttpServletRequest, HttpServletResponse, RequestGate.Outcome, AccessDeniedException)}
     * with the status given (500 when the application threw). */
    void record(Start start, HttpServletRequest request, int status, RequestGate.Outcome outcome,
            AccessDeniedException denied) {
        Outcome kind;
        String reason = null;
        String rule = null;
        ValidatedToken token = null;
        if (outcome instanceof RequestGate.Pass pass) {
            token = pass.request() instanceof AuthenticatedRequest authenticated ? authenticated.token() : null;
            kind = token == null ? Outcome.PUBLIC : Outcome.AUTHN_OK;
            rule = pass.ruleId();
            if (denied != null) {
                kind = denied.authenticated() ? Outcome.AUTHZ_DENIED : Outcome.AUTHN_REJECTED;
                reason = denied.authenticated() ? Rejection.FORBIDDEN_BY_RULE.name() : Rejection.MISSING.name();
                rule = denied.element();
            }
        } else if (outcome instanceof RequestGate.Reject reject) {
            Rejection rejection = reject.rejection();
            reason = rejection.name();
            rule = reject.ruleId();
            token = reject.token();
            kind = rejection == Rejection.FORBIDDEN_BY_RULE ? Outcome.AUTHZ_DENIED
                    : rejection.reason().status() == 400 ? Outcome.BAD_REQUEST : Outcome.AUTHN_REJECTED;
        } else if (outcome instanceof RequestGate.AmbiguousPath) {
            kind = Outcome.BAD_REQUEST;
            reason = "AMBIGUOUS_PATH";
        } else {
            kind = Outcome.UNAVAILABLE;
            reason = "KEYS_UNAVAILABLE";
        }
        log.record(new AuditEvent(start.at(), start.requestId(), request.getMethod(), path(request), status, Duration.ofNanos(System.nanoTime() - start.nanos()), kind, reason, rule,
                token == null ? null : token.subject(), token == null ? null : token.issuer(),
                token == null ? null : string(token, "client_id"), token == null ? null : string(token, "jti"),
                ClientAddress.of(request, proxies), extra(request)));
    }

    /** Closes the log (the application stops). */
    void close() {
        log.close();
    }

    private static String path(HttpServletRequest request) {
        Optional<String> normalised = RequestPath.of(request);
        return normalised.map(p -> request.getContextPath() + p).orElseGet(request::getRequestURI);
    }

    private static Map<String, Object> extra(HttpServletRequest request) {
        Object extra = request.getAttribute(EXTRA_ATTRIBUTE);
        if (!(extra instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        return fields;
    }

    private static String string(ValidatedToken token, String claim) {
        return token.claim(claim) instanceof String value ? value : null;
    }
}
