package dev.gatehouse.filter.tool;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Indented JSON for people: the values jose4j's parser produces (maps, lists, strings, numbers, booleans, null). */
final class PrettyJson {

    private static final String INDENT = "  ";

    private PrettyJson() {
    }

    /** {@code value} as JSON, indented by two spaces per level, without a trailing newline. */
    static String format(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, "", out);
        return out.toString();
    }

    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            writeMembers(map.entrySet().iterator(), map.isEmpty(), '{', '}', indent, out);
        } else if (value instanceof List<?> list) {
            writeMembers(list.iterator(), list.isEmpty(), '[', ']', indent, out);
        } else if (value instanceof String s) {
            quote(s, out);
        } else {
            out.append(value); // Long, Double, Boolean or null
        }
    }

    private static void writeMembers(Iterator<?> members, boolean empty, char open, char close, String indent,
            StringBuilder out) {
        out.append(open);
        if (empty) {
            out.append(close);
            return;
        }
        String inner = indent + INDENT;
        while (members.hasNext()) {
            Object member = members.next();
            out.append('\n').append(inner);
            if (member instanceof Map.Entry<?, ?> entry) {
                quote(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), inner, out);
            } else {
                write(member, inner, out);
            }
            if (members.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append(indent).append(close);
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
