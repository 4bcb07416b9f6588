package dev.gatehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** Real HTTP to the deployed application, on loopback only. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    private Http(URI base) {
        this.base = base;
    }

    /** A client for the application at {@code base} (the URL Arquillian reports for the deployment). */
    public static Http at(URL base) {
        try {
            URI uri = base.toURI();
            String host = uri.getHost();
            if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
                throw new IllegalStateException("The suite talks to loopback only, not " + base);
            }
            return new Http(uri.getPath().endsWith("/") ? uri : new URI(uri + "/"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** GET {@code path} (relative to the context root) with {@code Authorization: Bearer token}, or none if null. */
    public HttpResponse<String> get(String path, String token) {
        return get(path, token, java.util.Map.of());
    }

    /** As {@link #get(String, String)}, with further request headers. */
    public HttpResponse<String> get(String path, String token, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST {@code path} with a JSON body and {@code Authorization: Bearer token} (none if null). */
    public HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as a JSON object. */
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonUtil.parseJson(response.body());
        } catch (JoseException e) {
            throw new AssertionError("not a JSON object: " + response.body(), e);
        }
    }

    /** The one {@code WWW-Authenticate} header, or null. */
    public static String challenge(HttpResponse<String> response) {
        var values = response.headers().allValues("WWW-Authenticate");
        if (values.size() > 1) {
            throw new AssertionError("several WWW-Authenticate headers: " + values);
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
