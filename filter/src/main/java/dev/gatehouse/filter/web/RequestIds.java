package dev.gatehouse.filter.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request id of the audit event, returned as {@value #HEADER}: the caller's {@code X-Request-Id} when it is a
 * plain token of at most 128 characters, else the trace id of a valid W3C {@code traceparent}, else a new random id.
 * Anything else a client sends is ignored, never echoed.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    /** W3C Trace Context §3.2: version 00, 32 hex trace id, 16 hex parent id, 2 hex flags, lower case. */
    private static final Pattern TRACE_PARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String of(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        if (given != null && REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        String traceparent = request.getHeader(TRACEPARENT);
        if (traceparent != null) {
            var matcher = TRACE_PARENT.matcher(traceparent.strip());
            if (matcher.matches() && !matcher.group(1).equals(ZERO_TRACE) && !matcher.group(2).equals(ZERO_PARENT)) {
                return matcher.group(1);
            }
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
