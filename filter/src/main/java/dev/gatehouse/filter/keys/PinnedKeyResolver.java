package dev.gatehouse.filter.keys;

import java.security.Key;
import java.util.List;
import java.util.Optional;

import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.DecryptionKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * jose4j key resolution over a {@link KeySource}: the key is chosen by {@code kid} and must be pinned to the
 * header's {@code alg}. Header-supplied keys ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never looked at.
 * An unknown {@code kid} lets the source refetch once (rate-limited by the source).
 */
public final class PinnedKeyResolver implements DecryptionKeyResolver, VerificationKeyResolver {

    private final KeySource source;

    public PinnedKeyResolver(KeySource source) {
        this.source = source;
    }

    @Override
    public Key resolveKey(JsonWebEncryption jwe, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        return resolve(jwe);
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        return resolve(jws);
    }

    private Key resolve(JsonWebStructure jose) throws UnresolvableKeyException {
        String kid = jose.getKeyIdHeaderValue();
        String alg = jose.getAlgorithmHeaderValue();
        KeySet keys = source.keys();
        Optional<PinnedKey> key = keys.select(kid, alg);
        if (key.isEmpty() && !keys.knows(kid)) {
            key = source.keysAfterUnknownKid().select(kid, alg);
        }
        // The message stays generic: jose4j copies it into exception text.
        return key.orElseThrow(() -> new UnresolvableKeyException("no configured key fits the token header")).key();
    }
}
