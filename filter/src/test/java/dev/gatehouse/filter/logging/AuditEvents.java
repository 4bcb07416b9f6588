package dev.gatehouse.filter.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.gatehouse.filter.logging.AuditEvent.Outcome;

/** Audit events for tests. */
final class AuditEvents {

    static final Instant AT = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private AuditEvents() {
    }

    /** A public request with the given request id and nothing optional. */
    static AuditEvent publicRequest(String requestId) {
        return new AuditEvent(AT, requestId, "GET", "/health", 200, Duration.ofMillis(3), Outcome.PUBLIC, null, null,
                null, null, null, null, null, null);
    }

    /** An accepted token whose subject is {@code subject}. */
    static AuditEvent withSubject(String subject) {
        return new AuditEvent(AT, "r-1", "GET", "/api", 200, Duration.ofMillis(3), Outcome.AUTHN_OK, null, null,
                subject, null, null, null, null, null);
    }

    /** A public request carrying {@code extra}. */
    static AuditEvent withExtra(Map<String, Object> extra) {
        return new AuditEvent(AT, "r-1", "POST", "/ai", 200, Duration.ofMillis(3), Outcome.PUBLIC, null, null, null,
                null, null, null, null, extra);
    }
}
