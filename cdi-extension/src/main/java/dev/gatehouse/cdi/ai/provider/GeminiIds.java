package dev.gatehouse.cdi.ai.provider;

import java.util.UUID;
import java.util.regex.Pattern;

/** Chat completion ids: {@code chatcmpl-} and Gemini's {@code responseId} when it is a plain token. */
final class GeminiIds {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private GeminiIds() {
    }

    static String chatCompletionId(String responseId) {
        if (responseId != null && PLAIN.matcher(responseId).matches()) {
            return "chatcmpl-" + responseId;
        }
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
