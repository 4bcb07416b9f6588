package dev.gatehouse.cdi.ai.provider;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An adapter's endpoint for each provider base URL, made once: parsing the URI again on every call cost a few
 * microseconds on the way to the provider. Base URLs come from configuration, so there are few. Thread-safe.
 */
final class Endpoints {

    private final Map<URI, URI> byBaseUrl = new ConcurrentHashMap<>();
    private final UnaryOperator<URI> endpoint;

    /** @param endpoint makes the endpoint of a base URL */
    Endpoints(UnaryOperator<URI> endpoint) {
        this.endpoint = endpoint;
    }

    URI of(URI baseUrl) {
        URI made = byBaseUrl.get(baseUrl);
        return made != null ? made : byBaseUrl.computeIfAbsent(baseUrl, endpoint);
    }
}
