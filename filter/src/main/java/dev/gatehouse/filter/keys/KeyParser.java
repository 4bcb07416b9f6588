package dev.gatehouse.filter.keys;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Turns key text (PEM, JWK or JWKS) into keys for one purpose. Messages name what is wrong and never contain key
 * material.
 */
public final class KeyParser {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA"};

    private KeyParser() {
    }

    /** A key as written, before pinning: JWK metadata is {@code null} where absent (always for PEM). */
    public record ParsedKey(String kid, Key key, String alg, String use, List<String> keyOps) {
        public ParsedKey {
            keyOps = keyOps == null ? null : List.copyOf(keyOps);
        }

        @Override
        public String toString() {
            return "ParsedKey[kid=" + kid + ", type=" + key.getAlgorithm() + "]";
        }
    }

    /**
     * Parses {@code text} into the keys it holds for {@code purpose}.
     *
     * @throws IllegalArgumentException when the text is not PEM, JWK or JWKS, or holds the wrong kind of key
     */
    public static List<ParsedKey> parse(String text, KeyPurpose purpose) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return parseJson(trimmed, purpose);
        }
        if (trimmed.contains("-----BEGIN ")) {
            return parsePem(trimmed, purpose);
        }
        throw new IllegalArgumentException("not a PEM key, JWK or JWK Set");
    }

    private static List<ParsedKey> parseJson(String json, KeyPurpose purpose) {
        List<JsonWebKey> jwks;
        try {
            jwks = json.contains("\"keys\"") ? new JsonWebKeySet(json).getJsonWebKeys()
                    : List.of(JsonWebKey.Factory.newJwk(json));
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid JWK or JWK Set (" + e.getClass().getSimpleName() + ")");
        }
        List<ParsedKey> keys = new ArrayList<>();
        for (JsonWebKey jwk : jwks) {
            keys.add(new ParsedKey(jwk.getKeyId(), keyFor(jwk, purpose), jwk.getAlgorithm(), jwk.getUse(),
                    jwk.getKeyOps()));
        }
        return keys;
    }

    private static Key keyFor(JsonWebKey jwk, KeyPurpose purpose) {
        if (jwk instanceof OctetSequenceJsonWebKey oct) {
            if (purpose == KeyPurpose.VERIFY) {
                throw new IllegalArgumentException("symmetric (oct) key" + kidNote(jwk)
                        + " cannot verify signatures: HMAC is refused");
            }
            return oct.getKey();
        }
        if (jwk instanceof PublicJsonWebKey pub) {
            if (purpose == KeyPurpose.VERIFY) {
                return pub.getPublicKey();
            }
            if (pub.getPrivateKey() == null) {
                throw new IllegalArgumentException("key" + kidNote(jwk) + " has no private part and cannot decrypt");
            }
            return pub.getPrivateKey();
        }
        throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType() + kidNote(jwk));
    }

    private static String kidNote(JsonWebKey jwk) {
        return jwk.getKeyId() == null ? "" : " (kid " + jwk.getKeyId() + ")";
    }

    private static List<ParsedKey> parsePem(String text, KeyPurpose purpose) {
        List<ParsedKey> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + m.group(1) + " is not valid base64");
            }
            keys.add(new ParsedKey(null, pemKey(m.group(1), der, purpose), null, null, null));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no complete PEM block found");
        }
        return keys;
    }

    private static Key pemKey(String type, byte[] der, KeyPurpose purpose) {
        switch (type) {
            case "PRIVATE KEY":
                if (purpose == KeyPurpose.VERIFY) {
                    throw new IllegalArgumentException("a PRIVATE KEY was given where a public key is expected");
                }
                return decode(new PKCS8EncodedKeySpec(der), true);
            case "PUBLIC KEY":
                if (purpose == KeyPurpose.DECRYPT) {
                    throw new IllegalArgumentException("a PUBLIC KEY was given where the private decryption key is expected");
                }
                return decode(new X509EncodedKeySpec(der), false);
            case "CERTIFICATE":
                if (purpose == KeyPurpose.DECRYPT) {
                    throw new IllegalArgumentException("a CERTIFICATE was given where the private decryption key is expected");
                }
                try {
                    return CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("CERTIFICATE block is not a valid X.509 certificate");
                }
            case "RSA PRIVATE KEY", "EC PRIVATE KEY":
                throw new IllegalArgumentException(type + " (PKCS#1/SEC1) is not supported; convert it to PKCS#8 "
                        + "'BEGIN PRIVATE KEY' with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
            case "ENCRYPTED PRIVATE KEY":
                throw new IllegalArgumentException("encrypted private keys are not supported; store an unencrypted "
                        + "PKCS#8 key with restricted file permissions");
            default:
                throw new IllegalArgumentException("unsupported PEM block " + type);
        }
    }

    private static Key decode(KeySpec spec, boolean isPrivate) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return isPrivate ? factory.generatePrivate(spec) : factory.generatePublic(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException((isPrivate ? "PRIVATE" : "PUBLIC") + " KEY is not an RSA, EC or EdDSA key");
    }
}
