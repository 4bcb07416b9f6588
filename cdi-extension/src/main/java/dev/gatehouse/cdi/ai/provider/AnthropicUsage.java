package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonObject;

/**
 * Anthropic's {@code usage} object read into OpenAI terms: prompt tokens = {@code input_tokens} +
 * {@code cache_creation_input_tokens} + {@code cache_read_input_tokens}, cached = {@code cache_read_input_tokens},
 * completion = {@code output_tokens}. Anthropic reports no reasoning-token count (thinking is part of the output).
 *
 * <p>A stream reports usage twice: {@code message_start} (input and cache counts, a placeholder output count) and
 * {@code message_delta} (counts that are cumulative, not increments). So each {@link #add} overwrites the fields it
 * carries and keeps the others. One instance per call; not thread-safe.
 */
final class AnthropicUsage {

    private long input;
    private long cacheCreation;
    private long cacheRead;
    private long output;
    private boolean reported;

    /** The usage of a whole (non-streamed) message; {@link Usage#UNKNOWN} when it has none. */
    static Usage of(JsonObject usage) {
        AnthropicUsage counter = new AnthropicUsage();
        counter.add(usage);
        return counter.usage();
    }

    /** Takes the counts that {@code usage} carries (a {@code null} or empty object changes nothing). */
    void add(JsonObject usage) {
        if (usage == null) {
            return;
        }
        input = read(usage, "input_tokens", input);
        cacheCreation = read(usage, "cache_creation_input_tokens", cacheCreation);
        cacheRead = read(usage, "cache_read_input_tokens", cacheRead);
        output = read(usage, "output_tokens", output);
    }

    Usage usage() {
        return reported ? new Usage(input + cacheCreation + cacheRead, output, cacheRead, 0, true) : Usage.UNKNOWN;
    }

    private long read(JsonObject usage, String name, long current) {
        long value = AnthropicJson.number(usage, name, -1);
        if (value < 0) {
            return current;
        }
        reported = true;
        return value;
    }
}
