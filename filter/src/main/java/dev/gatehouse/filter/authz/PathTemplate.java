package dev.gatehouse.filter.authz;

import java.util.regex.Pattern;

/**
 * A JAX-RS path template ({@code /api/orders/{id}}, {@code /api/files/{path: .+}}) as a matcher of context-relative
 * request paths, with the specificity JAX-RS sorts candidates by (Jakarta REST 3.1 §3.7.2): more literal characters
 * first, then more variables, then more variables with their own regular expression.
 */
public final class PathTemplate implements Comparable<PathTemplate> {

    private final String template;
    private final Pattern pattern;
    private final int literalCharacters;
    private final int variables;
    private final int regexVariables;
    private final boolean prefix;

    private PathTemplate(String template, boolean prefix) {
        this.template = template;
        this.prefix = prefix;
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int vars = 0;
        int regexVars = 0;
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '{') {
                literal.append(c);
                literals++;
                continue;
            }
            int end = closingBrace(template, i);
            String variable = template.substring(i + 1, end);
            int colon = variable.indexOf(':');
            appendLiteral(regex, literal);
            vars++;
            if (colon < 0) {
                regex.append("([^/]+)");
            } else {
                regexVars++;
                regex.append('(').append(variable.substring(colon + 1).strip()).append(')');
            }
            i = end;
        }
        appendLiteral(regex, literal);
        regex.append(prefix ? "(/.*)?" : "/?");
        this.pattern = Pattern.compile(regex.toString());
        this.literalCharacters = literals;
        this.variables = vars;
        this.regexVariables = regexVars;
    }

    /**
     * The template of a resource method: matches the path itself, with or without a trailing slash.
     *
     * @throws IllegalArgumentException for unbalanced braces or an invalid variable expression
     */
    public static PathTemplate of(String template) {
        return new PathTemplate(normalize(template), false);
    }

    /** The template of a sub-resource locator: matches the path and everything below it. */
    public static PathTemplate prefix(String template) {
        return new PathTemplate(normalize(template), true);
    }

    /** Joins path segments as JAX-RS does: one slash between parts, a leading slash, no trailing slash. */
    public static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            String trimmed = part.replaceAll("^/+", "").replaceAll("/+$", "");
            if (!trimmed.isEmpty()) {
                joined.append('/').append(trimmed);
            }
        }
        return joined.length() == 0 ? "/" : joined.toString();
    }

    /** Whether {@code path} (context-relative, decoded, normalised) matches. */
    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    /** More specific templates sort first; at equal specificity a resource method's before a locator's. */
    @Override
    public int compareTo(PathTemplate other) {
        int byLiterals = Integer.compare(other.literalCharacters, literalCharacters);
        if (byLiterals != 0) {
            return byLiterals;
        }
        int byVariables = Integer.compare(other.variables, variables);
        if (byVariables != 0) {
            return byVariables;
        }
        int byRegex = Integer.compare(other.regexVariables, regexVariables);
        return byRegex != 0 ? byRegex : Boolean.compare(prefix, other.prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && other.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode();
    }

    @Override
    public String toString() {
        return template;
    }

    private static String normalize(String template) {
        return join(template);
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    private static int closingBrace(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '{' in path template " + template);
    }
}
