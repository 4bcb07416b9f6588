package dev.gatehouse.filter.authz;

/**
 * A servlet-style path pattern: exact ({@code /api/me}), prefix ({@code /api/*}, which also matches {@code /api}),
 * or everything ({@code /*}). Matched against the decoded, normalised path (servlet path + path info).
 */
public record PathPattern(String pattern) {

    public PathPattern {
        if (!pattern.startsWith("/") || pattern.indexOf('*') >= 0 && !pattern.endsWith("/*")
                || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
            throw new IllegalArgumentException("'" + pattern + "' is not a path pattern (use /exact, /prefix/* or /*)");
        }
    }

    /** Whether {@code path} (decoded, starting with {@code /}) matches. */
    public boolean matches(String path) {
        if (!pattern.endsWith("/*")) {
            return pattern.equals(path);
        }
        String prefix = pattern.substring(0, pattern.length() - 2);
        return path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
