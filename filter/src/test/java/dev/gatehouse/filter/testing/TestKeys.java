package dev.gatehouse.filter.testing;

import java.security.Key;
import java.util.Base64;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Keys generated once per test JVM; nothing is committed. */
public final class TestKeys {

    public static final PublicJsonWebKey RSA_ENC = rsa("enc-rsa", 2048);
    public static final PublicJsonWebKey RSA_SIG = rsa("sig-rsa", 2048);
    public static final PublicJsonWebKey RSA_SIG_2 = rsa("sig-rsa-2", 2048);
    public static final PublicJsonWebKey EC_ENC = ec("enc-ec", EllipticCurves.P_256);
    public static final PublicJsonWebKey EC_ENC_384 = ec("enc-ec-384", EllipticCurves.P_384);
    public static final PublicJsonWebKey EC_SIG = ec("sig-ec", EllipticCurves.P_256);
    public static final PublicJsonWebKey ED_SIG = okp("sig-ed");
    public static final OctetSequenceJsonWebKey OCT_256 = oct("enc-oct", 32);
    /** Keys an attacker controls: same kids as ours where that helps an attack. */
    public static final PublicJsonWebKey ATTACKER_SIG = rsa("sig-rsa", 2048);
    public static final PublicJsonWebKey ATTACKER_ENC = rsa("enc-rsa", 2048);

    private TestKeys() {
    }

    public static PublicJsonWebKey rsa(String kid, int bits) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(bits);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicJsonWebKey ec(String kid, String curve) {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.getSpec(curve));
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicJsonWebKey okp(String kid) {
        try {
            PublicJsonWebKey key = OkpJwkGenerator.generateJwk("Ed25519");
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OctetSequenceJsonWebKey oct(String kid, int bytes) {
        byte[] secret = new byte[bytes];
        new java.security.SecureRandom().nextBytes(secret);
        OctetSequenceJsonWebKey key = new OctetSequenceJsonWebKey(new javax.crypto.spec.SecretKeySpec(secret, "AES"));
        key.setKeyId(kid);
        return key;
    }

    /** The JWK with its private part. */
    public static String privateJwk(JsonWebKey key) {
        return key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** The public JWK. */
    public static String publicJwk(JsonWebKey key) {
        return key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A JWKS of the public halves. */
    public static String publicJwks(JsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A JWKS with private parts. */
    public static String privateJwks(JsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** PKCS#8 {@code BEGIN PRIVATE KEY} PEM. */
    public static String privatePem(PublicJsonWebKey key) {
        return pem("PRIVATE KEY", key.getPrivateKey());
    }

    /** SPKI {@code BEGIN PUBLIC KEY} PEM. */
    public static String publicPem(PublicJsonWebKey key) {
        return pem("PUBLIC KEY", key.getPublicKey());
    }

    public static String pem(String type, Key key) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }
}
