package dev.gatehouse.filter.web;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path that rules are matched against: the container-decoded servlet path plus path info. Requests whose raw
 * URI could be read two ways — path parameters ({@code ;}), encoded {@code /}, {@code \}, {@code .} or {@code %},
 * backslashes, dot segments, empty segments, control or non-ASCII characters — have no path here and are refused
 * with 400 before any rule runs (as Shiro's InvalidRequestFilter and Spring's StrictHttpFirewall do).
 */
final class RequestPath {

    private static final String[] ENCODED_REFUSED = {"%2f", "%5c", "%3b", "%2e", "%25", "%00"};

    private RequestPath() {
    }

    /** The normalised path, or empty when the request URI is ambiguous. */
    static Optional<String> of(HttpServletRequest request) {
        String raw = request.getRequestURI();
        if (raw == null || !isUnambiguous(raw)) {
            return Optional.empty();
        }
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        if (path.isEmpty()) {
            path = "/";
        }
        return isUnambiguous(path) ? Optional.of(path) : Optional.empty();
    }

    private static boolean isUnambiguous(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ';' || c == '\\') {
                return false;
            }
        }
        String lower = path.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED_REFUSED) {
            if (lower.contains(encoded)) {
                return false;
            }
        }
        if (path.contains("//")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
