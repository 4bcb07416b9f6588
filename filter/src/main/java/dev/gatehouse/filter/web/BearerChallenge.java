package dev.gatehouse.filter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.filter.token.Reason;

/**
 * The only writer of {@code WWW-Authenticate} and of Gatehouse's error responses (RFC 6750 §3, RFC 9457 problem
 * details). Every text written comes from {@link Reason}'s fixed table or the configured realm, never from the
 * request, the token or an exception.
 */
public final class BearerChallenge {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final String realm;

    /** @param realm already checked to hold only RFC 6750 quoted-string characters */
    public BearerChallenge(String realm) {
        this.realm = realm;
    }

    /**
     * The challenge for {@code reason}, e.g. {@code Bearer realm="api", error="invalid_token",
     * error_description="The access token expired"}.
     */
    public String header(Reason reason) {
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(realm).append('"');
        if (reason.error() != null) {
            header.append(", error=\"").append(reason.error()).append('"');
            header.append(", error_description=\"").append(reason.description()).append('"');
        }
        return header.toString();
    }

    /** Servlet context attribute holding the application's challenge writer (for Gatehouse's JAX-RS mapper). */
    public static final String CONTEXT_ATTRIBUTE = BearerChallenge.class.getName();

    /** Rejects the request for {@code reason} with its status, challenge and a problem body. */
    public void reject(HttpServletResponse response, Reason reason) throws IOException {
        response.setHeader("WWW-Authenticate", header(reason));
        write(response, reason.status(), detail(reason));
    }

    /** The problem body (RFC 9457) of a refusal for {@code reason}. */
    public String problem(Reason reason) {
        return problem(reason.status(), detail(reason));
    }

    /** The media type of {@link #problem}. */
    public static String problemMediaType() {
        return PROBLEM_JSON;
    }

    private static String detail(Reason reason) {
        return reason.description() != null ? reason.description() : "An access token is required";
    }

    /** 400 for a request URI that could be read two ways; not a token problem, so no challenge. */
    public void ambiguousPath(HttpServletResponse response) throws IOException {
        write(response, 400, "The request path is not in canonical form");
    }

    /** 503 when keys cannot be had: the challenge carries no error attribute, since the token is not at fault. */
    public void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", header(Reason.MISSING));
        response.setHeader("Retry-After", "30");
        write(response, 503, "Token validation is temporarily unavailable");
    }

    private static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = problem(status, detail).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
