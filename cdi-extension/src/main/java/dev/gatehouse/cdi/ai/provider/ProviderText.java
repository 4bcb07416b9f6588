package dev.gatehouse.cdi.ai.provider;

import java.util.regex.Pattern;

/**
 * Makes a provider's error message fit to show a caller, for every adapter alike: control, format (bidi overrides,
 * zero-width), private-use and unassigned characters become spaces, white space is collapsed, anything shaped like an API key
 * redacted, at most {@value #MAX_CHARS} characters (cut on a character boundary, marked with an ellipsis).
 */
final class ProviderText {

    static final int MAX_CHARS = 300;

    /** Google API keys ({@code AIza} + 35) and OpenAI/Anthropic/Mistral-style secrets ({@code sk-...}). */
    private static final Pattern API_KEY = Pattern.compile("AIza[0-9A-Za-z_\\-]{35}|\\b(sk|rk)-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ProviderText() {
    }

    /** The cleaned text, or {@code fallback} when nothing readable is left. */
    static String safe(String message, String fallback) {
        if (message == null) {
            return fallback;
        }
        String bounded = message.length() > 4 * MAX_CHARS ? message.substring(0, 4 * MAX_CHARS) : message;
        StringBuilder kept = new StringBuilder(bounded.length());
        bounded.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
            kept.appendCodePoint(hidden || Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c);
        });
        String text = API_KEY.matcher(kept).replaceAll("[redacted]");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return fallback;
        }
        if (text.length() > MAX_CHARS) {
            int end = MAX_CHARS - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + "\u2026";
        }
        return text;
    }
}
