package dev.gatehouse.cdi.ai.provider;

import java.util.Set;

/**
 * Gemini's {@code Candidate.finishReason} in OpenAI's terms ({@code stop}, {@code length}, {@code content_filter}).
 * Every reason that means "a filter stopped the output" is {@code content_filter}; any other, including ones added
 * after this was written, is {@code stop}.
 *
 * @see <a href="https://ai.google.dev/api/generate-content#FinishReason">FinishReason</a>
 */
final class GeminiFinishReason {

    /** Reasons for which Gemini blocked or cut the output. The image ones cannot occur for text but mean the same. */
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT");

    private GeminiFinishReason() {
    }

    /** The OpenAI {@code finish_reason}, or {@code null} when Gemini gave none (the candidate is not finished). */
    static String toOpenAi(String finishReason) {
        if (finishReason == null || finishReason.isEmpty()) {
            return null;
        }
        if ("MAX_TOKENS".equals(finishReason)) {
            return "length";
        }
        return FILTERED.contains(finishReason) ? "content_filter" : "stop";
    }
}
