package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

/**
 * Anthropic's refusals ({@code {"type":"error","error":{"type":..,"message":..}}}, statuses 400-529) as what the
 * gateway answers. Problems of the request keep their 4xx status, with the provider's own {@code error.message}
 * (control characters removed, at most {@value ProviderText#MAX_CHARS} characters); problems of the gateway's account or
 * configuration (401, 402, 403, 404) are not the caller's and become 502, and the provider's 5xx become 502, 503
 * ({@code 529 overloaded_error}, a non-standard status many clients do not know) or 504, all with fixed texts. So
 * every error that another target might not have is {@link UpstreamError#retryable() retryable}.
 *
 * @see <a href="https://docs.claude.com/en/api/errors">Anthropic API errors</a>
 */
final class AnthropicErrors {

    private static final Pattern ERROR_TYPE = Pattern.compile("[a-z_]{1,64}");

    /** The HTTP status Anthropic answers each error type with (its errors page). */
    private static final Map<String, Integer> STATUS_OF_TYPE = Map.of("invalid_request_error", 400,
            "authentication_error", 401, "billing_error", 402, "permission_error", 403, "not_found_error", 404,
            "request_too_large", 413, "rate_limit_error", 429, "api_error", 500, "timeout_error", 504,
            "overloaded_error", 529);

    private AnthropicErrors() {
    }

    /**
     * <table>
     * <caption>Anthropic status → gateway answer</caption>
     * <tr><th>Anthropic</th><th>status</th><th>type</th><th>message</th></tr>
     * <tr><td>400, 409, 413, other 4xx</td><td>same</td><td>invalid_request_error</td><td>provider's</td></tr>
     * <tr><td>401 authentication_error</td><td>502</td><td>authentication_error</td><td>fixed</td></tr>
     * <tr><td>402 billing_error, 403 permission_error</td><td>502</td><td>permission_error</td><td>fixed</td></tr>
     * <tr><td>404 not_found_error</td><td>502</td><td>not_found_error</td><td>fixed</td></tr>
     * <tr><td>429 rate_limit_error</td><td>429</td><td>rate_limit_error</td><td>fixed</td></tr>
     * <tr><td>408, 504</td><td>504</td><td>api_error</td><td>fixed</td></tr>
     * <tr><td>503, 529 overloaded_error</td><td>503</td><td>overloaded_error</td><td>fixed</td></tr>
     * <tr><td>500 api_error, other 5xx, non-error status</td><td>502</td><td>api_error</td><td>fixed</td></tr>
     * </table>
     * {@code retry-after} (seconds or an HTTP date) is kept whatever the status.
     */
    static UpstreamError of(int status, HttpHeaders headers, String body, Clock clock) {
        return of(status, body, retryAfter(headers, clock));
    }

    private static UpstreamError of(int status, String body, Duration retryAfter) {
        if (status == 503 || status == 529) {
            return new UpstreamError(503, "overloaded_error", "The provider is overloaded; try again later",
                    retryAfter);
        }
        return switch (status) {
            case 401 -> new UpstreamError(502, "authentication_error",
                    "The provider rejected the gateway's credentials", retryAfter);
            case 402, 403 -> new UpstreamError(502, "permission_error",
                    "The provider refused the gateway's account access to this model", retryAfter);
            case 404 -> new UpstreamError(502, "not_found_error",
                    "The provider does not know the configured model or endpoint", retryAfter);
            case 429 -> new UpstreamError(429, "rate_limit_error", "The provider's rate limit was reached",
                    retryAfter);
            case 408, 504 -> new UpstreamError(504, "api_error", "The provider timed out", retryAfter);
            default -> status >= 400 && status < 500
                    ? new UpstreamError(status, "invalid_request_error",
                            ProviderText.safe(providerMessage(body), "The provider rejected the request"), retryAfter)
                    : new UpstreamError(502, "api_error", "The provider failed to answer", retryAfter);
        };
    }

    /**
     * An {@code error} event in a stream ({@code {"type":"error","error":{"type":"overloaded_error",..}}}, shaped like
     * the body of an error answer), described by its type only (its message may quote the prompt) and reporting what the answer
     * with the status of that type would map to; an unknown type is taken for {@code api_error}. No
     * {@code retry-after}: an event has no headers.
     *
     * @see <a href="https://docs.claude.com/en/docs/build-with-claude/streaming#error-events">Error events</a>
     */
    static ProviderException streamError(JsonObject event) {
        String type = AnthropicJson.string(AnthropicJson.object(event, "error"), "type");
        String known = type != null && ERROR_TYPE.matcher(type).matches() ? type : "unknown";
        return new ProviderException("Anthropic stream ended with an error event (" + known + ")",
                of(STATUS_OF_TYPE.getOrDefault(known, 500), event.toString(), null));
    }

    /** {@code retry-after} as delta-seconds or an HTTP date (RFC 9110 §10.2.3); {@code null} when absent or bad. */
    static Duration retryAfter(HttpHeaders headers, Clock clock) {
        return headers == null ? null : RetryAfter.parse(headers.firstValue("retry-after").orElse(null), clock);
    }

    private static String providerMessage(String body) {
        return AnthropicJson.parse(body) instanceof JsonObject o
                ? AnthropicJson.string(AnthropicJson.object(o, "error"), "message") : null;
    }
}
