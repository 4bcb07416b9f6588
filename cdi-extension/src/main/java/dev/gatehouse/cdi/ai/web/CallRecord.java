package dev.gatehouse.cdi.ai.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.Usage;
import dev.gatehouse.cdi.ai.routing.Attempt;
import dev.gatehouse.filter.logging.AuditEvent;

/**
 * The AI fields of the request's audit event ({@link AuditEvent#EXTRA_ATTRIBUTE}): alias, provider and model that
 * served, tokens, whether usage was reported, how a stream ended, and the fallbacks taken — written for failed calls
 * too. Never the prompt or the answer.
 */
final class CallRecord {

    private final Map<String, Object> fields;

    private CallRecord(Map<String, Object> fields) {
        this.fields = fields;
    }

    @SuppressWarnings("unchecked")
    static CallRecord of(HttpServletRequest request, String alias, boolean stream) {
        Object existing = request.getAttribute(AuditEvent.EXTRA_ATTRIBUTE);
        Map<String, Object> fields = existing instanceof Map<?, ?> map ? (Map<String, Object>) map
                : new LinkedHashMap<>();
        request.setAttribute(AuditEvent.EXTRA_ATTRIBUTE, fields);
        fields.put("ai_alias", alias);
        fields.put("ai_stream", stream);
        return new CallRecord(fields);
    }

    void served(Target target, List<Attempt> attempts, Usage usage, String end) {
        fields.put("ai_provider", target.provider());
        fields.put("ai_model", target.model());
        fields.put("ai_tokens_in", usage.promptTokens());
        fields.put("ai_tokens_out", usage.completionTokens());
        fields.put("ai_tokens_cached", usage.cachedTokens());
        fields.put("ai_usage_reported", usage.reported());
        fields.put("ai_end", end);
        fallbacks(attempts);
    }

    void failed(List<Attempt> attempts, int status) {
        fields.put("ai_end", "failed");
        fields.put("ai_upstream_status", status);
        fallbacks(attempts);
    }

    private void fallbacks(List<Attempt> attempts) {
        fields.put("ai_attempts", attempts.stream().map(a -> a.target() + " " + a.outcome()).toList());
    }
}
