package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.hello;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiAnswer;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;

class OpenAiAdapterCompletionTest {

    private static final String MODEL = "gpt-4o-mini";

    private final OpenAiAdapter adapter = new OpenAiAdapter();
    private FakeOpenAi openAi;
    private OpenAiRoundTrip roundTrip;

    @BeforeEach
    void start() throws Exception {
        openAi = FakeOpenAi.requiringKey("sk-test-key-000111");
        roundTrip = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), "sk-test-key-000111"));
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void completionThenModelIsTheTargetsAndTheRestOfTheBodyKept() throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("Hello!").servedModel("gpt-4o-mini-2024-07-18"));

        Completion completion = roundTrip.complete(MODEL, hello());

        JsonObject response = completion.response();
        assertEquals(MODEL, response.getString("model"));
        assertEquals("chat.completion", response.getString("object"));
        assertEquals("default", response.getString("service_tier"));
        assertEquals("fp_fake", response.getString("system_fingerprint"));
        JsonObject choice = response.getJsonArray("choices").getJsonObject(0);
        assertEquals("Hello!", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
    }

    @Test
    void completionWhenUsageReportedThenReadsCachedAndReasoningTokens() throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("42").usage(2006, 300, 1920, 192));

        Completion completion = roundTrip.complete(MODEL, hello());

        assertEquals(new Usage(2006, 300, 1920, 192, true), completion.usage());
        assertEquals(FakeOpenAiAnswer.usageJson(2006, 300, 1920, 192),
                completion.response().getJsonObject("usage"), "usage stays as the provider sent it");
    }

    @Test
    void completionWhenUsageAbsentThenUnknownAndNotReported() throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("hi").withoutUsage());

        Completion completion = roundTrip.complete(MODEL, hello());

        assertEquals(Usage.UNKNOWN, completion.usage());
        assertFalse(completion.usage().reported());
    }

    @Test
    void completionWhenUsageHasNoTokenCountsThenUnknown() throws Exception {
        JsonObject body = json("{\"choices\":[],\"usage\":{\"total_tokens\":12}}");

        assertEquals(Usage.UNKNOWN, adapter.completion(MODEL, body).usage());
    }

    @Test
    void completionWhenUsageHasNoDetailsThenDetailsZero() throws Exception {
        openAi.enqueue(FakeOpenAiReply.json(json("{\"id\":\"1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"llama3.2\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":26,"
                + "\"completion_tokens\":2,\"total_tokens\":28,\"prompt_tokens_details\":null}}")));

        assertEquals(new Usage(26, 2, 0, 0, true), roundTrip.complete(MODEL, hello()).usage());
    }

    @Test
    void completionWhenMaxTokensReachedThenFinishReasonLength() throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("Once upon a").finishReason("length"));

        Completion completion = roundTrip.complete(MODEL, hello());

        assertEquals("length", completion.response().getJsonArray("choices").getJsonObject(0)
                .getString("finish_reason"));
    }

    @Test
    void completionWhenToolCallThenFinishReasonToolCallsAndCallKept() throws Exception {
        openAi.enqueue(FakeOpenAiReply.toolCall("get_weather", "{\"city\":\"Oslo\"}"));

        JsonObject choice = roundTrip.complete(MODEL, hello()).response().getJsonArray("choices").getJsonObject(0);

        assertEquals("tool_calls", choice.getString("finish_reason"));
        assertEquals("{\"city\":\"Oslo\"}", choice.getJsonObject("message").getJsonArray("tool_calls")
                .getJsonObject(0).getJsonObject("function").getString("arguments"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "stop, stop",
        "length, length",
        "tool_calls, tool_calls",
        "content_filter, content_filter",
        "function_call, tool_calls",
        "model_length, length",
        "eos, stop",
        "error, stop",
        "abort, stop",
    })
    void completionWhenServerSendsFinishReasonThenOneOfOpenAisFour(String sent, String expected) throws Exception {
        openAi.enqueue(FakeOpenAiReply.answer("x").finishReason(sent));

        assertEquals(expected, roundTrip.complete(MODEL, hello()).response().getJsonArray("choices")
                .getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void completionWhenFinishReasonMissingThenStop() throws Exception {
        JsonObject body = json("{\"id\":\"1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"a\"}},"
                + "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"b\"},\"finish_reason\":null}]}");

        JsonObject response = adapter.completion(MODEL, body).response();

        assertEquals("stop", response.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        assertEquals("stop", response.getJsonArray("choices").getJsonObject(1).getString("finish_reason"));
    }

    @Test
    void completionWhenBodyHasNoChoicesThenProviderException() {
        ProviderException failure = assertThrows(ProviderException.class,
                () -> adapter.completion(MODEL, json("{\"id\":\"1\",\"object\":\"chat.completion\"}")));

        assertEquals("the response has no choices array", failure.getMessage());
    }

    @Test
    void completionWhenChoiceIsNotAnObjectThenProviderException() {
        assertThrows(ProviderException.class, () -> adapter.completion(MODEL, json("{\"choices\":[\"text\"]}")));
    }

    @Test
    void completionWhenSuccessfulStatusCarriesAnErrorThenProviderException() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(200, "server_error", "prompt echo: my secret", null));

        ProviderException failure = assertThrows(ProviderException.class, () -> roundTrip.complete(MODEL, hello()));

        assertEquals("the provider reported an error in a successful response", failure.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt_tokens\":-5,\"completion_tokens\":1}",
        "{\"prompt_tokens\":1.5,\"completion_tokens\":1}",
        "{\"prompt_tokens\":\"12\",\"completion_tokens\":1}",
        "{\"prompt_tokens\":1e400,\"completion_tokens\":1}",
        "{\"prompt_tokens\":1,\"completion_tokens\":1,\"completion_tokens_details\":[]}",
    })
    void completionWhenUsageMalformedThenProviderException(String usage) {
        JsonObject body = json("{\"choices\":[],\"usage\":" + usage + "}");

        ProviderException failure = assertThrows(ProviderException.class, () -> adapter.completion(MODEL, body));

        assertFalse(failure.getMessage().contains("12"), failure.getMessage());
    }
}
