package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.RoutingSettings;
import dev.gatehouse.cdi.ai.config.Strategy;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.OpenAiAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.json.Json;

/** {@code response-timeout} bounds a non-streamed answer whole: headers in time and a body that trickles is late. */
class ResponseTimeoutTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);
    private static final Target ONLY = new Target("p", "gpt-4o-mini");
    private static final JsonObject CHAT = Json.createObjectBuilder().add("model", "chat")
            .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                    .add("content", "Hello"))).build();

    private static final JsonObject COMPLETION = Json.createObjectBuilder().add("id", "chatcmpl-1")
            .add("object", "chat.completion").add("created", 1).add("model", "m")
            .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                    .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", "Too big"))
                    .add("finish_reason", "stop"))).build();

    private FakeOpenAi openai;
    private final StreamWatchdog watchdog = new StreamWatchdog();
    private ChatRouter router;
    private AliasSettings alias;

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        RoutingSettings routing = new RoutingSettings(Duration.ofMillis(1), Duration.ofMillis(1), 5,
                Duration.ofSeconds(30));
        AiSettings settings = new AiSettings("/v1", Map.of("p", new ProviderSettings("p", "openai", openai.baseUrl(),
                "sk-p", Duration.ofSeconds(2), RESPONSE_TIMEOUT, 0, Map.of())), Map.of(), routing,
                dev.gatehouse.cdi.ai.usage.PriceTable.NONE, "admin", List.of());
        alias = new AliasSettings("chat", List.of(ONLY), Strategy.PRIORITY, List.of(), Set.of());
        TargetHealth health = new TargetHealth(routing, Clock.systemUTC());
        router = new ChatRouter(settings, Map.of("openai", new OpenAiAdapter()),
                clients(Duration.ofSeconds(2)), watchdog, health,
                new TargetOrder(health, new Random(1)), new Backoff(routing, new Random(1)), d -> { }, Clock.systemUTC());
    }

    /** The clients the router calls providers with: by default the gateway's (plain http: its own client). */
    ProviderClients clients(Duration connectTimeout) {
        return ProviderClients.create(connectTimeout);
    }

    @AfterEach
    void stop() {
        openai.close();
        watchdog.close();
    }

    @Test
    void completeWhenHeadersInTimeButBodyTricklesPastTheResponseTimeoutThenTimeout() {
        byte[] body = Json.createObjectBuilder().add("id", "x").add("object", "chat.completion").add("created", 1)
                .add("model", "m").add("choices", Json.createArrayBuilder()).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        openai.enqueue((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    sleep(RESPONSE_TIMEOUT.multipliedBy(4).dividedBy(body.length));
                }
            }
        });

        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(alias, CHAT));
        assertEquals(504, e.error().status());
        assertEquals("timeout", e.attempts().get(0).outcome());
    }

    @Test
    void completeWhenBodyStallsAfterHeadersThenTimeoutNotAHang() {
        CountDownLatch never = new CountDownLatch(1);
        openai.enqueue((exchange, request) -> {
            startAnswer(exchange);
            await(never);
        });

        GatewayException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(GatewayException.class, () -> router.complete(alias, CHAT)));
        assertEquals(504, e.error().status());
        assertEquals("timeout", e.attempts().get(0).outcome());
        assertEquals(0, watchdog.watching(), "the body was closed");
    }

    @Test
    void completeWhenBodyBreaksOffThenMalformedAnswer() {
        openai.enqueue((exchange, request) -> {
            startAnswer(exchange);
            exchange.getHttpContext().getServer().stop(0); // the connection goes with the server
        });

        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(alias, CHAT));
        assertEquals(502, e.error().status());
        assertEquals("malformed", e.attempts().get(0).outcome());
    }

    @Test
    void completeWhenAnswerLargerThanTheLimitThenRefusedWithoutReadingItAll() {
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) ' ');
        openai.enqueue((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i <= ChatRouter.MAX_ANSWER_BYTES / megabyte.length; i++) {
                    out.write(megabyte);
                }
                // white space before a JSON value is valid: without the limit this would be served
                out.write(COMPLETION.toString().getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException clientGone) {
                // the gateway stops reading at its limit
            }
        });

        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(alias, CHAT));
        assertEquals(502, e.error().status());
        assertEquals("malformed", e.attempts().get(0).outcome());
    }

    @Test
    void completeWhenWholeAnswerWithinTheResponseTimeoutThenServed() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("In time"));

        RoutedCompletion done = router.complete(alias, CHAT);

        assertEquals("In time", done.completion().response().getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
    }

    /** 200, a promised 1 000-byte JSON body, and its first few bytes. */
    private static void startAnswer(HttpExchange exchange) throws java.io.IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 1000);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
