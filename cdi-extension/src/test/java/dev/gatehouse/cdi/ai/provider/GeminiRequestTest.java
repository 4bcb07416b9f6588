package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.GeminiExchange.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;
import dev.gatehouse.cdi.ai.testing.FakeGeminiRequest;

/** What {@link GeminiAdapter#request} sends, as {@link FakeGemini} received it. */
class GeminiRequestTest {

    private static final String HELLO = "{'messages':[{'role':'user','content':'Hello'}]}";

    private FakeGemini gemini;
    private GeminiExchange exchange;

    @BeforeEach
    void start() throws Exception {
        gemini = FakeGemini.start().otherwise(FakeGeminiReply.answer("Hi there"));
        exchange = GeminiExchange.with(gemini);
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @Test
    void requestWhenNotStreamingThenPostsGenerateContentWithTheKeyOnlyInItsHeader() throws Exception {
        exchange.call(json(HELLO));

        FakeGeminiRequest sent = gemini.lastRequest();
        assertEquals("POST", sent.method());
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", sent.path());
        assertNull(sent.query());
        assertEquals(List.of(gemini.apiKey()), sent.headerValues("x-goog-api-key"));
        assertEquals("application/json", sent.header("content-type"));
        assertNull(sent.header("authorization"));
    }

    @Test
    void requestWhenStreamingThenPostsStreamGenerateContentWithAltSse() throws Exception {
        exchange.stream(json(HELLO));

        FakeGeminiRequest sent = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent", sent.path());
        assertEquals("alt=sse", sent.query());
        assertEquals("text/event-stream", sent.header("accept"));
        assertEquals(gemini.apiKey(), sent.header("x-goog-api-key"));
    }

    @Test
    void requestWhenBuiltThenKeyIsNeitherInTheUriNorInToString() {
        HttpRequest request = exchange.adapter.request(exchange.settings, "gemini-2.5-flash", json(HELLO), true);

        assertFalse(request.uri().toString().contains(gemini.apiKey()));
        assertFalse(request.toString().contains(gemini.apiKey()));
        assertFalse(exchange.settings.toString().contains(gemini.apiKey()));
    }

    @Test
    void requestThenTimeoutIsTheProviderResponseTimeout() {
        HttpRequest request = exchange.adapter.request(exchange.settings, "gemini-2.5-flash", json(HELLO), false);

        assertEquals(exchange.settings.responseTimeout(), request.timeout().orElseThrow());
    }

    @Test
    void requestWhenModelIsAResourceNameAndBaseUrlEndsWithSlashThenPathHasOneOfEach() {
        ProviderSettings settings = new ProviderSettings("google", "gemini",
                URI.create("https://generativelanguage.googleapis.com/v1beta/"), "k", null, null, 0, Map.of());

        HttpRequest tuned = exchange.adapter.request(settings, "tunedModels/my-model-42", json(HELLO), false);
        HttpRequest prefixed = exchange.adapter.request(settings, "models/gemini-2.0-flash", json(HELLO), true);

        assertEquals("https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model-42:generateContent",
                tuned.uri().toString());
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash"
                + ":streamGenerateContent?alt=sse", prefixed.uri().toString());
        assertTrue(tuned.timeout().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../secrets", "models/../x", "gemini?key=1", "gemini#x", "a/b", "models/a/b",
            "gemini 2", "gemini%2F..", "files/abc"})
    void requestWhenModelIsNotAModelIdThenRefused(String model) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> exchange.adapter.request(exchange.settings, model, json(HELLO), false));

        assertEquals("The Gemini model name is not a valid model id", refused.getMessage());
    }

    @Test
    void requestWhenExtraHeadersThenSentButTheyCannotReplaceKeyOrContentType() throws Exception {
        GeminiExchange withHeaders = new GeminiExchange(GeminiExchange.settings(gemini, gemini.apiKey(),
                Duration.ofSeconds(5), Map.of("X-Goog-User-Project", "billing-project", "x-goog-api-key", "other",
                        "Content-Type", "text/plain")));

        withHeaders.call(json(HELLO));

        FakeGeminiRequest sent = gemini.lastRequest();
        assertEquals("billing-project", sent.header("x-goog-user-project"));
        assertEquals(List.of(gemini.apiKey()), sent.headerValues("x-goog-api-key"));
        assertEquals(List.of("application/json"), sent.headerValues("content-type"));
    }

    @Test
    void requestWhenProviderHasNoKeyThenNoKeyHeader() {
        GeminiExchange keyless = new GeminiExchange(GeminiExchange.settings(gemini, null, Duration.ofSeconds(5),
                Map.of()));

        HttpRequest request = keyless.adapter.request(keyless.settings, "gemini-2.5-flash", json(HELLO), false);

        assertTrue(request.headers().firstValue("x-goog-api-key").isEmpty());
    }

    @Test
    void requestWhenSystemAndDeveloperMessagesThenSystemInstructionAndRolesUserAndModel() throws Exception {
        exchange.call(json("{'model':'alias','stream':true,'messages':["
                + "{'role':'system','content':'Be brief.'},"
                + "{'role':'user','content':'Hello'},"
                + "{'role':'assistant','content':'Hi!'},"
                + "{'role':'developer','content':[{'type':'text','text':'Answer in French.'}]},"
                + "{'role':'user','content':[{'type':'text','text':'Weather?'},{'type':'text','text':'Today.'}]}]}"));

        assertEquals(json("{'systemInstruction':{'parts':[{'text':'Be brief.'},{'text':'Answer in French.'}]},"
                + "'contents':[{'role':'user','parts':[{'text':'Hello'}]},"
                + "{'role':'model','parts':[{'text':'Hi!'}]},"
                + "{'role':'user','parts':[{'text':'Weather?'},{'text':'Today.'}]}]}"), gemini.lastRequest().json());
    }

    @Test
    void requestWhenSameRoleFollowsItselfThenMergedIntoOneContentAndEmptyTextsDropped() throws Exception {
        exchange.call(json("{'messages':[{'role':'user','content':'One'},{'role':'system','content':''},"
                + "{'role':'user','content':'Two'},{'role':'assistant','content':null},"
                + "{'role':'assistant','content':''},{'role':'user','content':'Three'}]}"));

        assertEquals(json("{'contents':[{'role':'user','parts':[{'text':'One'},{'text':'Two'},{'text':'Three'}]}]}"),
                gemini.lastRequest().json());
    }

    @Test
    void requestWhenGenerationParametersThenGenerationConfig() throws Exception {
        exchange.call(json("{'messages':[{'role':'user','content':'Hello'}],'max_tokens':256,'temperature':0.2,"
                + "'top_p':0.9,'stop':'END','seed':7,'presence_penalty':0,'frequency_penalty':0.5,'n':1,"
                + "'user':'u-1','stream_options':{'include_usage':true},'metadata':{'a':'b'},'logprobs':false}"));

        assertEquals(json("{'maxOutputTokens':256,'temperature':0.2,'topP':0.9,'frequencyPenalty':0.5,'seed':7,"
                + "'stopSequences':['END']}"), gemini.lastRequest().json().getJsonObject("generationConfig"));
    }

    @Test
    void requestWhenMaxCompletionTokensAndMaxTokensThenMaxCompletionTokensWinsAndStopArrayIsKept() throws Exception {
        exchange.call(json("{'messages':[{'role':'user','content':'Hello'}],'max_tokens':10,"
                + "'max_completion_tokens':20,'stop':['a','b']}"));

        assertEquals(json("{'maxOutputTokens':20,'stopSequences':['a','b']}"),
                gemini.lastRequest().json().getJsonObject("generationConfig"));
    }

    @Test
    void requestWhenNoGenerationParametersThenNoGenerationConfig() throws Exception {
        exchange.call(json(HELLO));

        assertEquals(json("{'contents':[{'role':'user','parts':[{'text':'Hello'}]}]}"), gemini.lastRequest().json());
    }

    @Test
    void requestWhenResponseFormatJsonSchemaThenResponseJsonSchema() throws Exception {
        exchange.call(json("{'messages':[{'role':'user','content':'Hello'}],'response_format':{'type':'json_schema',"
                + "'json_schema':{'name':'reply','schema':{'type':'object','properties':{'a':{'type':'string'}}}}}}"));

        assertEquals(json("{'responseMimeType':'application/json','responseJsonSchema':{'type':'object',"
                + "'properties':{'a':{'type':'string'}}}}"), gemini.lastRequest().json().getJsonObject("generationConfig"));
    }

    @Test
    void requestWhenResponseFormatJsonObjectThenJsonMimeType() throws Exception {
        exchange.call(json("{'messages':[{'role':'user','content':'Hello'}],'response_format':{'type':'json_object'}}"));

        assertEquals(json("{'responseMimeType':'application/json'}"),
                gemini.lastRequest().json().getJsonObject("generationConfig"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'n':2,'messages':[{'role':'user','content':'Hi'}]}|Only n = 1 is supported for Gemini models.",
        "{'n':0,'messages':[{'role':'user','content':'Hi'}]}|Only n = 1 is supported for Gemini models.",
        "{'tools':[{'type':'function','function':{'name':'f'}}],'messages':[{'role':'user','content':'Hi'}]}"
                + "|Tools are not supported for Gemini models.",
        "{'functions':[{'name':'f'}],'messages':[{'role':'user','content':'Hi'}]}"
                + "|Tools are not supported for Gemini models.",
        "{'messages':[{'role':'user','content':'Hi'},{'role':'assistant','content':null,'tool_calls':[{'id':'c'}]}]}"
                + "|Tool calls are not supported for Gemini models.",
        "{'messages':[{'role':'user','content':'Hi'},{'role':'tool','content':'42','tool_call_id':'c'}]}"
                + "|Tool messages are not supported for Gemini models.",
        "{'messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'https://x/y.png'}}]}]}"
                + "|Content parts of type 'image_url' are not supported for Gemini models; only text parts are.",
        "{'messages':[{'role':'user','content':[{'type':'input_audio','input_audio':{'data':'AAAA'}}]}]}"
                + "|Content parts of type 'input_audio' are not supported for Gemini models; only text parts are.",
        "{'messages':[{'role':'user','content':[{'type':'<script>','text':'x'}]}]}"
                + "|Content parts of type other than text are not supported for Gemini models; only text parts are.",
        "{'messages':[{'role':'system','content':'Be brief.'}]}"
                + "|Gemini needs at least one non-empty user or assistant message.",
        "{'logprobs':true,'messages':[{'role':'user','content':'Hi'}]}|logprobs are not supported for Gemini models.",
        "{'max_tokens':0,'messages':[{'role':'user','content':'Hi'}]}|'max_tokens' must be a positive integer.",
        "{'max_completion_tokens':'9','messages':[{'role':'user','content':'Hi'}]}"
                + "|'max_completion_tokens' must be a positive integer.",
        "{'temperature':'hot','messages':[{'role':'user','content':'Hi'}]}|'temperature' must be a number.",
        "{'stop':[1],'messages':[{'role':'user','content':'Hi'}]}|'stop' must be a string or an array of strings.",
        "{'response_format':{'type':'xml'},'messages':[{'role':'user','content':'Hi'}]}"
                + "|'response_format' must be of type text, json_object or json_schema.",
        "{'messages':[{'role':'user','content':42}]}|Message content must be a string or an array of content parts."
    })
    void requestWhenUnsupportedOrMalformedThenRefusedWithACallerMessage(String row) {
        String[] columns = row.split("\\|");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> exchange.adapter.request(exchange.settings, "gemini-2.5-flash", json(columns[0]), false));

        assertEquals(columns[1], refused.getMessage());
        assertTrue(gemini.requests().isEmpty());
    }

    @Test
    void requestWhenSentThenFakeAcceptedItAsAGeminiRequest() throws Exception {
        GeminiExchange.Answer answer = exchange.call(json(HELLO));

        assertNull(answer.error());
        assertNotNull(answer.completion());
        assertEquals(0, gemini.pending());
    }
}
