package dev.gatehouse.cdi.ai.provider;

import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * The body of {@code POST /v1/messages} for an OpenAI Chat Completions request:
 * <ul>
 * <li>{@code model} ← the target's model; {@code messages}/{@code system} ← {@code messages}
 * ({@link AnthropicMessages}); {@code tools}/{@code tool_choice} ← {@code tools}, {@code tool_choice},
 * {@code parallel_tool_calls} ({@link AnthropicTools});</li>
 * <li>{@code max_tokens} (required by Anthropic) ← {@code max_completion_tokens}, else {@code max_tokens}, else the
 * adapter's default;</li>
 * <li>{@code stop_sequences} ← {@code stop} (a string or an array); {@code temperature}, {@code top_p} as they are
 * (Anthropic's temperature range is 0-1: a larger value is the API's 400 to report);</li>
 * <li>{@code metadata.user_id} ← {@code safety_identifier}, else {@code user}; {@code stream: true} when streaming
 * (an Anthropic stream always reports usage, so {@code stream_options} needs no counterpart).</li>
 * </ul>
 * Refused, because the answer could not have the shape the caller asked for: {@code n} &gt; 1, audio output,
 * {@code response_format} {@code json_object}/{@code json_schema}. Other OpenAI fields with no Anthropic equivalent
 * ({@code frequency_penalty}, {@code presence_penalty}, {@code logit_bias}, {@code seed}, {@code logprobs},
 * {@code reasoning_effort}, ...) are dropped.
 */
final class AnthropicRequestBody {

    private AnthropicRequestBody() {
    }

    /**
     * @throws IllegalArgumentException when the request cannot be expressed; its message is safe to show the caller
     */
    static JsonObject of(String model, JsonObject chat, boolean stream, int defaultMaxTokens) {
        refuseUnsupported(chat);
        JsonArray messages = AnthropicJson.array(chat, "messages");
        if (messages == null) {
            throw new IllegalArgumentException("messages must be an array");
        }
        AnthropicMessages.Conversation conversation = AnthropicMessages.of(messages);
        JsonObjectBuilder body = Json.createObjectBuilder().add("model", model)
                .add("max_tokens", maxTokens(chat, defaultMaxTokens));
        if (conversation.system() != null) {
            body.add("system", conversation.system());
        }
        body.add("messages", conversation.messages());
        JsonArray stop = stopSequences(chat.get("stop"));
        if (stop != null) {
            body.add("stop_sequences", stop);
        }
        copyNumber(chat, "temperature", body);
        copyNumber(chat, "top_p", body);
        String user = AnthropicJson.string(chat, AnthropicJson.present(chat, "safety_identifier")
                ? "safety_identifier" : "user");
        if (user != null) {
            body.add("metadata", Json.createObjectBuilder().add("user_id", user));
        }
        AnthropicTools.addTo(chat, body);
        if (stream) {
            body.add("stream", true);
        }
        return body.build();
    }

    private static void refuseUnsupported(JsonObject chat) {
        if (AnthropicJson.number(chat, "n", 1) != 1) {
            throw new IllegalArgumentException("n other than 1 is not supported by Anthropic providers");
        }
        JsonArray modalities = AnthropicJson.array(chat, "modalities");
        if (AnthropicJson.present(chat, "audio")
                || modalities != null && modalities.contains(Json.createValue("audio"))) {
            throw new IllegalArgumentException("Audio output is not supported by Anthropic providers");
        }
        String format = AnthropicJson.string(AnthropicJson.object(chat, "response_format"), "type");
        if (format != null && !"text".equals(format)) {
            boolean known = "json_object".equals(format) || "json_schema".equals(format);
            throw new IllegalArgumentException("response_format " + (known ? format : "of this type")
                    + " is not supported by Anthropic providers");
        }
    }

    private static long maxTokens(JsonObject chat, int defaultMaxTokens) {
        for (String name : List.of("max_completion_tokens", "max_tokens")) {
            if (!AnthropicJson.present(chat, name)) {
                continue;
            }
            if (chat.get(name) instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0
                    && n.longValue() <= Integer.MAX_VALUE) {
                return n.longValue();
            }
            throw new IllegalArgumentException(name + " must be a positive integer");
        }
        return defaultMaxTokens;
    }

    private static JsonArray stopSequences(JsonValue stop) {
        if (stop == null || stop.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (stop instanceof JsonString s) {
            return Json.createArrayBuilder().add(s).build();
        }
        if (stop instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return array.isEmpty() ? null : array;
        }
        throw new IllegalArgumentException("stop must be a string or an array of strings");
    }

    private static void copyNumber(JsonObject chat, String name, JsonObjectBuilder body) {
        if (!AnthropicJson.present(chat, name)) {
            return;
        }
        if (!(chat.get(name) instanceof JsonNumber n)) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        body.add(name, n);
    }
}
