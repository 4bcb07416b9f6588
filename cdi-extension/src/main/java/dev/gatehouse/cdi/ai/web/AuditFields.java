package dev.gatehouse.cdi.ai.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.gatehouse.filter.logging.AuditEvent;

/** The request's extra audit fields ({@link AuditEvent#EXTRA_ATTRIBUTE}), where gateway calls add theirs. */
public final class AuditFields {

    private AuditFields() {
    }

    /** The request's map, created when missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(HttpServletRequest request) {
        Object existing = request.getAttribute(AuditEvent.EXTRA_ATTRIBUTE);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        request.setAttribute(AuditEvent.EXTRA_ATTRIBUTE, fields);
        return fields;
    }
}
