package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What one {@code GenerateContentResponse} says, whole answer or stream chunk: the text of the first candidate
 * (thought summaries left out), its finish reason in OpenAI's terms and the usage. A prompt blocked by
 * {@code promptFeedback.blockReason} reads as an empty answer finished by {@code content_filter}.
 *
 * @param answered whether it has a candidate or a blocked prompt (a chunk may carry only usage)
 * @param text the text parts joined, possibly empty
 * @param finishReason the OpenAI finish reason, or {@code null} while the candidate is not finished
 * @param usage the usage it reports, or {@code null}
 * @param responseId Gemini's {@code responseId}, or {@code null}
 * @see <a href="https://ai.google.dev/api/generate-content#generatecontentresponse">GenerateContentResponse</a>
 */
record GeminiAnswer(boolean answered, String text, String finishReason, Usage usage, String responseId) {

    /**
     * @throws ProviderException when it carries an {@code error} or a field has the wrong type
     */
    static GeminiAnswer parse(JsonObject response) throws ProviderException {
        JsonValue error = response.get("error");
        if (error != null && error.getValueType() != JsonValue.ValueType.NULL) {
            throw new ProviderException("Gemini reported an error instead of an answer ("
                    + GeminiErrorBody.of(response).describe() + ")");
        }
        Usage usage = GeminiUsage.from(response);
        String responseId = GeminiJson.string(response, "responseId");
        if (blocked(response)) {
            return new GeminiAnswer(true, "", "content_filter", usage, responseId);
        }
        JsonArray candidates = GeminiJson.array(response, "candidates");
        if (candidates == null || candidates.isEmpty()) {
            return new GeminiAnswer(false, "", null, usage, responseId);
        }
        JsonObject candidate = GeminiJson.element(candidates, 0, "candidates");
        String finishReason = GeminiFinishReason.toOpenAi(GeminiJson.string(candidate, "finishReason"));
        return new GeminiAnswer(true, text(candidate), finishReason, usage, responseId);
    }

    private static boolean blocked(JsonObject response) throws ProviderException {
        JsonObject feedback = GeminiJson.object(response, "promptFeedback");
        if (feedback == null) {
            return false;
        }
        String reason = GeminiJson.string(feedback, "blockReason");
        return reason != null && !reason.isEmpty();
    }

    private static String text(JsonObject candidate) throws ProviderException {
        JsonObject content = GeminiJson.object(candidate, "content");
        JsonArray parts = content == null ? null : GeminiJson.array(content, "parts");
        if (parts == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonObject part = GeminiJson.element(parts, i, "parts");
            String piece = GeminiJson.string(part, "text");
            if (piece != null && !isThought(part)) {
                text.append(piece);
            }
        }
        return text.toString();
    }

    private static boolean isThought(JsonObject part) {
        return part.get("thought") == JsonValue.TRUE;
    }
}
