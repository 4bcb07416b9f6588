package dev.gatehouse.filter.token;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.Headers;

import dev.gatehouse.filter.config.JoseSettings;
import dev.gatehouse.filter.config.Profile;

/**
 * The checks RFC 8725 asks for before any cryptography: size caps, strict compact serialization (exactly five
 * segments for the JWE, three for the nested JWS, each canonical base64url), sound headers, algorithms on the permit
 * lists, no {@code crit}, no compression unless enabled, and a {@code cty} that announces the nested JWT. The compact
 * checks run on the strings before jose4j parses them; the header checks run on the headers jose4j parsed, before it
 * looks up a key — so a hostile token costs no RSA or EC operation, and each header is parsed once. The checks that
 * depend on nothing but a header are skipped for an encoded header that passed them before ({@link AcceptedHeaders});
 * those that depend on the rest of the token (encrypted key present, signature length) run for every token.
 */
final class StructureCheck {

    private static final Set<String> EMPTY_KEY_ALGS = Set.of("dir", "ECDH-ES");
    /** Exact signature sizes of the fixed-size algorithms (EdDSA with Ed448 is 114 bytes, so it is not pinned). */
    private static final java.util.Map<String, Integer> FIXED_SIGNATURE_BYTES = java.util.Map.of(
            "ES256", 64, "ES384", 96, "ES512", 132);
    private static final java.util.List<String> ACCESS_TOKEN_TYPES = java.util.List.of("at+jwt", "application/at+jwt");
    private static final java.util.List<String> JWT_TYPES = java.util.List.of("JWT", "application/jwt");

    private final JoseSettings jose;
    private final Set<String> keyManagementAlgorithms;
    private final Set<String> signatureAlgorithms;
    private final Profile profile;
    private final AcceptedHeaders acceptedEncryptionHeaders = new AcceptedHeaders();
    private final AcceptedHeaders acceptedSignatureHeaders = new AcceptedHeaders();

    StructureCheck(JoseSettings jose, Set<String> keyManagementAlgorithms, Set<String> signatureAlgorithms,
            Profile profile) {
        this.jose = jose;
        this.keyManagementAlgorithms = Set.copyOf(keyManagementAlgorithms);
        this.signatureAlgorithms = Set.copyOf(signatureAlgorithms);
        this.profile = profile;
    }

    /**
     * Checks the token as received, before jose4j parses it: size, segments, canonical base64url, the header's size
     * and encoding. A JWE, or a bare JWS when the migration switch allows it.
     */
    void outer(String token) throws TokenRejectedException {
        if (token.length() > jose.maxTokenSize()) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        // One copy into bytes (an array copy for the usual Latin-1 string) makes the scan several times faster than
        // reading the string a char at a time; characters beyond ISO-8859-1 become '?', which the scan refuses.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        int[] dots = new int[4];
        if (!Base64Url.split(ascii, dots)) {
            if (Base64Url.countDots(token, 2) != 2) {
                throw new TokenRejectedException(Rejection.MALFORMED);
            }
            if (!jose.acceptSignedOnly()) {
                throw new TokenRejectedException(Rejection.ENCRYPTION_REQUIRED);
            }
            signedCompact(ascii);
            return;
        }
        if (dots[2] == dots[1] + 1 || dots[3] == dots[2] + 1 || ascii.length == dots[3] + 1) {
            throw new TokenRejectedException(Rejection.MALFORMED); // empty IV, ciphertext or tag
        }
        JoseHeader.checkSize(dots[0], jose.maxHeaderSize());
    }

    /**
     * Checks the JWE header jose4j parsed, before any key is looked up or anything decrypted: permitted algorithms,
     * no {@code crit}, no compression unless enabled, {@code cty} announcing the nested JWT, an accepted {@code typ},
     * and an encrypted key exactly when the algorithm has one.
     */
    void encryptionHeader(JsonWebEncryption jwe) throws TokenRejectedException {
        Headers header = jwe.getHeaders();
        if (!acceptedEncryptionHeaders.contains(header.getEncodedHeader())) {
            encryptionHeaderParameters(header);
            acceptedEncryptionHeaders.add(header.getEncodedHeader());
        }
        String alg = header.getStringHeaderValue("alg"); // a string: the parameter checks passed
        byte[] encryptedKey = jwe.getEncryptedKey();
        if ((encryptedKey == null || encryptedKey.length == 0) != EMPTY_KEY_ALGS.contains(alg)) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
    }

