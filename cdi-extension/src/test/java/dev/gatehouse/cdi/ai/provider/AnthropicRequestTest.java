package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicRequest;
import jakarta.json.JsonObject;

/** What the adapter sends: endpoint, headers and the top-level fields of the Messages body. */
class AnthropicRequestTest {

    private static final JsonObject HELLO = json("{'model':'alias','messages':[{'role':'user','content':'Hi'}]}");

    private FakeAnthropic anthropic;

    @BeforeEach
    void start() throws Exception {
        anthropic = FakeAnthropic.start();
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private JsonObject sent(AnthropicAdapter adapter, JsonObject chat) throws Exception {
        new AnthropicRoundTrip(adapter, anthropic.provider()).complete(chat);
        return anthropic.lastRequest().json();
    }

    private JsonObject sent(JsonObject chat) throws Exception {
        return sent(new AnthropicAdapter(), chat);
    }

    @Test
    void requestWhenSentThenPostsJsonToMessagesWithKeyAndVersion() throws Exception {
        sent(HELLO);

        FakeAnthropicRequest request = anthropic.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/messages", request.path());
        assertEquals(anthropic.apiKey(), request.header("x-api-key"));
        assertEquals("2023-06-01", request.header("anthropic-version"));
        assertEquals("application/json", request.header("content-type"));
        assertEquals(json("{'model':'claude-sonnet-4-5','max_tokens':4096,"
                + "'messages':[{'role':'user','content':'Hi'}]}"), request.json());
    }

    @Test
    void requestWhenExtraHeadersGiveVersionThenSendsOnlyTheirs() throws Exception {
        ProviderSettings provider = anthropic.provider(
                Map.of("Anthropic-Version", "2024-10-22", "anthropic-beta", "prompt-caching-2024-07-31"));

        new AnthropicRoundTrip(new AnthropicAdapter(), provider).complete(HELLO);

        FakeAnthropicRequest request = anthropic.lastRequest();
        assertEquals(List.of("2024-10-22"), request.headers().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31", request.header("anthropic-beta"));
    }

    @Test
    void requestWhenProviderHasNoKeyThenSendsNoKeyHeader() throws Exception {
        ProviderSettings keyless = new ProviderSettings("local", "anthropic", anthropic.baseUrl(), null,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 0, Map.of());

        UpstreamError error = new AnthropicRoundTrip(new AnthropicAdapter(), keyless).fail(HELLO);

        assertNull(anthropic.lastRequest().header("x-api-key"));
        assertEquals(502, error.status());
    }

    @Test
    void requestWhenBuiltThenTimesOutAfterProviderResponseTimeout() {
        HttpRequest request = new AnthropicAdapter().request(anthropic.provider(), "m", HELLO, true);

        assertEquals(Optional.of(Duration.ofSeconds(5)), request.timeout());
        assertEquals(Optional.of("text/event-stream"), request.headers().firstValue("accept"));
    }

    @Test
    void requestWhenBaseUrlEndsWithSlashThenOneSlashBeforeMessages() {
        ProviderSettings provider = new ProviderSettings("a", "anthropic",
                java.net.URI.create("https://api.anthropic.com/v1/"), "k", null, null, 0, Map.of());

        HttpRequest request = new AnthropicAdapter().request(provider, "m", HELLO, false);

        assertEquals("https://api.anthropic.com/v1/messages", request.uri().toString());
        assertEquals(Optional.empty(), request.timeout());
    }

    @Test
    void requestWhenCallerGivesNoLimitThenConfiguredDefaultMaxTokens() throws Exception {
        assertEquals(256, sent(new AnthropicAdapter(256), HELLO).getInt("max_tokens"));
    }

    @Test
    void requestWhenMaxCompletionTokensAndMaxTokensThenMaxCompletionTokensWins() throws Exception {
        JsonObject chat = json("{'max_tokens':100,'max_completion_tokens':50,"
                + "'messages':[{'role':'user','content':'Hi'}]}");

        assertEquals(50, sent(chat).getInt("max_tokens"));
    }

    @Test
    void requestWhenOnlyMaxTokensThenItIsTheLimit() throws Exception {
        JsonObject chat = json("{'max_tokens':100,'messages':[{'role':'user','content':'Hi'}]}");

        assertEquals(100, sent(chat).getInt("max_tokens"));
    }

    @Test
    void requestWhenStopIsAStringThenOneStopSequence() throws Exception {
        JsonObject chat = json("{'stop':'END','messages':[{'role':'user','content':'Hi'}]}");

        assertEquals(json("{'s':['END']}").get("s"), sent(chat).get("stop_sequences"));
    }

    @Test
    void requestWhenStopIsAnArrayThenSameStopSequences() throws Exception {
        JsonObject chat = json("{'stop':['a','b'],'messages':[{'role':'user','content':'Hi'}]}");

        assertEquals(json("{'s':['a','b']}").get("s"), sent(chat).get("stop_sequences"));
    }

    @Test
    void requestWhenSamplingParametersThenPassedAndUnsupportedOnesDropped() throws Exception {
        JsonObject chat = json("{'temperature':0.2,'top_p':0.9,'seed':7,'presence_penalty':1,'stream':true,"
                + "'stream_options':{'include_usage':true},'user':'u-42','messages':[{'role':'user','content':'Hi'}]}");

        JsonObject body = sent(chat);

        assertEquals(json("{'model':'claude-sonnet-4-5','max_tokens':4096,'temperature':0.2,'top_p':0.9,"
                + "'metadata':{'user_id':'u-42'},'messages':[{'role':'user','content':'Hi'}]}"), body);
    }

    @Test
    void requestWhenStreamingThenStreamTrue() throws Exception {
        new AnthropicRoundTrip(new AnthropicAdapter(), anthropic.provider()).stream(HELLO);

        assertEquals(true, anthropic.lastRequest().json().getBoolean("stream"));
    }

    @Test
    void requestWhenNotStreamingThenNoStreamField() throws Exception {
        JsonObject chat = json("{'stream':true,'messages':[{'role':'user','content':'Hi'}]}");

        assertFalse(sent(chat).containsKey("stream"));
    }
}
