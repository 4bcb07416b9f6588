package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * OpenAI message content (a string or an array of content parts) as Anthropic content blocks: {@code text} →
 * {@code text}; {@code image_url} with a {@code data:} URL → {@code image} with a {@code base64} source, with an
 * {@code http(s)} URL → {@code image} with a {@code url} source; {@code file} with a PDF {@code data:} URL →
 * {@code document}. Audio and uploaded-file references have no Anthropic equivalent and are refused.
 */
final class AnthropicContentParts {

    private AnthropicContentParts() {
    }

    /**
     * The texts of {@code content}: the string itself, or each {@code text} (or {@code refusal}) part.
     *
     * @throws IllegalArgumentException when a part is not text
     */
    static List<String> texts(JsonValue content, String role) {
        List<String> texts = new ArrayList<>();
        if (content instanceof JsonString s) {
            texts.add(s.getString());
        } else if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                String text = part instanceof JsonObject o ? text(o) : null;
                if (text == null) {
                    throw new IllegalArgumentException("Only text content is supported in " + role + " messages");
                }
                texts.add(text);
            }
        } else if (content != null && content.getValueType() != JsonValue.ValueType.NULL) {
            throw new IllegalArgumentException("Message content must be a string or an array of content parts");
        }
        return texts;
    }

    /** Text-only content as the Anthropic content of a {@code tool_result}: a string, or text blocks. */
    static JsonValue toolResult(JsonValue content) {
        if (content instanceof JsonString) {
            return content;
        }
        var blocks = Json.createArrayBuilder();
        texts(content, "tool").forEach(text -> blocks.add(text(text)));
        return blocks.build();
    }

    /**
     * The blocks of a user message.
     *
     * @throws IllegalArgumentException for content the Messages API cannot take (audio, file ids, other URLs)
     */
    static List<JsonObject> userBlocks(JsonValue content) {
        List<JsonObject> blocks = new ArrayList<>();
        if (content instanceof JsonString s) {
            blocks.add(text(s.getString()));
            return blocks;
        }
        if (!(content instanceof JsonArray parts)) {
            throw new IllegalArgumentException("User message content must be a string or an array of content parts");
        }
        for (JsonValue value : parts) {
            JsonObject part = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            blocks.add(switch (String.valueOf(AnthropicJson.string(part, "type"))) {
                case "text" -> text(required(AnthropicJson.string(part, "text"), "text part without text"));
                case "image_url" -> image(AnthropicJson.string(AnthropicJson.object(part, "image_url"), "url"));
                case "file" -> document(AnthropicJson.object(part, "file"));
                case "input_audio" -> throw new IllegalArgumentException(
                        "Audio input is not supported by Anthropic providers");
                default -> throw new IllegalArgumentException("Unsupported content part type in a user message");
            });
        }
        return blocks;
    }

    static JsonObject text(String text) {
        return Json.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    /** A {@code text} part's text, an (assistant) {@code refusal} part's refusal, else {@code null}. */
    private static String text(JsonObject part) {
        String type = String.valueOf(AnthropicJson.string(part, "type"));
        return switch (type) {
            case "text", "refusal" -> AnthropicJson.string(part, type);
            default -> null;
        };
    }

    private static JsonObject image(String url) {
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            return Json.createObjectBuilder().add("type", "image")
                    .add("source", Json.createObjectBuilder().add("type", "url").add("url", url)).build();
        }
        return Json.createObjectBuilder().add("type", "image").add("source", base64(url, "image/")).build();
    }

    private static JsonObject document(JsonObject file) {
        if (AnthropicJson.present(file, "file_id")) {
            throw new IllegalArgumentException("File ids are not supported by Anthropic providers: send file_data");
        }
        return Json.createObjectBuilder().add("type", "document")
                .add("source", base64(AnthropicJson.string(file, "file_data"), "application/pdf")).build();
    }

    /** A {@code data:<media type>;base64,<data>} URL as an Anthropic {@code base64} source. */
    private static JsonObject base64(String url, String mediaTypePrefix) {
        int comma = url == null ? -1 : url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(0, comma);
        if (!header.startsWith("data:" + mediaTypePrefix) || !header.endsWith(";base64")) {
            throw new IllegalArgumentException("Unsupported " + (mediaTypePrefix.startsWith("image") ? "image" : "file")
                    + " reference: use an http(s) URL or a base64 data: URL");
        }
        String mediaType = header.substring("data:".length(), header.length() - ";base64".length());
        return Json.createObjectBuilder().add("type", "base64").add("media_type", mediaType)
                .add("data", url.substring(comma + 1)).build();
    }

    private static String required(String value, String problem) {
        if (value == null) {
            throw new IllegalArgumentException("Invalid content: " + problem);
        }
        return value;
    }
}
