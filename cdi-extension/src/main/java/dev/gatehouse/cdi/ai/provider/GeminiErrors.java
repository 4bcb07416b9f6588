package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a Gemini refusal to what the gateway answers.
 *
 * <table>
 * <caption>Gemini answer → gateway answer</caption>
 * <tr><th>Gemini</th><th>status</th><th>type</th><th>message</th></tr>
 * <tr><td>400 {@code INVALID_ARGUMENT}, {@code OUT_OF_RANGE}, other 400</td><td>400</td>
 * <td>{@code invalid_request_error}</td><td>Gemini's, cleaned</td></tr>
 * <tr><td>400 with an {@code API_KEY_*} reason or about the API key</td><td>401</td>
 * <td>{@code authentication_error}</td><td>fixed</td></tr>
 * <tr><td>400 {@code FAILED_PRECONDITION} (billing, region)</td><td>403</td><td>{@code permission_error}</td>
 * <td>fixed</td></tr>
 * <tr><td>401 {@code UNAUTHENTICATED}</td><td>401</td><td>{@code authentication_error}</td><td>fixed</td></tr>
 * <tr><td>403 {@code PERMISSION_DENIED}</td><td>403</td><td>{@code permission_error}</td><td>fixed</td></tr>
 * <tr><td>404 {@code NOT_FOUND}</td><td>404</td><td>{@code not_found_error}</td><td>Gemini's, cleaned</td></tr>
 * <tr><td>408</td><td>408</td><td>{@code api_error}</td><td>fixed</td></tr>
 * <tr><td>other 4xx</td><td>same</td><td>{@code invalid_request_error}</td><td>Gemini's, cleaned</td></tr>
 * <tr><td>429 {@code RESOURCE_EXHAUSTED}</td><td>429</td><td>{@code rate_limit_error}</td><td>fixed</td></tr>
 * <tr><td>503 {@code UNAVAILABLE}</td><td>503</td><td>{@code overloaded_error}</td><td>fixed</td></tr>
 * <tr><td>500 {@code INTERNAL}, 504 {@code DEADLINE_EXCEEDED}, other 5xx</td><td>same</td><td>{@code api_error}</td>
 * <td>fixed</td></tr>
 * <tr><td>anything else (1xx, 2xx, 3xx)</td><td>502</td><td>{@code api_error}</td><td>fixed</td></tr>
 * </table>
 * Gemini's own message is passed on only where it is about the caller's request; everything about the gateway's key,
 * account, quota or Gemini's health gets a fixed text. {@code retryAfter} is the {@code Retry-After} header, else the
 * {@code google.rpc.RetryInfo} delay Gemini puts in its 429s.
 */
final class GeminiErrors {

    /** The HTTP status of each canonical error code (google.rpc.Code), as Google APIs answer them. */
    private static final Map<String, Integer> HTTP_STATUS = Map.ofEntries(Map.entry("INVALID_ARGUMENT", 400),
            Map.entry("FAILED_PRECONDITION", 400), Map.entry("OUT_OF_RANGE", 400), Map.entry("UNAUTHENTICATED", 401),
            Map.entry("PERMISSION_DENIED", 403), Map.entry("NOT_FOUND", 404), Map.entry("ABORTED", 409),
            Map.entry("ALREADY_EXISTS", 409), Map.entry("RESOURCE_EXHAUSTED", 429), Map.entry("CANCELLED", 499),
            Map.entry("INTERNAL", 500), Map.entry("UNKNOWN", 500), Map.entry("DATA_LOSS", 500),
            Map.entry("NOT_IMPLEMENTED", 501), Map.entry("UNAVAILABLE", 503), Map.entry("DEADLINE_EXCEEDED", 504));

    private GeminiErrors() {
    }

    static UpstreamError map(int status, HttpHeaders headers, String body, Clock clock) {
        GeminiErrorBody error = GeminiErrorBody.parse(body);
        Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
        return map(status, error, retryAfter != null ? retryAfter : error.retryDelay());
    }

    /**
     * An error object Gemini sent in place of a stream chunk, as the answer with its {@code code} (else the HTTP
     * status of its canonical {@code status}, else 500) would be mapped; the wait is its {@code RetryInfo} delay.
     */
    static UpstreamError inStream(GeminiErrorBody error) {
        int status = error.code() >= 400 && error.code() <= 599 ? error.code()
                : HTTP_STATUS.getOrDefault(String.valueOf(error.status()), 500);
        return map(status, error, error.retryDelay());
    }

    private static UpstreamError map(int status, GeminiErrorBody error, Duration retryAfter) {
        if (status == 400 && aboutApiKey(error)) {
            return new UpstreamError(401, "authentication_error", "The AI provider rejected the gateway's API key.",
                    retryAfter);
        }
        if (status == 400 && "FAILED_PRECONDITION".equals(error.status())) {
            return new UpstreamError(403, "permission_error",
                    "The AI provider cannot serve the gateway's account (billing or region).", retryAfter);
        }
        return switch (status) {
            case 401 -> new UpstreamError(401, "authentication_error",
                    "The AI provider rejected the gateway's credentials.", retryAfter);
            case 403 -> new UpstreamError(403, "permission_error",
                    "The AI provider denied the gateway access to this model.", retryAfter);
            case 404 -> new UpstreamError(404, "not_found_error",
                    ProviderText.safe(error.message(), "The AI provider does not know this model."), retryAfter);
            case 408 -> new UpstreamError(408, "api_error", "The AI provider timed out reading the request.",
                    retryAfter);
            case 429 -> new UpstreamError(429, "rate_limit_error",
                    "The AI provider's rate limit or quota was exceeded.", retryAfter);
            case 503 -> new UpstreamError(503, "overloaded_error",
                    "The AI provider is overloaded or unavailable.", retryAfter);
            case 504 -> new UpstreamError(504, "api_error", "The AI provider timed out.", retryAfter);
            default -> other(status, error, retryAfter);
        };
    }

    private static UpstreamError other(int status, GeminiErrorBody error, Duration retryAfter) {
        if (status >= 400 && status < 500) {
            return new UpstreamError(status, "invalid_request_error",
                    ProviderText.safe(error.message(), "The AI provider rejected the request."), retryAfter);
        }
        if (status >= 500 && status < 600) {
            return new UpstreamError(status, "api_error", "The AI provider failed to answer.", retryAfter);
        }
        return new UpstreamError(502, "api_error", "The AI provider gave an unexpected answer.", retryAfter);
    }

    /** Gemini answers a bad or expired key with 400 {@code INVALID_ARGUMENT} and reason {@code API_KEY_INVALID}. */
    private static boolean aboutApiKey(GeminiErrorBody error) {
        if (error.reason() != null && error.reason().startsWith("API_KEY")) {
            return true;
        }
        return error.message() != null && error.message().toLowerCase(Locale.ROOT).contains("api key");
    }
}
