package dev.gatehouse.cdi.ai.testing;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * JSON exactly as the Anthropic Messages API sends it: the {@code message} object, {@code usage}, the error body and
 * each stream event's {@code data}. For {@link FakeAnthropic} replies and for assertions.
 *
 * @see <a href="https://docs.claude.com/en/docs/build-with-claude/streaming">Streaming messages</a>
 */
public final class AnthropicWire {

    /** The model the fake answers as. */
    public static final String MODEL = "claude-sonnet-4-5-20250929";

    private static final AtomicLong IDS = new AtomicLong();

    private AnthropicWire() {
    }

    /** A {@code usage} object with every field the API documents (stream deltas may carry fewer). */
    public static JsonObject usage(long input, long output, long cacheCreation, long cacheRead) {
        return Json.createObjectBuilder()
                .add("input_tokens", input)
                .add("cache_creation_input_tokens", cacheCreation)
                .add("cache_read_input_tokens", cacheRead)
                .add("output_tokens", output)
                .add("service_tier", "standard")
                .build();
    }

    /** A {@code message} with one text block. */
    public static JsonObject message(String text, String stopReason, JsonObject usage) {
        return message(Json.createArrayBuilder().add(textBlock(text)).build(), stopReason, usage);
    }

    /** A {@code message} with these content blocks ({@code stopReason} may be {@code null}). */
    public static JsonObject message(JsonArray content, String stopReason, JsonObject usage) {
        return Json.createObjectBuilder()
                .add("id", "msg_fake" + IDS.incrementAndGet())
                .add("type", "message")
                .add("role", "assistant")
                .add("model", MODEL)
                .add("content", content)
                .add("stop_reason", stopReason == null ? JsonValue.NULL : Json.createValue(stopReason))
                .add("stop_sequence", JsonValue.NULL)
                .add("usage", usage)
                .build();
    }

    public static JsonObject textBlock(String text) {
        return Json.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    public static JsonObject toolUseBlock(String id, String name, JsonObject input) {
        return Json.createObjectBuilder().add("type", "tool_use").add("id", id).add("name", name).add("input", input)
                .build();
    }

    public static JsonObject thinkingBlock(String thinking) {
        return Json.createObjectBuilder().add("type", "thinking").add("thinking", thinking)
                .add("signature", "c2lnbmF0dXJl").build();
    }

    /** The body of an error answer: {@code {"type":"error","error":{..},"request_id":..}}. */
    public static JsonObject error(String type, String message) {
        return Json.createObjectBuilder()
                .add("type", "error")
                .add("error", Json.createObjectBuilder().add("type", type).add("message", message))
                .add("request_id", "req_fake" + IDS.incrementAndGet())
                .build();
    }

    /** {@code message_start}: the message with empty content, input/cache counts and a placeholder output count. */
    public static JsonObject messageStart(JsonObject usage) {
        return event("message_start").add("message", message(JsonValue.EMPTY_JSON_ARRAY, null, usage)).build();
    }

    public static JsonObject textBlockStart(int index) {
        return event("content_block_start").add("index", index).add("content_block", textBlock("")).build();
    }

    public static JsonObject toolUseBlockStart(int index, String id, String name) {
        return event("content_block_start").add("index", index)
                .add("content_block", toolUseBlock(id, name, JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    /** A server tool (web search) call: its input streams as {@code input_json_delta}s too. */
    public static JsonObject serverToolUseBlockStart(int index, String id, String name) {
        return event("content_block_start").add("index", index).add("content_block", Json.createObjectBuilder()
                .add("type", "server_tool_use").add("id", id).add("name", name)
                .add("input", JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    public static JsonObject thinkingBlockStart(int index) {
        return event("content_block_start").add("index", index).add("content_block", Json.createObjectBuilder()
                .add("type", "thinking").add("thinking", "")).build();
    }

    public static JsonObject textDelta(int index, String text) {
        return blockDelta(index, Json.createObjectBuilder().add("type", "text_delta").add("text", text));
    }

    public static JsonObject inputJsonDelta(int index, String partialJson) {
        return blockDelta(index, Json.createObjectBuilder().add("type", "input_json_delta")
                .add("partial_json", partialJson));
    }

    public static JsonObject thinkingDelta(int index, String thinking) {
        return blockDelta(index, Json.createObjectBuilder().add("type", "thinking_delta").add("thinking", thinking));
    }

    public static JsonObject blockStop(int index) {
        return event("content_block_stop").add("index", index).build();
    }

    /** {@code message_delta} with the stop reason and the cumulative {@code usage} (often just output tokens). */
    public static JsonObject messageDelta(String stopReason, JsonObject usage) {
        return event("message_delta")
                .add("delta", Json.createObjectBuilder().add("stop_reason", stopReason)
                        .add("stop_sequence", JsonValue.NULL))
                .add("usage", usage).build();
    }

    /** The usage of a {@code message_delta} as the documented example has it: {@code {"output_tokens": n}}. */
    public static JsonObject outputUsage(long output) {
        return Json.createObjectBuilder().add("output_tokens", output).build();
    }

    public static JsonObject messageStop() {
        return event("message_stop").build();
    }

    public static JsonObject ping() {
        return event("ping").build();
    }

    /** An {@code error} event, as sent mid-stream (no {@code request_id}). */
    public static JsonObject errorEvent(String type, String message) {
        return event("error").add("error", Json.createObjectBuilder().add("type", type).add("message", message))
                .build();
    }

    private static JsonObject blockDelta(int index, JsonObjectBuilder delta) {
        return event("content_block_delta").add("index", index).add("delta", delta).build();
    }

    private static JsonObjectBuilder event(String type) {
        return Json.createObjectBuilder().add("type", type);
    }
}
