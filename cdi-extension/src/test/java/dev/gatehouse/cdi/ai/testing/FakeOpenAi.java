package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.gatehouse.cdi.json.Json;

/**
 * An OpenAI Chat Completions server on loopback (port 0) that speaks the real wire format: {@code POST
 * /v1/chat/completions}, bearer check with OpenAI's 401 bodies, OpenAI's 400 for a body that is not JSON, has no
 * {@code model} or has {@code stream_options} without {@code stream}, and then the scripted replies in order
 * ({@link #enqueue}), else {@link #otherwise} (by default a short answer, as JSON or as a stream). Every request is
 * recorded ({@link #requests()}) before it is answered.
 *
 * <pre>{@code
 * try (FakeOpenAi openAi = FakeOpenAi.requiringKey("sk-test-1234")) {
 *     openAi.enqueue(FakeOpenAiReply.answer("Hi").finishReason("length").usage(12, 3, 0, 0));
 *     ... call openAi.baseUrl() ...
 *     assertEquals("Bearer sk-test-1234", openAi.lastRequest().header("Authorization").orElseThrow());
 * }
 * }</pre>
 */
public final class FakeOpenAi implements AutoCloseable {

    /** Where the API lives, as in {@code https://api.openai.com/v1}. */
    public static final String BASE_PATH = "/v1";
    public static final String CHAT_COMPLETIONS = BASE_PATH + "/chat/completions";

    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-openai");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<FakeOpenAiReply> script = new ConcurrentLinkedQueue<>();
    private final List<FakeOpenAiRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger repliesFinished = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean recording = true;
    private volatile FakeOpenAiReply otherwise = FakeOpenAiReply.answer("Hello from FakeOpenAi.");

    private FakeOpenAi(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A server that takes any or no {@code Authorization}, like Ollama, vLLM or LM Studio. */
    public static FakeOpenAi start() throws IOException {
        return new FakeOpenAi(null);
    }

    /** A server that answers OpenAI's 401 unless {@code Authorization: Bearer <apiKey>}. */
    public static FakeOpenAi requiringKey(String apiKey) throws IOException {
        return new FakeOpenAi(apiKey);
    }

    /** {@code http://127.0.0.1:<port>/v1}, what a provider's {@code base-url} would be. */
    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + BASE_PATH);
    }

    /** Answers the next valid request with {@code reply} (replies queue up in order). */
    public FakeOpenAi enqueue(FakeOpenAiReply reply) {
        script.add(reply);
        return this;
    }

    /** Answers every valid request with {@code reply} once the queue is empty. */
    public FakeOpenAi otherwise(FakeOpenAiReply reply) {
        this.otherwise = reply;
        return this;
    }

    /**
     * Records no more requests ({@link #requests()} keeps what it has): for load generators and benchmarks, where a
     * record of every request would grow without bound and make each request slower than the one before.
     */
    public FakeOpenAi withoutRecording() {
        this.recording = false;
        return this;
    }

    /** Every request received (while recording), in order, the refused ones included. */
    public List<FakeOpenAiRequest> requests() {
        return List.copyOf(requests);
    }

    /** The last request received; fails when there was none. */
    public FakeOpenAiRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("FakeOpenAi received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /**
     * How many replies were written to their end so far, refusals included. A reply still being written (held by
     * {@link FakeOpenAiStream#holdUntil}) or {@link FakeOpenAiStream#cutConnection() cut} is not counted.
     */
    public int repliesFinished() {
        return repliesFinished.get();
    }

    /**
     * Waits (at most 5 s) until {@code count} replies are finished — a reply is counted after its last byte is
     * written, so a client may have read it a moment before — and returns how many are.
     */
    public int awaitRepliesFinished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (repliesFinished.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return repliesFinished.get();
    }

    /**
     * How many connections requests came on (distinct client address and port): one for calls made one after another
     * over a kept-alive connection.
     */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** OpenAI's error object: {@code {"message","type","param":null,"code"}}. */
    public static JsonObject error(String type, String message, String code) {
        JsonObjectBuilder error = Json.createObjectBuilder().add("message", message).add("type", type)
                .addNull("param");
        return (code == null ? error.addNull("code") : error.add("code", code)).build();
    }

    /** Not closed on an exception: a {@link FakeOpenAiStream#cutConnection() cut} must drop the connection. */
    private void handle(HttpExchange exchange) throws IOException {
        FakeOpenAiRequest request = record(exchange);
        connections.add(exchange.getRemoteAddress());
        exchange.getResponseHeaders().set("x-request-id", "req_fake" + received.incrementAndGet());
        FakeOpenAiRefusals.of(request, apiKey).orElseGet(this::next).send(exchange, request);
        exchange.close();
        repliesFinished.incrementAndGet();
    }

    private FakeOpenAiReply next() {
        FakeOpenAiReply reply = script.poll();
        return reply != null ? reply : otherwise;
    }

    private FakeOpenAiRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FakeOpenAiRequest request = new FakeOpenAiRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), headers, body);
        if (recording) {
            requests.add(request);
        }
        return request;
    }
}
