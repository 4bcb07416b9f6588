package dev.gatehouse.filter.authz;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A named path rule from configuration: requests to {@code paths} with one of {@code methods} (all when empty) need
 * one of {@code roles} (any authenticated caller when empty).
 */
public record AccessRule(String name, List<PathPattern> paths, Set<String> methods, Set<String> roles) {

    public AccessRule {
        paths = List.copyOf(paths);
        methods = Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        roles = Set.copyOf(roles);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' has no paths");
        }
    }

    /** Whether this rule applies to the request. */
    public boolean appliesTo(String method, String path) {
        return (methods.isEmpty() || methods.contains(method)) && paths.stream().anyMatch(p -> p.matches(path));
    }
}
