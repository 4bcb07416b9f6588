package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Maps a non-2xx answer of an OpenAI-compatible server to what the gateway answers. Only statuses about the caller's
 * request pass on with the provider's own message (made safe by {@link OpenAiErrorMessage}); everything about the
 * gateway's account or configuration becomes a 502 with a fixed text.
 *
 * <table>
 * <caption>Upstream status → gateway answer</caption>
 * <tr><th>upstream</th><th>status</th><th>type</th><th>message</th></tr>
 * <tr><td>400, 409, 413, 422</td><td>same</td><td>{@code invalid_request_error}</td>
 *     <td>provider's, else fixed</td></tr>
 * <tr><td>401, 403</td><td>502</td><td>{@code api_error}</td>
 *     <td>fixed: the gateway's credentials were refused</td></tr>
 * <tr><td>404</td><td>502</td><td>{@code api_error}</td><td>fixed: model or endpoint unknown (configuration)</td></tr>
 * <tr><td>408</td><td>408</td><td>{@code api_error}</td><td>fixed</td></tr>
 * <tr><td>429</td><td>429</td><td>{@code rate_limit_error}</td><td>fixed, with the wait asked for</td></tr>
 * <tr><td>5xx</td><td>same</td><td>{@code api_error}</td><td>fixed, with the wait asked for</td></tr>
 * <tr><td>anything else</td><td>502</td><td>{@code api_error}</td><td>fixed</td></tr>
 * </table>
 */
final class OpenAiErrors {

    static final String INVALID_REQUEST = "The provider rejected the request.";
    static final String CREDENTIALS_REFUSED = "The provider refused the gateway's credentials.";
    static final String NOT_FOUND = "The provider does not serve the configured model or endpoint.";
    static final String TIMEOUT = "The provider timed out.";
    static final String RATE_LIMITED = "The provider's rate limit was reached; retry later.";
    static final String PROVIDER_FAILED = "The provider failed to answer.";
    static final String UNEXPECTED = "The provider gave an unexpected answer.";

    /**
     * The HTTP status OpenAI-compatible servers answer each error {@code code} or {@code type} with: OpenAI's own
     * names, vLLM's exception names, and {@code overloaded_error} as some proxies relay Anthropic's.
     */
    private static final Map<String, Integer> STATUS_OF_NAME = Map.ofEntries(
            Map.entry("invalid_request_error", 400), Map.entry("context_length_exceeded", 400),
            Map.entry("BadRequestError", 400), Map.entry("authentication_error", 401),
            Map.entry("invalid_api_key", 401), Map.entry("permission_error", 403), Map.entry("not_found_error", 404),
            Map.entry("model_not_found", 404), Map.entry("NotFoundError", 404), Map.entry("rate_limit_error", 429),
            Map.entry("rate_limit_exceeded", 429), Map.entry("insufficient_quota", 429), Map.entry("requests", 429),
            Map.entry("tokens", 429), Map.entry("server_error", 500), Map.entry("api_error", 500),
            Map.entry("InternalServerError", 500), Map.entry("overloaded_error", 503),
            Map.entry("service_unavailable", 503), Map.entry("timeout", 504));

    private static final Pattern STATUS = Pattern.compile("[45]\\d\\d");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final Clock clock;

    OpenAiErrors(Clock clock) {
        this.clock = clock;
    }

    UpstreamError map(int status, HttpHeaders headers, String body) {
        return switch (status) {
            case 400, 409, 413, 422 -> new UpstreamError(status, "invalid_request_error",
                    OpenAiErrorMessage.of(body).orElse(INVALID_REQUEST), null);
            case 401, 403 -> new UpstreamError(502, "api_error", CREDENTIALS_REFUSED, null);
            case 404 -> new UpstreamError(502, "api_error", NOT_FOUND, null);
            case 408 -> new UpstreamError(408, "api_error", TIMEOUT, OpenAiRetryAfter.of(status, headers, clock));
            case 429 -> new UpstreamError(429, "rate_limit_error", RATE_LIMITED,
                    OpenAiRetryAfter.of(status, headers, clock));
            default -> status >= 500 && status <= 599
                    ? new UpstreamError(status, "api_error", PROVIDER_FAILED,
                            OpenAiRetryAfter.of(status, headers, clock))
                    : new UpstreamError(502, "api_error", UNEXPECTED, null);
        };
    }

    /**
     * An error object sent in a stream ({@code data} is the event's text, {@code error} its parsed object), mapped as
     * the answer with the status it stands for would be: a numeric {@code code} (vLLM, LiteLLM, OpenRouter) is that
     * status; else its {@code code}, then its {@code type}, looked up by name (OpenAI's {@code server_error} is 500,
     * {@code rate_limit_exceeded} 429, {@code invalid_request_error} 400...); anything else is an unexpected answer
     * (502). An event carries no {@code Retry-After}.
     */
    UpstreamError inStream(JsonObject error, String data) {
        JsonObject holder = error.get("error") instanceof JsonObject nested ? nested : error;
        return map(statusOf(holder), NO_HEADERS, data);
    }

    private static int statusOf(JsonObject error) {
        if (error.get("code") instanceof JsonNumber code && code.isIntegral() && code.intValue() >= 400
                && code.intValue() <= 599) {
            return code.intValue();
        }
        for (String member : new String[] {"code", "type"}) {
            if (error.get(member) instanceof JsonString name) {
                Integer status = STATUS_OF_NAME.get(name.getString());
                if (status != null) {
                    return status;
                }
                if (STATUS.matcher(name.getString()).matches()) {
                    return Integer.parseInt(name.getString());
                }
            }
        }
        return 502;
    }
}
