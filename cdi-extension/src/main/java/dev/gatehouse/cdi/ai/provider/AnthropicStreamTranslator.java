package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.gatehouse.cdi.json.Json;

/**
 * A Messages API stream as OpenAI {@code chat.completion.chunk}s:
 * <table>
 * <caption>Anthropic event → chunks relayed</caption>
 * <tr><th>event</th><th>chunks</th></tr>
 * <tr><td>{@code message_start}</td><td>{@code delta: {role: "assistant", content: ""}}; input and cache token
 * counts kept</td></tr>
 * <tr><td>{@code content_block_start} {@code text}</td><td>its text, if any, as {@code delta.content}</td></tr>
 * <tr><td>{@code content_block_start} {@code tool_use}</td><td>{@code delta.tool_calls[{index, id, type, function:
 * {name, arguments: ""}}]}, the index counting tool calls from 0</td></tr>
 * <tr><td>{@code content_block_delta} {@code text_delta}</td><td>{@code delta.content}</td></tr>
 * <tr><td>{@code content_block_delta} {@code input_json_delta}</td><td>{@code delta.tool_calls[{index, function:
 * {arguments}}]}</td></tr>
 * <tr><td>{@code message_delta}</td><td>none; {@code stop_reason} and the (cumulative) token counts kept</td></tr>
 * <tr><td>{@code message_stop}</td><td>{@code delta: {}, finish_reason}, then {@code choices: [], usage} (when usage
 * was reported); {@link #complete()} becomes true</td></tr>
 * <tr><td>{@code error}</td><td>{@link ProviderException}</td></tr>
 * <tr><td>{@code ping}, {@code content_block_stop}, thinking, signature and citation deltas, server-tool blocks
 * and their input, unknown events</td><td>none</td></tr>
 * </table>
 * The usage chunk is always produced; a relay drops it unless the caller set {@code stream_options.include_usage}.
 * Events after {@code message_stop} are ignored.
 */
final class AnthropicStreamTranslator implements StreamTranslator {

    private final String model;
    private final String id;
    private final long created;
    private final AnthropicUsage usage = new AnthropicUsage();
    private final Map<Long, Integer> toolCallIndexes = new HashMap<>();
    private String stopReason;
    private boolean opened;
    private boolean complete;

    AnthropicStreamTranslator(String model, String id, long created) {
        this.model = model;
        this.id = id;
        this.created = created;
    }

    @Override
    public List<JsonObject> onEvent(SseEvent event) throws ProviderException {
        if (complete) {
            return List.of();
        }
        if (!(AnthropicJson.parse(event.data()) instanceof JsonObject data)) {
            throw new ProviderException("Anthropic stream event is not a JSON object");
        }
        String type = AnthropicJson.string(data, "type");
        List<JsonObject> chunks = new ArrayList<>(2);
        switch (type != null ? type : event.event()) {
            case "message_start" -> {
                usage.add(AnthropicJson.object(AnthropicJson.object(data, "message"), "usage"));
                open(chunks);
            }
            case "content_block_start" -> blockStart(data, chunks);
            case "content_block_delta" -> blockDelta(data, chunks);
            case "message_delta" -> {
                String reason = AnthropicJson.string(AnthropicJson.object(data, "delta"), "stop_reason");
                stopReason = reason != null ? reason : stopReason;
                usage.add(AnthropicJson.object(data, "usage"));
            }
            case "message_stop" -> finish(chunks);
            case "error" -> throw AnthropicErrors.streamError(data);
            default -> {
                // ping, content_block_stop, and event types added later (Anthropic's versioning policy)
            }
        }
        return chunks;
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public Usage usage() {
        return usage.usage();
    }

    private void blockStart(JsonObject data, List<JsonObject> chunks) throws ProviderException {
        JsonObject block = AnthropicJson.object(data, "content_block");
        String type = String.valueOf(AnthropicJson.string(block, "type"));
        if ("text".equals(type)) {
            String text = AnthropicJson.string(block, "text");
            if (text != null && !text.isEmpty()) {
                open(chunks);
                chunks.add(chunk(Json.createObjectBuilder().add("content", text), null));
            }
        } else if ("tool_use".equals(type)) {
            String callId = AnthropicJson.string(block, "id");
            String name = AnthropicJson.string(block, "name");
            if (callId == null || name == null) {
                throw new ProviderException("Anthropic tool_use block without id or name");
            }
            int index = toolCallIndexes.size();
            toolCallIndexes.put(blockIndex(data), index);
            open(chunks);
            chunks.add(toolCallChunk(Json.createObjectBuilder().add("index", index).add("id", callId)
                    .add("type", "function")
                    .add("function", Json.createObjectBuilder().add("name", name).add("arguments", ""))));
        }
    }

    /** Text and client tool-call deltas; the input of server tools ({@code server_tool_use}) is not relayed. */
    private void blockDelta(JsonObject data, List<JsonObject> chunks) throws ProviderException {
        JsonObject delta = AnthropicJson.object(data, "delta");
        String type = String.valueOf(AnthropicJson.string(delta, "type"));
        if ("text_delta".equals(type)) {
            String text = AnthropicJson.string(delta, "text");
            if (text == null) {
                throw new ProviderException("Anthropic text_delta without text");
            }
            open(chunks);
            chunks.add(chunk(Json.createObjectBuilder().add("content", text), null));
        } else if ("input_json_delta".equals(type)) {
            Integer index = toolCallIndexes.get(blockIndex(data));
            String json = AnthropicJson.string(delta, "partial_json");
            if (index != null && json != null && !json.isEmpty()) {
                chunks.add(toolCallChunk(Json.createObjectBuilder().add("index", index)
                        .add("function", Json.createObjectBuilder().add("arguments", json))));
            }
        }
    }

    private void finish(List<JsonObject> chunks) {
        open(chunks);
        chunks.add(chunk(Json.createObjectBuilder(), AnthropicFinishReasons.of(stopReason)));
        Usage total = usage.usage();
        if (total.reported()) {
            chunks.add(base().add("choices", Json.createArrayBuilder()).add("usage", total.toJson()).build());
        }
        complete = true;
    }

    /** The role chunk, once, before anything else. */
    private void open(List<JsonObject> chunks) {
        if (!opened) {
            opened = true;
            chunks.add(chunk(Json.createObjectBuilder().add("role", "assistant").add("content", ""), null));
        }
    }

    private static long blockIndex(JsonObject data) {
        return AnthropicJson.number(data, "index", -1);
    }

    private JsonObject toolCallChunk(JsonObjectBuilder call) {
        return chunk(Json.createObjectBuilder().add("tool_calls", Json.createArrayBuilder().add(call)), null);
    }

    private JsonObject chunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        return base().add("choices", Json.createArrayBuilder().add(choice)).build();
    }

    private JsonObjectBuilder base() {
        return Json.createObjectBuilder().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                .add("model", model);
    }
}
