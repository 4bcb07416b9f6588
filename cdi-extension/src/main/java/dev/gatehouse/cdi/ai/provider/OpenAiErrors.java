package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.time.Clock;

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
}
