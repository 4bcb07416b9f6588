package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonObject;

/**
 * Gemini's {@code usageMetadata} in OpenAI's terms.
 * <ul>
 * <li>prompt tokens = {@code promptTokenCount} (which already includes the cached tokens) +
 * {@code toolUsePromptTokenCount}, so that prompt + completion = Gemini's {@code totalTokenCount};</li>
 * <li>completion tokens = {@code candidatesTokenCount} + {@code thoughtsTokenCount}: OpenAI counts reasoning into the
 * completion, Gemini reports it apart;</li>
 * <li>reasoning tokens = {@code thoughtsTokenCount}; cached tokens = {@code cachedContentTokenCount}.</li>
 * </ul>
 *
 * @see <a href="https://ai.google.dev/api/generate-content#UsageMetadata">UsageMetadata</a>
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    /**
     * @return the usage, or {@code null} when the answer has no {@code usageMetadata}
     * @throws ProviderException when a count is not a non-negative integer
     */
    static Usage from(JsonObject response) throws ProviderException {
        JsonObject metadata = GeminiJson.object(response, "usageMetadata");
        if (metadata == null) {
            return null;
        }
        try {
            long prompt = Math.addExact(GeminiJson.count(metadata, "promptTokenCount"),
                    GeminiJson.count(metadata, "toolUsePromptTokenCount"));
            long thoughts = GeminiJson.count(metadata, "thoughtsTokenCount");
            long completion = Math.addExact(GeminiJson.count(metadata, "candidatesTokenCount"), thoughts);
            long cached = GeminiJson.count(metadata, "cachedContentTokenCount");
            return new Usage(prompt, completion, cached, thoughts, true);
        } catch (ArithmeticException e) {
            throw GeminiJson.malformed("usageMetadata");
        }
    }
}
