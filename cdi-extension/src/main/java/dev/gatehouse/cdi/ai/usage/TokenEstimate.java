package dev.gatehouse.cdi.ai.usage;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A rough token count for calls whose provider reported none (a broken stream, a server without usage): one token per
 * four characters of text, the usual rule of thumb for English with BPE tokenizers. Marked "estimated" wherever used.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    /** Tokens of {@code chars} characters. */
    public static long ofChars(long chars) {
        return (chars + 3) / 4;
    }

    /** Tokens of the text in a chat request's messages. */
    public static long ofMessages(JsonObject chat) {
        long chars = 0;
        for (JsonValue message : chat.getJsonArray("messages")) {
            JsonValue content = message.asJsonObject().get("content");
            if (content instanceof JsonString text) {
                chars += text.getString().length();
            } else if (content != null && content.getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue part : content.asJsonArray()) {
                    if (part.getValueType() == JsonValue.ValueType.OBJECT
                            && part.asJsonObject().get("text") instanceof JsonString text) {
                        chars += text.getString().length();
                    }
                }
            }
        }
        return ofChars(chars);
    }
}
