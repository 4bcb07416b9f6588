package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.GeminiExchange.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;

/** {@link GeminiAdapter#completion}: Gemini answers from {@link FakeGemini} as OpenAI {@code chat.completion}s. */
class GeminiCompletionTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hello'}]}");

    private FakeGemini gemini;
    private GeminiExchange exchange;

    @BeforeEach
    void start() throws Exception {
        gemini = FakeGemini.start();
        exchange = GeminiExchange.with(gemini);
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @Test
    void completionWhenAnswerThenOpenAiChatCompletion() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("Hi there!", "STOP", FakeGeminiJson.usage(5, 3)));

        Completion completion = exchange.call(HELLO).completion();

        assertEquals(json("{'id':'chatcmpl-" + FakeGeminiJson.RESPONSE_ID + "','object':'chat.completion',"
                + "'created':" + GeminiExchange.CREATED + ",'model':'gemini-2.5-flash','choices':[{'index':0,"
                + "'message':{'role':'assistant','content':'Hi there!'},'logprobs':null,'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':5,'completion_tokens':3,'total_tokens':8,"
                + "'prompt_tokens_details':{'cached_tokens':0},'completion_tokens_details':{'reasoning_tokens':0}}}"),
                completion.response());
        assertEquals(new Usage(5, 3, 0, 0, true), completion.usage());
    }

    @Test
    void completionWhenMaxTokensReachedThenFinishReasonLength() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("Once upon a", "MAX_TOKENS", FakeGeminiJson.usage(5, 3)));

        assertEquals("length", finishReason(exchange.call(HELLO).completion()));
    }

    @ParameterizedTest
    @CsvSource({"STOP,stop", "MAX_TOKENS,length", "SAFETY,content_filter", "RECITATION,content_filter",
        "BLOCKLIST,content_filter", "PROHIBITED_CONTENT,content_filter", "SPII,content_filter",
        "IMAGE_SAFETY,content_filter", "LANGUAGE,stop", "OTHER,stop", "MALFORMED_FUNCTION_CALL,stop",
        "FINISH_REASON_UNSPECIFIED,stop", "SOMETHING_NEW,stop"})
    void completionWhenFinishReasonThenOpenAiFinishReason(String gemini, String openAi) throws Exception {
        this.gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.response("Text", gemini, FakeGeminiJson.usage(1, 1))));

        assertEquals(openAi, finishReason(exchange.call(HELLO).completion()));
    }

    @Test
    void completionWhenCandidateFilteredWithoutContentThenEmptyContentAndContentFilter() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(json("{'candidates':[{'finishReason':'SAFETY','index':0,"
                + "'safetyRatings':[{'category':'HARM_CATEGORY_HARASSMENT','probability':'HIGH','blocked':true}]}],"
                + "'usageMetadata':{'promptTokenCount':7,'totalTokenCount':7}}")));

        Completion completion = exchange.call(HELLO).completion();

        assertEquals("", message(completion).getString("content"));
        assertEquals("content_filter", finishReason(completion));
        assertEquals(new Usage(7, 0, 0, 0, true), completion.usage());
    }

    @Test
    void completionWhenPromptBlockedThenEmptyAnswerWithContentFilter() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.blocked("PROHIBITED_CONTENT", json(
                "{'promptTokenCount':12,'totalTokenCount':12}"))));

        Completion completion = exchange.call(HELLO).completion();

        assertEquals("", message(completion).getString("content"));
        assertEquals("content_filter", finishReason(completion));
        assertEquals(new Usage(12, 0, 0, 0, true), completion.usage());
    }

    @Test
    void completionWhenThinkingModelThenThoughtsAreReasoningCountedIntoCompletionAndLeftOutOfContent()
            throws Exception {
        gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.withParts(Json.createArrayBuilder()
                .add(FakeGeminiJson.thought("Let me think about it."))
                .add(Json.createObjectBuilder().add("text", "Forty-")).add(Json.createObjectBuilder().add("text", "two")),
                "STOP", FakeGeminiJson.usage(100, 20, 30, 64))));

        Completion completion = exchange.call(HELLO).completion();

        assertEquals("Forty-two", message(completion).getString("content"));
        assertEquals(new Usage(100, 50, 64, 30, true), completion.usage());
        assertEquals(json("{'prompt_tokens':100,'completion_tokens':50,'total_tokens':150,"
                + "'prompt_tokens_details':{'cached_tokens':64},'completion_tokens_details':{'reasoning_tokens':30}}"),
                completion.response().getJsonObject("usage"));
    }

    @Test
    void completionWhenToolUsePromptTokensThenCountedAsPromptSoTotalsMatchGemini() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.response("Hi", "STOP", json("{'promptTokenCount':10,"
                + "'candidatesTokenCount':2,'toolUsePromptTokenCount':5,'totalTokenCount':17}"))));

        Usage usage = exchange.call(HELLO).completion().usage();

        assertEquals(new Usage(15, 2, 0, 0, true), usage);
        assertEquals(17, usage.totalTokens());
    }

    @Test
    void completionWhenNoUsageMetadataThenUsageUnreportedAndLeftOutOfTheResponse() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.response("Hi", "STOP", null)));

        Completion completion = exchange.call(HELLO).completion();

        assertFalse(completion.usage().reported());
        assertFalse(completion.response().containsKey("usage"));
    }

    @Test
    void completionWhenNoResponseIdThenGeneratedChatCompletionId() throws Exception {
        JsonObject withoutId = Json.createObjectBuilder(FakeGeminiJson.response("Hi", "STOP", null))
                .remove("responseId").build();
        gemini.enqueue(FakeGeminiReply.json(withoutId), FakeGeminiReply.json(withoutId));

        String first = exchange.call(HELLO).completion().response().getString("id");
        String second = exchange.call(HELLO).completion().response().getString("id");

        assertTrue(first.matches("chatcmpl-[0-9a-f]{32}"), first);
        assertFalse(first.equals(second));
    }

    @Test
    void completionWhenNoCandidateAndNoBlockThenProviderException() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(json("{'usageMetadata':{'promptTokenCount':3},'modelVersion':'x'}")));

        ProviderException refused = assertThrows(ProviderException.class, () -> exchange.call(HELLO));

        assertEquals("Gemini answer has no candidate", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'candidates':'secret-text'}|candidates",
        "{'candidates':['secret-text']}|candidates",
        "{'candidates':[{'content':{'parts':[{'text':7}]}}]}|text",
        "{'candidates':[{'content':{'parts':'secret-text'}}]}|parts",
        "{'candidates':[{'content':'secret-text'}]}|content",
        "{'candidates':[{'finishReason':1}]}|finishReason",
        "{'candidates':[],'usageMetadata':{'promptTokenCount':-1}}|promptTokenCount",
        "{'candidates':[],'usageMetadata':{'candidatesTokenCount':1.5}}|candidatesTokenCount",
        "{'candidates':[],'usageMetadata':{'thoughtsTokenCount':'secret-text'}}|thoughtsTokenCount",
        "{'candidates':[],'usageMetadata':{'promptTokenCount':99999999999999999999}}|promptTokenCount",
        "{'candidates':[],'usageMetadata':'secret-text'}|usageMetadata",
        "{'promptFeedback':{'blockReason':3}}|blockReason"
    })
    void completionWhenFieldMalformedThenProviderExceptionNamingTheFieldNotItsValue(String row) throws Exception {
        String[] columns = row.split("\\|");
        gemini.enqueue(FakeGeminiReply.json(json(columns[0])));

        ProviderException refused = assertThrows(ProviderException.class, () -> exchange.call(HELLO));

        assertEquals("Gemini answer has a malformed '" + columns[1] + "' field", refused.getMessage());
    }

    @Test
    void completionWhenBodyIsAnErrorObjectThenProviderExceptionWithoutItsMessage() throws Exception {
        gemini.enqueue(FakeGeminiReply.json(FakeGeminiJson.error(500, "INTERNAL", "secret prompt echo")));

        ProviderException refused = assertThrows(ProviderException.class, () -> exchange.call(HELLO));

        assertEquals("Gemini reported an error instead of an answer (code 500, INTERNAL)", refused.getMessage());
    }

    @Test
    void completionWhenCalledDirectlyWithAnotherModelThenThatModelIsReported() throws Exception {
        Completion completion = exchange.adapter.completion("gemini-2.0-flash-lite",
                FakeGeminiJson.response("Hi", "STOP", FakeGeminiJson.usage(1, 1)));

        assertEquals("gemini-2.0-flash-lite", completion.response().getString("model"));
        assertEquals("gemini", exchange.adapter.kind());
    }

    private static JsonObject message(Completion completion) {
        return completion.response().getJsonArray("choices").getJsonObject(0).getJsonObject("message");
    }

    private static String finishReason(Completion completion) {
        return completion.response().getJsonArray("choices").getJsonObject(0).getString("finish_reason");
    }
}
