package dev.gatehouse.filter.authz;

import java.util.List;
import java.util.Set;

/**
 * Public paths and named rules from configuration. Rules are tried in their configured order and the first that
 * applies decides; a protected path no rule covers needs only an authenticated caller.
 */
public final class PathRules {

    /** The decision id used when no rule applied. */
    public static final String AUTHENTICATED = "authenticated";

    private final List<PathPattern> publicPaths;
    private final List<AccessRule> rules;

    public PathRules(List<PathPattern> publicPaths, List<AccessRule> rules) {
        this.publicPaths = List.copyOf(publicPaths);
        this.rules = List.copyOf(rules);
    }

    /** Whether {@code path} is served without a token. */
    public boolean isPublic(String path) {
        for (PathPattern pattern : publicPaths) { // every request asks: no stream pipeline per call
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Decides an authenticated request by its roles. */
    public AuthorizationDecision decide(String method, String path, Set<String> roles) {
        for (AccessRule rule : rules) {
            if (rule.appliesTo(method, path)) {
                if (rule.roles().isEmpty() || rule.roles().stream().anyMatch(roles::contains)) {
                    return AuthorizationDecision.permit(rule.name());
                }
                return AuthorizationDecision.deny(rule.name(), rule.roles());
            }
        }
        return AuthorizationDecision.permit(AUTHENTICATED);
    }
}
