package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.hello;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiRequest;

class OpenAiAdapterRequestTest {

    private static final String KEY = "sk-proj-test-0123456789abcdef";

    private final OpenAiAdapter adapter = new OpenAiAdapter();
    private FakeOpenAi openAi;

    @BeforeEach
    void start() throws Exception {
        openAi = FakeOpenAi.requiringKey(KEY);
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void kindThenOpenai() {
        assertEquals("openai", adapter.kind());
    }

    @Test
    void requestWhenApiKeyConfiguredThenPostsToChatCompletionsWithBearer() throws Exception {
        OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY));

        roundTrip.complete("gpt-4o-mini", hello());

        FakeOpenAiRequest received = openAi.lastRequest();
        assertEquals("POST", received.method());
        assertEquals("/v1/chat/completions", received.path());
        assertEquals(Optional.of("Bearer " + KEY), received.header("Authorization"));
        assertEquals(Optional.of("application/json"), received.header("Content-Type"));
        assertEquals(Optional.of("application/json"), received.header("Accept"));
    }

    @Test
    void requestThenCarriesOnlyTheGatewaysHeaders() throws Exception {
        new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY)).stream("gpt-4o", hello());

        Set<String> sent = new TreeSet<>(openAi.lastRequest().headers().keySet());
        sent.removeAll(Set.of("host", "content-length", "user-agent", "connection", "upgrade", "http2-settings"));
        assertEquals(Set.of("accept", "authorization", "content-type"), sent);
    }

    @Test
    void requestWhenNoApiKeyThenSendsNoAuthorization() throws Exception {
        try (FakeOpenAi ollama = FakeOpenAi.start()) {
            OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter,
                    OpenAiRoundTrip.provider(ollama.baseUrl(), null));

            roundTrip.complete("llama3.2", hello());

            assertEquals(Optional.empty(), ollama.lastRequest().header("Authorization"));
        }
    }

    @Test
    void requestWhenApiKeyBlankThenSendsNoAuthorization() throws Exception {
        try (FakeOpenAi lmStudio = FakeOpenAi.start()) {
            new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(lmStudio.baseUrl(), " ")).complete("qwen", hello());

            assertEquals(Optional.empty(), lmStudio.lastRequest().header("Authorization"));
        }
    }

    @Test
    void requestThenReplacesModelAndKeepsEveryOtherField() throws Exception {
        JsonObject chat = json("{\"model\":\"fast\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":0.2,\"max_completion_tokens\":64,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],"
                + "\"response_format\":{\"type\":\"json_object\"},\"user\":\"u-42\",\"x_vendor_option\":{\"a\":1}}");
        OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY));

        roundTrip.complete("gpt-4o-mini", chat);

        JsonObject sent = openAi.lastRequest().json();
        assertEquals("gpt-4o-mini", sent.getString("model"));
        JsonObject expected = jakarta.json.Json.createObjectBuilder(chat).add("model", "gpt-4o-mini").build();
        assertEquals(expected, sent);
    }

    @Test
    void requestWhenStreamingThenSetsStreamAndIncludeUsage() throws Exception {
        OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY));

        roundTrip.stream("gpt-4o-mini", hello());

        JsonObject sent = openAi.lastRequest().json();
        assertTrue(sent.getBoolean("stream"));
        assertEquals(json("{\"include_usage\":true}"), sent.getJsonObject("stream_options"));
        assertEquals(Optional.of("text/event-stream"), openAi.lastRequest().header("Accept"));
    }

    @Test
    void requestWhenCallerSentStreamOptionsThenMergesIncludeUsage() {
        JsonObject chat = json("{\"model\":\"fast\",\"messages\":[],\"stream\":false,"
                + "\"stream_options\":{\"include_usage\":false,\"include_obfuscation\":false}}");

        JsonObject body = OpenAiRequest.body("gpt-4o", chat, true);

        assertTrue(body.getBoolean("stream"));
        assertEquals(json("{\"include_usage\":true,\"include_obfuscation\":false}"),
                body.getJsonObject("stream_options"));
    }

    @Test
    void requestWhenCallerStreamOptionsNotAnObjectThenReplaced() {
        JsonObject chat = json("{\"model\":\"fast\",\"messages\":[],\"stream_options\":null}");

        assertEquals(json("{\"include_usage\":true}"),
                OpenAiRequest.body("gpt-4o", chat, true).getJsonObject("stream_options"));
    }

    @Test
    void requestWhenNotStreamingThenDropsStreamAndStreamOptions() throws Exception {
        JsonObject chat = json("{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY));

        roundTrip.complete("gpt-4o-mini", chat);

        JsonObject sent = openAi.lastRequest().json();
        assertFalse(sent.containsKey("stream"));
        assertFalse(sent.containsKey("stream_options"));
    }

    @Test
    void requestThenSendsExtraHeadersAndExtraHeadersWinOverOurs() throws Exception {
        try (FakeOpenAi azureLike = FakeOpenAi.start()) {
            OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(azureLike.baseUrl(),
                    KEY, Map.of("OpenAI-Organization", "org-gatehouse", "Authorization", "Custom scheme")));

            roundTrip.complete("gpt-4o-mini", hello());

            FakeOpenAiRequest received = azureLike.lastRequest();
            assertEquals(Optional.of("org-gatehouse"), received.header("OpenAI-Organization"));
            assertEquals(java.util.List.of("Custom scheme"), received.headers().get("authorization"));
        }
    }

    @Test
    void requestThenUsesResponseTimeout() {
        ProviderSettings provider = new ProviderSettings("p", "openai", URI.create("http://localhost:1/v1"), null,
                Duration.ofSeconds(1), Duration.ofSeconds(42), 0, Map.of());

        HttpRequest request = adapter.request(provider, "m", hello(), true);

        assertEquals(Optional.of(Duration.ofSeconds(42)), request.timeout());
    }

    @Test
    void requestWhenBaseUrlHasTrailingSlashOrQueryThenOneSlashAndQueryKept() {
        assertEquals(URI.create("https://api.mistral.ai/v1/chat/completions"),
                OpenAiRequest.endpoint(URI.create("https://api.mistral.ai/v1/")));
        assertEquals(URI.create("http://127.0.0.1:11434/v1/chat/completions"),
                OpenAiRequest.endpoint(URI.create("http://127.0.0.1:11434/v1")));
        assertEquals(URI.create("https://example.test/openai/v1/chat/completions?api-version=2024-10-21"),
                OpenAiRequest.endpoint(URI.create("https://example.test/openai/v1?api-version=2024-10-21")));
    }

    @Test
    void requestWhenFakeChecksWireFormatThenAccepted() throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("ok"));
        OpenAiRoundTrip roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), KEY));

        assertEquals(200, roundTrip.send("gpt-4o-mini", json("{\"model\":\"fast\",\"messages\":[],"
                + "\"stream_options\":{\"include_usage\":true}}"), false).statusCode(),
                "stream_options without stream would be OpenAI's 400");
    }
}
