package dev.gatehouse.filter.keys;

/**
 * Supplies the current keys for one purpose. Implementations name their mechanism ({@link StaticKeySource},
 * {@link RemoteKeySource}); they log fetch outcome and latency, never key material.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The keys to use now.
     *
     * @throws KeysUnavailableException when no usable keys can be had (a remote set never loaded); the request then
     *         gets a 503, not a token error
     */
    KeySet keys();

    /** Keys after a token named a {@code kid} that {@link #keys()} did not know; a remote source may refetch (rate-limited). */
    default KeySet keysAfterUnknownKid() {
        return keys();
    }
}
