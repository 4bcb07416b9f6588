package dev.gatehouse.cdi.ai.config;

import java.util.Objects;

/**
 * One place an alias can send a call: a configured provider and its model name ({@code openai/gpt-4o-mini}; the model
 * may itself contain slashes, e.g. {@code vllm/meta-llama/Llama-3.1-8B-Instruct}).
 */
public record Target(String provider, String model) {

    public Target {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(model);
    }

    /**
     * Parses {@code provider/model}.
     *
     * @throws IllegalArgumentException when either part is missing
     */
    public static Target parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not provider/model");
        }
        return new Target(text.substring(0, slash).strip(), text.substring(slash + 1).strip());
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
