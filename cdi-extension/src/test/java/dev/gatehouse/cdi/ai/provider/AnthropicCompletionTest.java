package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.testing.AnthropicWire;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Non-streamed answers: the {@code chat.completion} object, finish reasons and usage. */
class AnthropicCompletionTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hi'}]}");

    @RegisterExtension
    final AnthropicFixture anthropic = AnthropicFixture.withDefaultMaxTokens(64);

    private Completion answer(JsonObject message) throws Exception {
        anthropic.fake().enqueue(FakeAnthropicReply.message(message));
        return anthropic.roundTrip().complete(HELLO);
    }

    @Test
    void completionWhenTextAnswerThenChatCompletionWithMessageAndUsage() throws Exception {
        JsonObject message = AnthropicWire.message("Hello!", "end_turn", AnthropicWire.usage(12, 3, 0, 0));

        Completion completion = answer(message);

        assertEquals(json("{'id':'" + message.getString("id") + "','object':'chat.completion','created':"
                + AnthropicFixture.NOW.getEpochSecond() + ",'model':'claude-sonnet-4-5','choices':[{'index':0,'message':"
                + "{'role':'assistant','content':'Hello!','refusal':null},'logprobs':null,'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15,"
                + "'prompt_tokens_details':{'cached_tokens':0},'completion_tokens_details':{'reasoning_tokens':0}}}"),
                completion.response());
        assertEquals(new Usage(12, 3, 0, 0, true), completion.usage());
    }

    @Test
    void completionWhenMaxTokensReachedThenFinishReasonLength() throws Exception {
        Completion completion = answer(AnthropicWire.message("Once upon a", "max_tokens",
                AnthropicWire.usage(12, 64, 0, 0)));

        assertEquals("length", finishReason(completion));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "end_turn, stop", "stop_sequence, stop", "pause_turn, stop", "max_tokens, length",
        "model_context_window_exceeded, length", "tool_use, tool_calls", "refusal, content_filter",
        "a_reason_added_later, stop" })
    void completionWhenStopReasonThenOpenAiFinishReason(String stopReason, String finishReason) throws Exception {
        Completion completion = answer(AnthropicWire.message("x", stopReason, AnthropicWire.usage(1, 1, 0, 0)));

        assertEquals(finishReason, finishReason(completion));
    }

    @Test
    void completionWhenCacheTokensThenPromptCountsThemAndCachedIsCacheRead() throws Exception {
        Completion completion = answer(AnthropicWire.message("x", "end_turn", AnthropicWire.usage(100, 20, 30, 50)));

        assertEquals(new Usage(180, 20, 50, 0, true), completion.usage());
        assertEquals(completion.usage().toJson(), completion.response().getJsonObject("usage"));
        assertEquals(200, completion.response().getJsonObject("usage").getInt("total_tokens"));
    }

    @Test
    void completionWhenToolUseThenToolCallsWithArgumentsAsJsonText() throws Exception {
        Completion completion = answer(AnthropicWire.message(Json.createArrayBuilder()
                .add(AnthropicWire.textBlock("Let me check."))
                .add(AnthropicWire.toolUseBlock("toolu_01", "weather", json("{'city':'Paris'}")))
                .build(), "tool_use", AnthropicWire.usage(40, 30, 0, 0)));

        JsonObject choice = completion.response().getJsonArray("choices").getJsonObject(0);
        assertEquals(json("{'role':'assistant','content':'Let me check.','refusal':null,'tool_calls':[{'id':'toolu_01',"
                + "'type':'function','function':{'name':'weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]}"),
                choice.getJsonObject("message"));
        assertEquals("tool_calls", choice.getString("finish_reason"));
    }

    @Test
    void completionWhenOnlyToolUseThenContentNull() throws Exception {
        Completion completion = answer(AnthropicWire.message(Json.createArrayBuilder()
                .add(AnthropicWire.toolUseBlock("toolu_02", "now", json("{}"))).build(), "tool_use",
                AnthropicWire.usage(40, 5, 0, 0)));

        JsonObject message = completion.response().getJsonArray("choices").getJsonObject(0).getJsonObject("message");
        assertTrue(message.isNull("content"));
        assertEquals("{}", message.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function")
                .getString("arguments"));
    }

    @Test
    void completionWhenThinkingAndSeveralTextBlocksThenTextsConcatenatedWithoutThinking() throws Exception {
        Completion completion = answer(AnthropicWire.message(Json.createArrayBuilder()
                .add(AnthropicWire.thinkingBlock("secret reasoning"))
                .add(AnthropicWire.textBlock("Hello, "))
                .add(AnthropicWire.textBlock("world"))
                .build(), "end_turn", AnthropicWire.usage(5, 50, 0, 0)));

        assertEquals("Hello, world", completion.response().getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertFalse(completion.response().toString().contains("secret reasoning"));
    }

    @Test
    void completionWhenUsageMissingThenUsageNotReported() throws Exception {
        JsonObject message = Json.createObjectBuilder(AnthropicWire.message("x", "end_turn",
                AnthropicWire.usage(1, 1, 0, 0))).remove("usage").build();

        Completion completion = answer(message);

        assertEquals(Usage.UNKNOWN, completion.usage());
        assertFalse(completion.response().containsKey("usage"));
    }

    @Test
    void completionWhenBodyIsNotAMessageThenProviderException() throws Exception {
        anthropic.fake().enqueue(FakeAnthropicReply.status(200, "{\"type\":\"completion\",\"completion\":\"Hi\"}"));

        ProviderException refused = assertThrows(ProviderException.class, () -> anthropic.roundTrip().complete(HELLO));

        assertEquals("Anthropic answer is not a message with content", refused.getMessage());
    }

    @Test
    void completionWhenToolUseBlockHasNoIdThenProviderException() throws Exception {
        JsonObject broken = Json.createObjectBuilder().add("type", "tool_use").add("name", "now").build();

        ProviderException refused = assertThrows(ProviderException.class, () -> answer(AnthropicWire.message(
                Json.createArrayBuilder().add(broken).build(), "tool_use", AnthropicWire.usage(1, 1, 0, 0))));

        assertEquals("Anthropic tool_use block without id or name", refused.getMessage());
    }

    private static String finishReason(Completion completion) {
        return completion.response().getJsonArray("choices").getJsonObject(0).getString("finish_reason");
    }
}
