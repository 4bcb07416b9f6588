package dev.gatehouse.cdi.ai.http;

import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * A provider's answer as the router reads it, whichever client brought it: status, header fields, and the body as a
 * stream that the reader closes (closing it before its end cancels the call).
 */
public record ProviderResponse(int statusCode, HttpHeaders headers, InputStream body) {
}
