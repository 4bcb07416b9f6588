package dev.gatehouse.cdi.ai.provider;

import java.util.regex.Pattern;

/**
 * Makes a provider's {@code error.message} fit to show a caller: control and format characters (including bidi
 * overrides and zero-width characters) removed, white space collapsed, anything shaped like a Google API key
 * redacted, and at most {@value #MAX_CHARS} characters kept.
 */
final class GeminiErrorText {

    static final int MAX_CHARS = 300;

    /** Google API keys: {@code AIza} and 35 more characters. */
    private static final Pattern API_KEY = Pattern.compile("AIza[0-9A-Za-z_\\-]{35}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private GeminiErrorText() {
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
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                kept.append(' ');
            } else if (!hidden) {
                kept.appendCodePoint(c);
            }
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
