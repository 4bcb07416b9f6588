package dev.gatehouse.cdi.ai.provider;

import java.util.Locale;
import java.util.Map;

/**
 * Maps the {@code finish_reason} of an OpenAI-compatible server onto OpenAI's own set: {@code stop}, {@code length},
 * {@code tool_calls}, {@code content_filter}. A few spellings of other servers are recognised (Mistral's
 * {@code model_length}, OpenAI's deprecated {@code function_call}); anything else ends as {@code stop}.
 */
final class OpenAiFinishReason {

    static final String STOP = "stop";

    private static final Map<String, String> KNOWN = Map.of(
            "stop", STOP,
            "length", "length",
            "tool_calls", "tool_calls",
            "content_filter", "content_filter",
            "function_call", "tool_calls",
            "model_length", "length",
            "max_tokens", "length");

    private OpenAiFinishReason() {
    }

    /** One of the four OpenAI values; {@code stop} for {@code null} or an unknown value. */
    static String normalise(String reason) {
        return reason == null ? STOP : KNOWN.getOrDefault(reason.toLowerCase(Locale.ROOT), STOP);
    }
}
