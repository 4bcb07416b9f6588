package dev.gatehouse.filter.tool;

import java.security.Key;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.filter.keys.AlgorithmPolicy;

/**
 * The algorithms {@code keygen} writes and {@code mint} uses when none is given, decided by the key: RSA gets
 * RSA-OAEP-256 and RS256; EC gets ECDH-ES+A256KW and ES256, ES384 or ES512 by curve; Ed25519/Ed448 get EdDSA.
 * Which key fits which algorithm is {@link AlgorithmPolicy}'s decision, not repeated here.
 */
final class AlgorithmDefaults {

    /** The content encryption ({@code enc}) the filter accepts by default. */
    static final String CONTENT = "A256GCM";

    /** Preferred signature algorithms, first fit wins. */
    private static final List<String> SIGNATURE_PREFERENCE = List.of("RS256", "ES256", "ES384", "ES512", "EdDSA");

    private AlgorithmDefaults() {
    }

    /**
     * The signature algorithm for {@code key}.
     *
     * @throws IllegalArgumentException when no accepted signature algorithm fits the key
     */
    static String signature(Key key) {
        Set<String> usable = AlgorithmPolicy.usableWith(key, new LinkedHashSet<>(SIGNATURE_PREFERENCE), Set.of());
        return usable.stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no accepted signature algorithm fits this " + key.getAlgorithm() + " key"));
    }

    /**
     * The key-management algorithm for encrypting to {@code key}.
     *
     * @throws IllegalArgumentException when the key is not an RSA or EC key
     */
    static String keyManagement(Key key) {
        Set<String> defaults = AlgorithmPolicy.defaultKeyManagement(key);
        if (defaults.size() != 1) {
            throw new IllegalArgumentException("no default key-management algorithm for this " + key.getAlgorithm()
                    + " key; tokens are encrypted to RSA or EC public keys");
        }
        return defaults.iterator().next();
    }
}
