package dev.gatehouse.filter.keys;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;

import org.jose4j.keys.EllipticCurves;

/**
 * Which JOSE algorithms Gatehouse accepts at all, and which of them a given key may be used with. This is the one
 * place where algorithm names are judged: configuration parsing and key loading both ask here.
 */
public final class AlgorithmPolicy {

    /** Smallest RSA modulus accepted for any purpose (RFC 7518 §3.3, §4.2). */
    public static final int MIN_RSA_BITS = 2048;

    /** Signature algorithms that can be enabled. */
    public static final Set<String> SIGNATURE = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /** Key-management algorithms that can be enabled. */
    public static final Set<String> KEY_MANAGEMENT = Set.of(
            "RSA-OAEP-256", "RSA-OAEP",
            "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
            "dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW");

    /** Content-encryption algorithms that can be enabled, with their key length in bytes. */
    public static final Map<String, Integer> CONTENT = Map.of(
            "A128GCM", 16, "A192GCM", 24, "A256GCM", 32,
            "A128CBC-HS256", 32, "A192CBC-HS384", 48, "A256CBC-HS512", 64);

    /** Algorithms that are never accepted, with the reason given when someone configures one. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("none", "unsigned tokens prove nothing"),
            Map.entry("RSA1_5", "RSA PKCS#1 v1.5 encryption is open to padding-oracle attacks (RFC 8725 §3.2)"),
            Map.entry("PBES2-HS256+A128KW", "password-based encryption is not for access tokens"),
            Map.entry("PBES2-HS384+A192KW", "password-based encryption is not for access tokens"),
            Map.entry("PBES2-HS512+A256KW", "password-based encryption is not for access tokens"),
            Map.entry("HS256", "HMAC keys let every holder mint tokens; use an asymmetric signature"),
            Map.entry("HS384", "HMAC keys let every holder mint tokens; use an asymmetric signature"),
            Map.entry("HS512", "HMAC keys let every holder mint tokens; use an asymmetric signature"),
            Map.entry("ES256K", "secp256k1 is not an accepted curve"));

    private AlgorithmPolicy() {
    }

    /** Why {@code alg} can never be configured, if it is one of the refused algorithms. */
    public static Optional<String> refusal(String alg) {
        return Optional.ofNullable(REFUSED.get(alg));
    }

    /** Key-management algorithms used for {@code key} when none are configured. */
    public static Set<String> defaultKeyManagement(Key key) {
        if (key instanceof RSAKey) {
            return Set.of("RSA-OAEP-256");
        }
        if (key instanceof ECKey) {
            return Set.of("ECDH-ES+A256KW");
        }
        if (key instanceof SecretKey) {
            return Set.of("dir", "A256KW");
        }
        return Set.of();
    }

    /**
     * The subset of {@code candidates} that {@code key} may be used with: key type, RSA size, EC curve and
     * symmetric key length must all fit. {@code contentAlgorithms} decides which lengths fit {@code dir}.
     */
    public static Set<String> usableWith(Key key, Set<String> candidates, Set<String> contentAlgorithms) {
        Set<String> usable = new LinkedHashSet<>();
        for (String alg : candidates) {
            if (fits(alg, key, contentAlgorithms)) {
                usable.add(alg);
            }
        }
        return usable;
    }

    /** A short reason why {@code key} is unusable for any algorithm (weak RSA, unknown curve), if it is. */
    public static Optional<String> weakness(Key key) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            return Optional.of("RSA key of " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS
                    + " are required");
        }
        if (key instanceof ECKey ec && curveBits(ec.getParams()) == 0) {
            return Optional.of("EC key on an unsupported curve; use P-256, P-384 or P-521");
        }
        return Optional.empty();
    }

    private static boolean fits(String alg, Key key, Set<String> contentAlgorithms) {
        if (weakness(key).isPresent()) {
            return false;
        }
        return switch (alg) {
            case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "RSA-OAEP", "RSA-OAEP-256" -> key instanceof RSAKey;
            case "ES256" -> key instanceof ECKey ec && curveBits(ec.getParams()) == 256;
            case "ES384" -> key instanceof ECKey ec && curveBits(ec.getParams()) == 384;
            case "ES512" -> key instanceof ECKey ec && curveBits(ec.getParams()) == 521;
            case "EdDSA" -> key instanceof EdECKey;
            case "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW" -> key instanceof ECKey;
            case "A128KW", "A128GCMKW" -> symmetricLength(key) == 16;
            case "A192KW", "A192GCMKW" -> symmetricLength(key) == 24;
            case "A256KW", "A256GCMKW" -> symmetricLength(key) == 32;
            case "dir" -> contentAlgorithms.stream().anyMatch(enc -> Objects.equals(CONTENT.get(enc), symmetricLength(key)));
            default -> false;
        };
    }

    private static int symmetricLength(Key key) {
        if (!(key instanceof SecretKey secret)) {
            return -1;
        }
        byte[] encoded = secret.getEncoded();
        return encoded == null ? -1 : encoded.length;
    }

    private static int curveBits(ECParameterSpec params) {
        String name = EllipticCurves.getName(params.getCurve());
        if (name == null) {
            return 0;
        }
        return switch (name) {
            case EllipticCurves.P_256 -> 256;
            case EllipticCurves.P_384 -> 384;
            case EllipticCurves.P_521 -> 521;
            default -> 0;
        };
    }
}
