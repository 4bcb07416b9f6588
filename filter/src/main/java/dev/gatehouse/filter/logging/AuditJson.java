package dev.gatehouse.filter.logging;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes an {@link AuditEvent} as one JSON object on one line (no line terminator), fields in a fixed order:
 * <ol>
 * <li>{@code ts}: ISO-8601 UTC with exactly three fraction digits, truncated to the millisecond
 * ({@code 2024-05-01T10:15:30.123Z}); {@code request_id}, {@code method}, {@code path}, {@code status};</li>
 * <li>{@code latency_ms}: milliseconds as a JSON number with at most three fraction digits (microseconds, rounded
 * half-up, trailing zeros dropped: {@code 12.346}, {@code 1.5}, {@code 7}); {@code null} when unknown;</li>
 * <li>{@code outcome}; then, only when not {@code null}: {@code reason}, {@code rule}, {@code sub}, {@code iss},
 * {@code client_id}, {@code jti}, {@code client_ip};</li>
 * <li>the {@link AuditEvent#extra() extra} entries in their order. A key equal to one of the names above is written
 * as {@code extra.<key>} so that a later layer can never shadow a core field (JSON readers disagree on which
 * duplicate wins). Values: String, Number, Boolean, {@code null}, Map and Collection as JSON (at most
 * {@value #MAX_ELEMENTS} elements each and {@value #MAX_DEPTH} levels deep, with a marker beyond), anything else
 * as the string {@code String.valueOf(value)}. A Number whose text is not a JSON number (NaN, Infinity, odd
 * subclasses) is written as a string.</li>
 * </ol>
 * <p>
 * Log injection: every string (values and keys) is cut to {@value #MAX_CHARS} chars, followed by a marker
 * {@code ...[truncated N chars]} giving the original length, and escaped: {@code "} and {@code \}, C0 controls,
 * DEL and C1 controls (U+0000-U+001F, U+007F-U+009F), U+2028/U+2029, bidi and invisible format characters
 * (U+061C, U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF and every other character of
 * Unicode category Cf, such as U+00AD or the U+E0000 tags) and lone surrogates become {@code \}{@code uXXXX} (or
 * {@code \n \r \t \b \f}). The line therefore contains no line break and no character that reorders or hides text;
 * other non-ASCII text is kept as is (the sinks write UTF-8).
 */
public final class AuditJson {

    /** Longest string value (in UTF-16 chars) written before the truncation marker. */
    public static final int MAX_CHARS = 512;
    /** Most elements of one nested Map or Collection written before the {@code "..."} marker. */
    public static final int MAX_ELEMENTS = 100;
    /** Deepest nesting of Maps and Collections in {@code extra}; deeper values become {@code "[too deep]"}. */
    public static final int MAX_DEPTH = 8;

    /** Holds an event of the AI gateway (about 600 chars) without growing; a plain request's takes about 250. */
    private static final int LINE_CAPACITY = 768;
    private static final Set<String> CORE_FIELDS = Set.of("ts", "request_id", "method", "path", "status",
            "latency_ms", "outcome", "reason", "rule", "sub", "iss", "client_id", "jti", "client_ip");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AuditJson() {
    }

    /** {@code event} as one line of JSON, without a line terminator. */
    public static String format(AuditEvent event) {
        StringBuilder out = new StringBuilder(LINE_CAPACITY);
        UtcMillisText.append(event.timestamp(), out.append("{\"ts\":\"")).append('"');
        field("request_id", event.requestId(), out);
        field("method", event.method(), out);
        field("path", event.path(), out);
        out.append(",\"status\":").append(event.status());
        JsonNumbers.millis(event.latency(), out.append(",\"latency_ms\":"));
        field("outcome", event.outcome().name(), out);
        optional("reason", event.reason(), out);
        optional("rule", event.rule(), out);
        optional("sub", event.subject(), out);
        optional("iss", event.issuer(), out);
        optional("client_id", event.clientId(), out);
        optional("jti", event.tokenId(), out);
        optional("client_ip", event.clientAddress(), out);
        for (Map.Entry<String, Object> entry : event.extra().entrySet()) {
            String key = String.valueOf(entry.getKey());
            out.append(',');
            string(CORE_FIELDS.contains(key) ? "extra." + key : key, out);
            out.append(':');
            value(entry.getValue(), 1, out);
        }
        return out.append('}').toString();
    }

    private static void field(String name, String value, StringBuilder out) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(value, out);
        }
    }

    private static void optional(String name, String value, StringBuilder out) {
        if (value != null) {
            field(name, value, out);
        }
    }

    private static void value(Object value, int depth, StringBuilder out) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue()); // final classes whose text is always a JSON number
        } else if (value instanceof Number number) {
            String text = String.valueOf(number);
            if (JsonNumbers.isJsonNumber(text)) {
                out.append(text);
            } else {
                string(text, out);
            }
        } else if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            if (depth > MAX_DEPTH) {
                string("[too deep]", out);
            } else if (value instanceof Map<?, ?> map) {
                members(map.entrySet().iterator(), map.size(), '{', '}', depth, out);
            } else {
                Collection<?> list = (Collection<?>) value;
                members(list.iterator(), list.size(), '[', ']', depth, out);
            }
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void members(Iterator<?> members, int size, char open, char close, int depth, StringBuilder out) {
        out.append(open);
        for (int written = 0; members.hasNext(); written++) {
            if (written > 0) {
                out.append(',');
            }
            if (written == MAX_ELEMENTS) {
                String more = "[" + (size - written) + " more]";
                if (open == '{') {
                    out.append("\"...\":");
                }
                string(more, out);
                break;
            }
            Object member = members.next();
            if (member instanceof Map.Entry<?, ?> entry) {
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                value(entry.getValue(), depth + 1, out);
            } else {
                value(member, depth + 1, out);
            }
        }
        out.append(close);
    }

    private static void string(String s, StringBuilder out) {
        int end = s.length();
        if (end > MAX_CHARS) {
            end = Character.isHighSurrogate(s.charAt(MAX_CHARS - 1)) && Character.isLowSurrogate(s.charAt(MAX_CHARS))
                    ? MAX_CHARS - 1 : MAX_CHARS;
        }
        out.append('"');
        for (int i = 0; i < end; i++) {
            int plain = i;
            while (plain < end && isPlain(s.charAt(plain))) {
                plain++;
            }
            if (plain > i) {
                out.append(s, i, plain); // the common case: the whole value in one copy
                if (plain == end) {
                    break;
                }
                i = plain;
            }
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(i + 1));
                if (Character.getType(codePoint) == Character.FORMAT) {
                    escape(c, out.append('\\')).append('\\');
                    escape(s.charAt(i + 1), out);
                } else {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else {
                character(c, out);
            }
        }
        if (end < s.length()) {
            out.append("...[truncated ").append(s.length()).append(" chars]");
        }
        out.append('"');
    }

    /** Printable ASCII but the quote and the backslash: written as is. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    }

    private static void character(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (mustEscape(c)) {
                    out.append('\\');
                    escape(c, out);
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** Controls, line separators, bidi and invisible characters, and (here unpaired) surrogates. */
    private static boolean mustEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\u061C'
                || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2064') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF'
                || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT;
    }

    /** Appends {@code uXXXX}; the caller has written the backslash. */
    private static StringBuilder escape(char c, StringBuilder out) {
        return out.append('u').append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
