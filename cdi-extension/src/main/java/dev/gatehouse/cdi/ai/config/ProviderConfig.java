package dev.gatehouse.cdi.ai.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigReader;
import dev.gatehouse.filter.config.ConfigValues;

/**
 * Reads one provider, {@code gatehouse.ai.provider.NAME.*}, into {@link ProviderSettings}: kind, base URL (https, or
 * plain http to loopback unless the dangerous switch allows more), API key, timeouts, retries and extra headers (never
 * the credentials or framing headers). Every refusal names its property.
 */
final class ProviderConfig {

    /**
     * Provider property, default {@link ProviderSettings#DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT}: the longest silence of a
     * stream before its first chunk. Longer, and the call is cancelled and retried or fallen back from; too short cuts
     * off reasoning models that think without keep-alives.
     */
    static final String STREAM_FIRST_CHUNK_TIMEOUT = "stream-first-chunk-timeout";
    /**
     * Provider property, default {@link ProviderSettings#DEFAULT_STREAM_IDLE_TIMEOUT}: the longest silence of a stream
     * after its first chunk. Longer, and the call is cancelled and the caller's stream ends in an error event.
     */
    static final String STREAM_IDLE_TIMEOUT = "stream-idle-timeout";
    static final Set<String> KINDS = Set.of("openai", "anthropic", "gemini");
    /** Every provider property but the extra headers ({@code header.NAME}). */
    static final Set<String> PROPERTIES = Set.of("kind", "base-url", "api-key", "connect-timeout",
            "response-timeout", STREAM_FIRST_CHUNK_TIMEOUT, STREAM_IDLE_TIMEOUT, "max-retries", "insecure-allow-http");
    /** Credentials go through api-key; the rest the HTTP client sets itself (and refuses to take from us). */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "host", "connection", "content-length", "expect", "upgrade", "content-type", "transfer-encoding");

    private final ConfigReader config;
    private final ConfigValues values;

    ProviderConfig(ConfigReader config, ConfigValues values) {
        this.config = config;
        this.values = values;
    }

    ProviderSettings load(String name) {
        String prefix = AiSettingsLoader.PROVIDER + name + ".";
        String kind = values.string(prefix + "kind").map(k -> k.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ConfigException(prefix + "kind", "is required (openai, anthropic or gemini)"));
        if (!KINDS.contains(kind)) {
            throw new ConfigException(prefix + "kind", "unknown provider kind '" + kind + "'; use openai, anthropic or gemini");
        }
        URI baseUrl = baseUrl(prefix + "base-url", values.bool(prefix + "insecure-allow-http", false));
        int maxRetries = values.integer(prefix + "max-retries", 2);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ConfigException(prefix + "max-retries", "must be between 0 and 10");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String headerPrefix = prefix + "header.";
        for (String property : config.names()) {
            if (property.startsWith(headerPrefix)) {
                String header = property.substring(headerPrefix.length());
                if (!header.matches("[A-Za-z0-9-]+") || FORBIDDEN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(property, "is not a header Gatehouse may set (use api-key for credentials)");
                }
                headers.put(header, values.string(property).orElse(""));
            }
        }
        return new ProviderSettings(name, kind, baseUrl, values.string(prefix + "api-key").orElse(null),
                values.positiveDuration(prefix + "connect-timeout", Duration.ofSeconds(5)),
                values.positiveDuration(prefix + "response-timeout", Duration.ofSeconds(60)),
                values.positiveDuration(prefix + STREAM_FIRST_CHUNK_TIMEOUT, ProviderSettings.DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT),
                values.positiveDuration(prefix + STREAM_IDLE_TIMEOUT, ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT), maxRetries,
                headers);
    }

    private URI baseUrl(String property, boolean allowHttp) {
        String text = values.string(property).orElseThrow(() -> new ConfigException(property, "is required"));
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new ConfigException(property, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new ConfigException(property, "must be an http(s) URL without query, fragment or credentials");
        }
        if (scheme.equals("http") && !allowHttp && !isLoopback(uri.getHost())) {
            throw new ConfigException(property, "uses plain http to a remote host (the API key would travel in clear); "
                    + "use https, or set the dangerous switch insecure-allow-http=true for this provider");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
