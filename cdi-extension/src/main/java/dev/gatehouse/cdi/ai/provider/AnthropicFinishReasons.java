package dev.gatehouse.cdi.ai.provider;

/**
 * Anthropic's {@code stop_reason} as an OpenAI {@code finish_reason}, the only set the gateway answers with:
 * {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}.
 *
 * @see <a href="https://platform.claude.com/docs/build-with-claude/handling-stop-reasons">Stop reasons</a>
 */
final class AnthropicFinishReasons {

    private AnthropicFinishReasons() {
    }

    /**
     * {@code end_turn}, {@code stop_sequence}, {@code pause_turn} (a server-tool loop paused; the text so far is a
     * complete answer) → {@code stop}; {@code max_tokens}, {@code model_context_window_exceeded} → {@code length};
     * {@code tool_use} → {@code tool_calls}; {@code refusal} → {@code content_filter}; anything else, including
     * {@code null} and values added later, → {@code stop}.
     */
    static String of(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
