package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonReader;

/**
 * A Gemini API on loopback that speaks the real wire format: {@code POST /v1beta/models/{model}:generateContent}
 * and {@code :streamGenerateContent?alt=sse}, the key in {@code x-goog-api-key} (a missing key is Gemini's 403
 * {@code PERMISSION_DENIED}, a wrong one its 400 {@code API_KEY_INVALID}; a key in the query string is not accepted),
 * JSON bodies, and SSE events ({@code data: <GenerateContentResponse>} lines, CRLF line ends, blank-line separated,
 * no end marker). Each call takes the next scripted {@link FakeGeminiReply}; when none is left it gets the fallback
 * (by default a 500 that says so). Every request is recorded, rejected ones included.
 *
 * <pre>{@code
 * try (FakeGemini gemini = FakeGemini.start()) {
 *     gemini.enqueue(FakeGeminiReply.answer("Hello there"));
 *     ... call gemini.baseUrl() with gemini.apiKey() ...
 *     assertEquals("Hi", gemini.lastRequest().json().getJsonArray("contents")...);
 * }
 * }</pre>
 */
public final class FakeGemini implements AutoCloseable {

    private static final Pattern PATH =
            Pattern.compile("/v1beta/(?:models|tunedModels)/[A-Za-z0-9._-]+:(generateContent|streamGenerateContent)");
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final Queue<FakeGeminiReply> replies = new ConcurrentLinkedQueue<>();
    private final List<FakeGeminiRequest> requests = new CopyOnWriteArrayList<>();
    private volatile FakeGeminiReply fallback =
            FakeGeminiReply.error(500, "INTERNAL", "FakeGemini: no reply was scripted for this call");

    private FakeGemini(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-gemini");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free loopback port with a random key shaped like a Google API key. */
    public static FakeGemini start() throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("AIza");
        for (int i = 0; i < 35; i++) {
            key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return start(key.toString());
    }

    /** Starts on a free loopback port accepting only this key. */
    public static FakeGemini start(String apiKey) throws IOException {
        return new FakeGemini(apiKey);
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:49152/v1beta}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta");
    }

    public String apiKey() {
        return apiKey;
    }

    /** Scripts the next replies, in order. */
    public FakeGemini enqueue(FakeGeminiReply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** The reply for calls made when no scripted reply is left. */
    public FakeGemini otherwise(FakeGeminiReply reply) {
        this.fallback = reply;
        return this;
    }

    /** Scripted replies not yet served. */
    public int pending() {
        return replies.size();
    }

    /** The requests received so far, in order. */
    public List<FakeGeminiRequest> requests() {
        return List.copyOf(requests);
    }

    /** The last request received. */
    public FakeGeminiRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("FakeGemini received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Closes the exchange only on success: an exception makes the server drop the connection instead. */
    private void handle(HttpExchange exchange) throws IOException {
        FakeGeminiRequest request = record(exchange);
        FakeGeminiReply refusal = refusal(request);
        FakeGeminiReply reply = refusal != null ? refusal : next();
        pause(reply.headersDelay());
        if (request.streaming() && reply.events() != null) {
            stream(exchange, reply);
        } else if (reply.body() != null) {
            send(exchange, reply);
        } else {
            send(exchange, FakeGeminiReply.error(500, "INTERNAL",
                    "FakeGemini: a stream reply was scripted for a generateContent call"));
        }
        exchange.close();
    }

    private FakeGeminiRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        FakeGeminiRequest request = new FakeGeminiRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body);
        requests.add(request);
        return request;
    }

    /** What Gemini answers before looking at the request's meaning, or {@code null}. */
    private FakeGeminiReply refusal(FakeGeminiRequest request) {
        if (!"POST".equals(request.method()) || !PATH.matcher(request.path()).matches()) {
            return FakeGeminiReply.error(404, "NOT_FOUND", "Method not found.");
        }
        String key = request.header("x-goog-api-key");
        if (key == null) {
            return FakeGeminiReply.status(403, FakeGeminiJson.unregisteredCaller().toString());
        }
        if (!key.equals(apiKey)) {
            return FakeGeminiReply.status(400, FakeGeminiJson.apiKeyInvalid().toString());
        }
        if (request.streaming() && !"alt=sse".equals(request.query())) {
            return FakeGeminiReply.error(400, "INVALID_ARGUMENT", "FakeGemini streams only with alt=sse.");
        }
        String type = request.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json") || !jsonObject(request)) {
            return FakeGeminiReply.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        return null;
    }

    private FakeGeminiReply next() {
        FakeGeminiReply reply = replies.poll();
        return reply != null ? reply : fallback;
    }

    /** How long a scripted disconnect waits after the last bytes sent. */
    static final Duration DISCONNECT_GRACE = Duration.ofMillis(200);

    private static void send(HttpExchange exchange, FakeGeminiReply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void stream(HttpExchange exchange, FakeGeminiReply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        for (String event : reply.events()) {
            pause(reply.eventDelay());
            out.write(event(event));
            out.flush();
        }
        if (reply.held() != null) {
            reply.held().writeTo(out, event(FakeGeminiJson.chunk("").toString()));
        }
        if (reply.disconnect()) {
            // A dropped connection can reach the client as a reset, which makes it discard what it had not read yet
            // (the headers, the last events): the client gets a moment to read them first, so the test sees the cut
            // it scripted, not an unreachable provider.
            pause(DISCONNECT_GRACE);
            // The exchange is left open: the server drops the connection without the terminating chunk.
            throw new IOException("FakeGemini: connection dropped as scripted");
        }
    }

    /** An SSE event as Gemini frames it. */
    private static byte[] event(String data) {
        return ("data: " + data + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean jsonObject(FakeGeminiRequest request) {
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            reader.readObject();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
