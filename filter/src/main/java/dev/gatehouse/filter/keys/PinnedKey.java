package dev.gatehouse.filter.keys;

import java.security.Key;
import java.util.Set;

/**
 * A key together with the exact algorithms it may be used with, decided once when the key is loaded.
 *
 * @param kid the key id, or {@code null} when the key has none (a single PEM key)
 */
public record PinnedKey(String kid, Key key, Set<String> algorithms) {

    public PinnedKey {
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a pinned key needs at least one algorithm");
        }
    }

    @Override
    public String toString() {
        return "PinnedKey[kid=" + kid + ", type=" + key.getAlgorithm() + ", algorithms=" + algorithms + "]";
    }
}
