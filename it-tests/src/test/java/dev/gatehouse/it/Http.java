package dev.gatehouse.it;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

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
        return get(path, token, Map.of());
    }

    /** As {@link #get(String, String)}, with further request headers. */
    public HttpResponse<String> get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).GET();
        headers.forEach(request::header);
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POST {@code path} with a JSON body and {@code Authorization: Bearer token} (none if null). */
    public HttpResponse<String> post(String path, String token, String json) {
        return send(postJson(path, token, json), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * As {@link #post}, for an answer in Server-Sent Events: returns once the response headers are in, and the events
     * are read as the server sends them. Close it. Waits longer for the headers than the fake provider holds a stream
     * (30 s), so that a server buffering the stream shows as such, not as a timeout.
     */
    public EventStream postForEvents(String path, String token, String json) {
        return new EventStream(send(postJson(path, token, json).timeout(Duration.ofSeconds(60)),
                HttpResponse.BodyHandlers.ofLines()));
    }

    private HttpRequest.Builder postJson(String path, String token, String json) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request.build(), body);
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

    /** {@code text} (a body, an event's data) as a JSON-P object. */
    public static JsonObject object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object: " + text, e);
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
