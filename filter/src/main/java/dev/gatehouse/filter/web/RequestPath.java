package dev.gatehouse.filter.web;

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

    /** One pass over the path (this runs on every request): no lower-casing copy, no split. */
    private static boolean isUnambiguous(String path) {
        int length = path.length();
        int segmentStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? path.charAt(i) : '/';
            if (c == '/') {
                int segment = i - segmentStart;
                if (i > 0 && segment == 0 && i < length // "//"
                        || segment == 1 && path.charAt(segmentStart) == '.'
                        || segment == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.') {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c < 0x21 || c > 0x7e || c == ';' || c == '\\' || c == '%' && isEncodedRefused(path, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEncodedRefused(String path, int percent) {
        for (String encoded : ENCODED_REFUSED) {
            if (path.regionMatches(true, percent, encoded, 0, encoded.length())) {
                return true;
            }
        }
        return false;
    }
}