    private void encryptionHeaderParameters(Headers header) throws TokenRejectedException {
        JoseHeader.checkParsed(header);
        String alg = header.getStringHeaderValue("alg");
        String enc = header.getStringHeaderValue("enc");
        if (alg == null || !keyManagementAlgorithms.contains(alg) || enc == null || !jose.contentAlgorithms().contains(enc)) {
            throw new TokenRejectedException(Rejection.ALG_NOT_ALLOWED);
        }
        String zip = header.getStringHeaderValue("zip");
        if (zip != null && !(jose.allowCompression() && "DEF".equals(zip))) {
            throw new TokenRejectedException(Rejection.UNSUPPORTED_HEADER);
        }
        if (!isJwtContentType(header.getStringHeaderValue("cty"))) {
            throw new TokenRejectedException(Rejection.WRONG_NESTING);
        }
        String typ = header.getStringHeaderValue("typ");
        if (typ != null && !outerTypeAccepted(typ)) {
            throw new TokenRejectedException(Rejection.WRONG_TYPE);
        }
    }

    /**
     * Checks a signed JWT in compact form given as bytes (a signed-only token, or the JWE's plaintext as decrypted):
     * exactly three segments of canonical base64url, the signature not empty, in one pass.
     */
    void signedCompact(byte[] jws) throws TokenRejectedException {
        int[] dots = new int[2];
        if (!Base64Url.split(jws, dots) || dots[1] == jws.length - 1) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        JoseHeader.checkSize(dots[0], jose.maxHeaderSize());
    }

    /** Checks the JWS header jose4j parsed, before a verification key is looked up. */
    void signatureHeader(JsonWebSignature jws) throws TokenRejectedException {
        Headers header = jws.getHeaders();
        if (!acceptedSignatureHeaders.contains(header.getEncodedHeader())) {
            signatureHeaderParameters(header);
            acceptedSignatureHeaders.add(header.getEncodedHeader());
        }
        String alg = header.getStringHeaderValue("alg"); // a string: the parameter checks passed
        Integer expected = FIXED_SIGNATURE_BYTES.get(alg);
        if (expected != null && Base64Url.decodedLength(jws.getEncodedSignature().length()) != expected) {
            // ECDSA signatures are exactly R || S (RFC 7518 §3.4); any other length is a second encoding or a forgery
            throw new TokenRejectedException(Rejection.BAD_SIGNATURE);
        }
    }

    private void signatureHeaderParameters(Headers header) throws TokenRejectedException {
        JoseHeader.checkParsed(header);
        String alg = header.getStringHeaderValue("alg");
        if (alg == null || !signatureAlgorithms.contains(alg)) {
            throw new TokenRejectedException(Rejection.ALG_NOT_ALLOWED);
        }
        if (header.getObjectHeaderValue("zip") != null || header.getObjectHeaderValue("enc") != null) {
            throw new TokenRejectedException(Rejection.UNSUPPORTED_HEADER);
        }
        if (header.getObjectHeaderValue("cty") != null) {
            // the signed layer must hold the claims themselves: no further nesting
            throw new TokenRejectedException(Rejection.WRONG_NESTING);
        }
        if (!typeAccepted(header.getStringHeaderValue("typ"))) {
            throw new TokenRejectedException(Rejection.WRONG_TYPE);
        }
    }

    private boolean typeAccepted(String typ) {
        if (typ == null) {
            return profile == Profile.MP_JWT;
        }
        return isOneOf(typ, ACCESS_TOKEN_TYPES) || profile == Profile.MP_JWT && isOneOf(typ, JWT_TYPES);
    }

    /**
     * The JWE of a nested token may say JWT or repeat the inner type (RFC 8725 §3.11); any other type
     * ({@code secevent+jwt}, {@code logout+jwt}) announces another kind of token.
     */
    private static boolean outerTypeAccepted(String typ) {
        return isOneOf(typ, ACCESS_TOKEN_TYPES) || isOneOf(typ, JWT_TYPES);
    }

    /** Media types compare case-insensitively (RFC 2045 §5.1). */
    private static boolean isOneOf(String value, java.util.List<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJwtContentType(String cty) {
        return cty != null && (cty.equalsIgnoreCase("JWT") || cty.equalsIgnoreCase("application/jwt"));
    }
}
