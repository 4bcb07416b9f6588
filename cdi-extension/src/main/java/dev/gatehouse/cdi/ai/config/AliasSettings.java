package dev.gatehouse.cdi.ai.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model alias callers use ({@code gatehouse.ai.alias.<name>.*}).
 *
 * @param weights one per target with {@link Strategy#WEIGHTED}, else empty
 * @param roles roles any one of which may use the alias; empty means any authenticated caller
 * @param cacheTtl how long identical non-streamed requests are answered from the cache; {@code null}: no cache
 * @param cacheShared whether callers share cached answers (default: each caller has its own)
 */
public record AliasSettings(String name, List<Target> targets, Strategy strategy, List<Integer> weights,
        Set<String> roles, java.time.Duration cacheTtl, boolean cacheShared) {

    /** An alias without a response cache. */
    public AliasSettings(String name, List<Target> targets, Strategy strategy, List<Integer> weights,
            Set<String> roles) {
        this(name, targets, strategy, weights, roles, null, false);
    }

    public AliasSettings {
        Objects.requireNonNull(name);
        targets = List.copyOf(targets);
        Objects.requireNonNull(strategy);
        weights = List.copyOf(weights);
        roles = Set.copyOf(roles);
    }

    /** Whether a caller with {@code callerRoles} may use the alias. */
    public boolean allows(Set<String> callerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(callerRoles::contains);
    }
}
