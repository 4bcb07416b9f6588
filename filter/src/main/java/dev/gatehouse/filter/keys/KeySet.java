package dev.gatehouse.filter.keys;

import java.util.List;
import java.util.Optional;

/** An immutable set of pinned keys and the one rule for choosing among them. */
public record KeySet(List<PinnedKey> keys) {

    public KeySet {
        keys = List.copyOf(keys);
    }

    /**
     * The key for a token header naming {@code kid} (may be {@code null}) and {@code alg}:
     * <ul>
     *   <li>with a {@code kid}: the key with that id, or the only key when the set holds one key without an id;</li>
     *   <li>without a {@code kid}: the only key that allows {@code alg}; several candidates are ambiguous and
     *       yield nothing.</li>
     * </ul>
     * The chosen key must allow {@code alg}; a key is never used with an algorithm it was not pinned to.
     */
    public Optional<PinnedKey> select(String kid, String alg) {
        if (kid != null) {
            for (PinnedKey key : keys) {
                if (kid.equals(key.kid())) {
                    return key.algorithms().contains(alg) ? Optional.of(key) : Optional.empty();
                }
            }
            if (keys.size() == 1 && keys.get(0).kid() == null && keys.get(0).algorithms().contains(alg)) {
                return Optional.of(keys.get(0));
            }
            return Optional.empty();
        }
        List<PinnedKey> candidates = keys.stream().filter(k -> k.algorithms().contains(alg)).toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** Whether some key carries {@code kid}, or a lone key without id would stand in for it. */
    public boolean knows(String kid) {
        return kid == null || keys.stream().anyMatch(k -> kid.equals(k.kid()))
                || (keys.size() == 1 && keys.get(0).kid() == null);
    }
}
