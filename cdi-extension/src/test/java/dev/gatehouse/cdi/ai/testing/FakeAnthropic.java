package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * An Anthropic Messages API on loopback (JDK {@code HttpServer}, port 0) for tests. It checks requests as the real API
 * does — {@code POST /v1/messages}, {@code x-api-key}, {@code anthropic-version}, a JSON body with {@code model},
 * {@code max_tokens} and {@code messages} whose roles are {@code user}/{@code assistant} — and answers a failed check
 * with the real error shape (404 {@code not_found_error}, 401 {@code authentication_error}, 400
 * {@code invalid_request_error}). A valid request gets the next {@linkplain #enqueue scripted reply}, or
 * {@code FakeAnthropicReply.text("Hello!")} when none is left. Every request is recorded.
 *
 * <pre>{@code
 * try (FakeAnthropic anthropic = FakeAnthropic.start()) {
 *     anthropic.enqueue(FakeAnthropicReply.error(529, "overloaded_error", "Overloaded"),
 *             FakeAnthropicReply.text("Hi"));
 *     ... anthropic.provider() ...
 *     assertEquals("2023-06-01", anthropic.lastRequest().header("anthropic-version"));
 * }
 * }</pre>
 */
public final class FakeAnthropic implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-anthropic");
        thread.setDaemon(true);
        return thread;
    });
    private final String apiKey = "sk-ant-fake-" + UUID.randomUUID();
    private final Queue<FakeAnthropicReply> replies = new ConcurrentLinkedQueue<>();
    private final List<FakeAnthropicRequest> requests = new CopyOnWriteArrayList<>();

    private FakeAnthropic() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A started server on a free loopback port. */
    public static FakeAnthropic start() throws IOException {
        return new FakeAnthropic();
    }

    /** Like {@code https://api.anthropic.com/v1}: {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/v1");
    }

    /** The one key this server accepts (random per instance). */
    public String apiKey() {
        return apiKey;
    }

    /** A provider named {@code anthropic} pointing here, with this server's key and short timeouts. */
    public ProviderSettings provider() {
        return provider(Map.of());
    }

    /** The same, with extra headers. */
    public ProviderSettings provider(Map<String, String> extraHeaders) {
        return new ProviderSettings("anthropic", "anthropic", baseUrl(), apiKey, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 0, extraHeaders);
    }

    /** Queues replies for the next valid requests, in order. */
    public FakeAnthropic enqueue(FakeAnthropicReply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** Every request received so far, in order. */
    public List<FakeAnthropicRequest> requests() {
        return List.copyOf(requests);
    }

    /** The last request received. */
    public FakeAnthropicRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request received");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Answers one exchange. An {@link IOException} (the client went away, or a reply drops the connection on purpose)
     * leaves through the handler so that the server closes the connection instead of keeping it open.
     */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            FakeAnthropicRequest request = FakeAnthropicRequest.read(exchange);
            requests.add(request);
            FakeAnthropicReply refusal = check(request);
            FakeAnthropicReply reply = refusal != null ? refusal : replies.poll();
            (reply != null ? reply : FakeAnthropicReply.text("Hello!")).send(exchange, request);
        }
    }

    /** The refusal the real API would answer, or {@code null} when the request passes. */
    private FakeAnthropicReply check(FakeAnthropicRequest request) {
        if (!"POST".equals(request.method()) || !"/v1/messages".equals(request.path())) {
            return FakeAnthropicReply.error(404, "not_found_error", "Not Found");
        }
        if (!apiKey.equals(request.header("x-api-key"))) {
            return FakeAnthropicReply.error(401, "authentication_error", "invalid x-api-key");
        }
        if (request.header("anthropic-version") == null) {
            return FakeAnthropicReply.error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return FakeAnthropicReply.error(400, "invalid_request_error", "Content-Type must be application/json");
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            body = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return FakeAnthropicReply.error(400, "invalid_request_error", "The request body is not valid JSON");
        }
        for (String field : List.of("model", "max_tokens", "messages")) {
            if (!body.containsKey(field)) {
                return FakeAnthropicReply.error(400, "invalid_request_error", field + ": Field required");
            }
        }
        JsonValue messages = body.get("messages");
        if (!(messages instanceof JsonArray array)) {
            return FakeAnthropicReply.error(400, "invalid_request_error", "messages: Input should be a valid list");
        }
        for (int i = 0; i < array.size(); i++) {
            String role = array.get(i) instanceof JsonObject message ? message.getString("role", "") : "";
            if (!role.equals("user") && !role.equals("assistant")) {
                return FakeAnthropicReply.error(400, "invalid_request_error",
                        "messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
        }
        return null;
    }
}
