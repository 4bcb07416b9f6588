package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * An OpenAI Chat Completions request as a Gemini {@code GenerateContentRequest}: {@code contents} and
 * {@code systemInstruction} (see {@link GeminiContents}) and {@code generationConfig}:
 * <ul>
 * <li>{@code max_completion_tokens}, else {@code max_tokens} → {@code maxOutputTokens};</li>
 * <li>{@code temperature} → {@code temperature}; {@code top_p} → {@code topP}; {@code seed} → {@code seed};</li>
 * <li>{@code stop} (a string or an array of strings) → {@code stopSequences};</li>
 * <li>non-zero {@code presence_penalty}, {@code frequency_penalty} → {@code presencePenalty},
 * {@code frequencyPenalty} (zero is both APIs' default, and some Gemini models refuse the fields);</li>
 * <li>{@code response_format} {@code json_object} → {@code responseMimeType: application/json};
 * {@code json_schema} → that and {@code responseJsonSchema}.</li>
 * </ul>
 * Refused with an {@link IllegalArgumentException} whose message can be shown to the caller: {@code n} other than 1,
 * {@code tools}/{@code functions}, {@code logprobs: true}, and fields of the wrong type. Fields with no Gemini
 * counterpart that do not change the answer's shape ({@code user}, {@code metadata}, {@code store},
 * {@code stream_options}, {@code service_tier}, {@code reasoning_effort}, ...) are ignored; so are {@code model} and
 * {@code stream}, which the router decides.
 *
 * @see <a href="https://ai.google.dev/api/generate-content#generationconfig">GenerationConfig</a>
 */
final class GeminiRequestBody {

    private GeminiRequestBody() {
    }

    static JsonObject from(JsonObject chat) {
        refuseUnsupported(chat);
        JsonObjectBuilder body = Json.createObjectBuilder();
        JsonValue messages = chat.get("messages");
        if (messages == null || messages.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("'messages' must be an array.");
        }
        GeminiContents.translate(messages.asJsonArray(), body);
        JsonObject config = generationConfig(chat);
        if (!config.isEmpty()) {
            body.add("generationConfig", config);
        }
        return body.build();
    }

    private static void refuseUnsupported(JsonObject chat) {
        JsonValue n = given(chat, "n");
        if (n != null && !(n instanceof JsonNumber number && number.isIntegral() && number.longValue() == 1)) {
            throw new IllegalArgumentException("Only n = 1 is supported for Gemini models.");
        }
        if (nonEmptyArray(chat, "tools") || nonEmptyArray(chat, "functions")) {
            throw new IllegalArgumentException("Tools are not supported for Gemini models.");
        }
        if (given(chat, "logprobs") == JsonValue.TRUE) {
            throw new IllegalArgumentException("logprobs are not supported for Gemini models.");
        }
    }

    private static JsonObject generationConfig(JsonObject chat) {
        JsonObjectBuilder config = Json.createObjectBuilder();
        JsonValue maxTokens = given(chat, "max_completion_tokens");
        String maxTokensName = "max_completion_tokens";
        if (maxTokens == null) {
            maxTokens = given(chat, "max_tokens");
            maxTokensName = "max_tokens";
        }
        if (maxTokens != null) {
            if (!(maxTokens instanceof JsonNumber number && number.isIntegral() && number.longValue() >= 1
                    && number.longValue() <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("'" + maxTokensName + "' must be a positive integer.");
            }
            config.add("maxOutputTokens", number.intValue());
        }
        copyNumber(chat, "temperature", config, "temperature");
        copyNumber(chat, "top_p", config, "topP");
        copyNonZero(chat, "presence_penalty", config, "presencePenalty");
        copyNonZero(chat, "frequency_penalty", config, "frequencyPenalty");
        JsonValue seed = given(chat, "seed");
        if (seed != null) {
            if (!(seed instanceof JsonNumber number && number.isIntegral())) {
                throw new IllegalArgumentException("'seed' must be an integer.");
            }
            config.add("seed", number);
        }
        JsonArray stop = stopSequences(given(chat, "stop"));
        if (stop != null) {
            config.add("stopSequences", stop);
        }
        responseFormat(given(chat, "response_format"), config);
        return config.build();
    }

    private static JsonArray stopSequences(JsonValue stop) {
        if (stop == null) {
            return null;
        }
        if (stop instanceof JsonString single) {
            return Json.createArrayBuilder().add(single).build();
        }
        if (stop.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder sequences = Json.createArrayBuilder();
            for (JsonValue sequence : stop.asJsonArray()) {
                if (!(sequence instanceof JsonString)) {
                    throw new IllegalArgumentException("'stop' must be a string or an array of strings.");
                }
                sequences.add(sequence);
            }
            JsonArray built = sequences.build();
            return built.isEmpty() ? null : built;
        }
        throw new IllegalArgumentException("'stop' must be a string or an array of strings.");
    }

    private static void responseFormat(JsonValue format, JsonObjectBuilder config) {
        if (format == null) {
            return;
        }
        String type = format.getValueType() == JsonValue.ValueType.OBJECT
                && format.asJsonObject().get("type") instanceof JsonString s ? s.getString() : "";
        switch (type) {
            case "text" -> {
                // Gemini's default
            }
            case "json_object" -> config.add("responseMimeType", "application/json");
            case "json_schema" -> {
                JsonValue spec = format.asJsonObject().get("json_schema");
                JsonValue schema = spec != null && spec.getValueType() == JsonValue.ValueType.OBJECT
                        ? spec.asJsonObject().get("schema") : null;
                if (schema == null || schema.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new IllegalArgumentException("'response_format.json_schema.schema' must be an object.");
                }
                config.add("responseMimeType", "application/json").add("responseJsonSchema", schema);
            }
            default -> throw new IllegalArgumentException(
                    "'response_format' must be of type text, json_object or json_schema.");
        }
    }

    private static void copyNumber(JsonObject chat, String name, JsonObjectBuilder config, String geminiName) {
        JsonValue value = given(chat, name);
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonNumber)) {
            throw new IllegalArgumentException("'" + name + "' must be a number.");
        }
        config.add(geminiName, value);
    }

    private static void copyNonZero(JsonObject chat, String name, JsonObjectBuilder config, String geminiName) {
        JsonValue value = given(chat, name);
        if (value instanceof JsonNumber number && number.doubleValue() == 0) {
            return;
        }
        copyNumber(chat, name, config, geminiName);
    }

    private static boolean nonEmptyArray(JsonObject chat, String name) {
        JsonValue value = given(chat, name);
        return value != null && !(value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().isEmpty());
    }

    /** The field's value, or {@code null} when it is absent or JSON {@code null}. */
    private static JsonValue given(JsonObject chat, String name) {
        JsonValue value = chat.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
