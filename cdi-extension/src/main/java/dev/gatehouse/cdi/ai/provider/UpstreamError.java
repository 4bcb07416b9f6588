package dev.gatehouse.cdi.ai.provider;

import java.time.Duration;

/**
 * A provider's refusal, mapped to what the gateway answers and whether another target may be tried: 429, 5xx (and
 * 408) are retryable and allow a fallback; other 4xx are the caller's fault and are passed on.
 *
 * @param status the HTTP status to answer with (the provider's, or 502 when it makes no sense to pass on)
 * @param type OpenAI error type: {@code invalid_request_error}, {@code authentication_error},
 *        {@code permission_error}, {@code not_found_error}, {@code rate_limit_error}, {@code api_error},
 *        {@code overloaded_error}
 * @param message a short message safe to show the caller (the provider's own message when it is about the request,
 *        never one that could contain the gateway's credentials)
 * @param retryAfter the provider's {@code Retry-After}, or {@code null}
 */
public record UpstreamError(int status, String type, String message, Duration retryAfter) {

    /** Whether a retry or another target may succeed: 408, 429 and 5xx. */
    public boolean retryable() {
        return status == 408 || status == 429 || status >= 500;
    }
}
