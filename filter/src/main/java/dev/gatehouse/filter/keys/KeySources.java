package dev.gatehouse.filter.keys;

import java.io.IOException;
import java.security.Key;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.KeySettings;

/**
 * Builds the decryption and verification key sources from configuration at deployment. Local keys are read, parsed
 * and pinned now, so a missing file, a weak key or an algorithm that fits no key fails the deployment with the
 * property's name; https sources are fetched once now and refreshed later.
 *
 * @param keyManagementAlgorithms every {@code alg} some decryption key may use (empty when all keys are remote and no
 *        algorithm is configured: then the defaults of every key type)
 */
public record KeySources(KeySource decryption, KeySource verification, Set<String> keyManagementAlgorithms) {

    private static final Logger LOG = Logger.getLogger(KeySources.class.getName());

    public KeySources {
        keyManagementAlgorithms = Set.copyOf(keyManagementAlgorithms);
    }

    /**
     * @throws ConfigException naming the property whose key cannot be used
     */
    public static KeySources create(KeySettings settings, Set<String> contentAlgorithms, ClassLoader loader, Clock clock) {
        KeyPinning decryptPinning = new KeyPinning(KeyPurpose.DECRYPT, settings.keyManagementAlgorithms(), contentAlgorithms);
        KeyPinning verifyPinning = new KeyPinning(KeyPurpose.VERIFY, settings.signatureAlgorithms(), contentAlgorithms);
        KeySource decryption = source(settings.decryption(), KeyPurpose.DECRYPT, decryptPinning, settings, loader, clock);
        KeySource verification = source(settings.verification(), KeyPurpose.VERIFY, verifyPinning, settings, loader, clock);

        Set<String> keyManagement = new LinkedHashSet<>(settings.keyManagementAlgorithms());
        if (decryption instanceof StaticKeySource local) {
            local.keys().keys().forEach(k -> keyManagement.addAll(k.algorithms()));
            if (verification instanceof StaticKeySource verifying) {
                refuseReuse(local.keys(), verifying.keys());
            }
        } else if (keyManagement.isEmpty()) {
            keyManagement.addAll(Set.of("RSA-OAEP-256", "ECDH-ES+A256KW", "dir", "A256KW"));
        }
        return new KeySources(decryption, verification, keyManagement);
    }

    private static KeySource source(KeySettings.KeyReference ref, KeyPurpose purpose, KeyPinning pinning,
            KeySettings settings, ClassLoader loader, Clock clock) {
        if (ref.inline()) {
            return new StaticKeySource(pin(ref, purpose, pinning, parse(ref, ref.value(), purpose)));
        }
        KeyLocation location;
        try {
            location = KeyLocation.parse(ref.value(), loader, settings.allowHttp());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ref.property(), e.getMessage());
        }
        if (location instanceof KeyLocation.Remote remote) {
            RemoteKeySource source = new RemoteKeySource(remote.uri(), purpose, pinning, settings.refreshInterval(),
                    settings.minRefreshInterval(), settings.httpTimeout(), clock);
            source.prefetch();
            return source;
        }
        KeyLocation.Local local = (KeyLocation.Local) location;
        String text;
        try {
            text = local.read();
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException(ref.property(), "cannot read " + local.description() + ": " + why);
        }
        return new StaticKeySource(pin(ref, purpose, pinning, parse(ref, text, purpose)));
    }

    private static List<KeyParser.ParsedKey> parse(KeySettings.KeyReference ref, String text, KeyPurpose purpose) {
        try {
            return KeyParser.parse(text, purpose);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ref.property(), e.getMessage());
        }
    }

    private static KeySet pin(KeySettings.KeyReference ref, KeyPurpose purpose, KeyPinning pinning,
            List<KeyParser.ParsedKey> keys) {
        String algorithmProperty = purpose == KeyPurpose.DECRYPT ? ConfigKeys.DECRYPT_ALGORITHM : ConfigKeys.VERIFY_ALGORITHM;
        try {
            return pinning.pin(keys, w -> LOG.warning(() -> "Gatehouse " + ref.property() + ": " + w));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ref.property(), e.getMessage() + " (see " + algorithmProperty + ")");
        }
    }

    /** A verification key must never be the public half of a decryption key (one key, one purpose: RFC 8725 §3.1). */
    private static void refuseReuse(KeySet decryption, KeySet verification) {
        for (PinnedKey verifying : verification.keys()) {
            for (PinnedKey decrypting : decryption.keys()) {
                if (samePair(decrypting.key(), verifying.key())) {
                    throw new ConfigException(ConfigKeys.VERIFY_KEY_LOCATION, "a verification key is the public half "
                            + "of a decryption key; use separate keys for encryption and signatures");
                }
            }
        }
    }

    /** RSA pairs are recognised by their modulus; EC reuse is not detected (no public-key derivation in the JDK). */
    private static boolean samePair(Key privateKey, Key publicKey) {
        return privateKey instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey pub
                && rsa.getModulus().equals(pub.getModulus());
    }
}
