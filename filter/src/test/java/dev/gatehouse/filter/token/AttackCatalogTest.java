package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.AttackTokens.accessToken;
import static dev.gatehouse.filter.token.AttackTokens.claims;
import static dev.gatehouse.filter.token.AttackTokens.ec;
import static dev.gatehouse.filter.token.AttackTokens.nested;
import static dev.gatehouse.filter.token.AttackTokens.now;
import static dev.gatehouse.filter.token.AttackTokens.oct;
import static dev.gatehouse.filter.token.AttackTokens.random;
import static dev.gatehouse.filter.token.AttackTokens.rawJws;
import static dev.gatehouse.filter.token.AttackTokens.unsecured;
import static dev.gatehouse.filter.token.AttackTokens.valid;
import static dev.gatehouse.filter.token.Compact.CIPHERTEXT;
import static dev.gatehouse.filter.token.Compact.ENCRYPTED_KEY;
import static dev.gatehouse.filter.token.Compact.HEADER;
import static dev.gatehouse.filter.token.Compact.IV;
import static dev.gatehouse.filter.token.Compact.JWS_SIGNATURE;
import static dev.gatehouse.filter.token.Compact.TAG;
import static dev.gatehouse.filter.token.Compact.b64;
import static dev.gatehouse.filter.token.Compact.bytes;
import static dev.gatehouse.filter.token.Compact.editHeader;
import static dev.gatehouse.filter.token.Compact.headerJson;
import static dev.gatehouse.filter.token.Compact.replace;
import static dev.gatehouse.filter.token.Compact.segment;
import static dev.gatehouse.filter.token.Compact.withHeader;
import static dev.gatehouse.filter.token.Rejection.ALG_NOT_ALLOWED;
import static dev.gatehouse.filter.token.Rejection.BAD_SIGNATURE;
import static dev.gatehouse.filter.token.Rejection.DECRYPTION_FAILED;
import static dev.gatehouse.filter.token.Rejection.ENCRYPTION_REQUIRED;
import static dev.gatehouse.filter.token.Rejection.EXPIRED;
import static dev.gatehouse.filter.token.Rejection.ISSUED_IN_FUTURE;
import static dev.gatehouse.filter.token.Rejection.LIFETIME_TOO_LONG;
import static dev.gatehouse.filter.token.Rejection.MALFORMED;
import static dev.gatehouse.filter.token.Rejection.MALFORMED_CLAIM;
import static dev.gatehouse.filter.token.Rejection.MISSING_CLAIM;
import static dev.gatehouse.filter.token.Rejection.NOT_YET_VALID;
import static dev.gatehouse.filter.token.Rejection.NO_PRINCIPAL;
import static dev.gatehouse.filter.token.Rejection.UNKNOWN_KEY;
import static dev.gatehouse.filter.token.Rejection.UNSUPPORTED_HEADER;
import static dev.gatehouse.filter.token.Rejection.WRONG_AUDIENCE;
import static dev.gatehouse.filter.token.Rejection.WRONG_ISSUER;
import static dev.gatehouse.filter.token.Rejection.WRONG_NESTING;
import static dev.gatehouse.filter.token.Rejection.WRONG_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * The attack catalog ({@code CATALOG.md}) and the RFC 8725 / RFC 9068 rules around it, at the validator: one row per
 * attack, each with the exact {@link Rejection} (and so the RFC 6750 {@link Reason}) it must end in, or acceptance
 * for the controls that prove a setup works. Transport (T*) rows belong to the extractor and filter tests.
 */
class AttackCatalogTest {

    @TempDir
    static Path dir;

    /** One row: a token minted on demand, the validator setup it is presented to, and the required outcome. */
    record Case(String name, Setup setup, Supplier<String> token, Rejection expected) {
        @Override
        public String toString() {
            return name + (expected == null ? " -> accepted" : " -> " + expected) + " [" + setup + "]";
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void validateWhenCatalogAttackThenExactOutcome(Case row) throws Exception {
        TokenValidator validator = row.setup().validator(dir);
        String token = row.token().get();
        if (row.expected() == null) {
            assertNotNull(validator.validate(token));
            return;
        }
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> validator.validate(token));
        assertEquals(row.expected(), e.rejection());
        assertEquals(row.expected().reason(), e.reason());
    }

    static Stream<Case> catalog() {
        return Stream.of(serialization(), innerJws(), jweLayer(), claimRules(), beyondCatalog()).flatMap(s -> s);
    }

    /** J1-J5 and the strict-encoding and size rules of RFC 8725 §3.7 and §2.8. */
    static Stream<Case> serialization() {
        return Stream.of(
                reject("J1 four segments", MALFORMED, () -> String.join(".",
                        Arrays.copyOf(Compact.segments(valid().mint()), 4))),
                reject("J1 six segments", MALFORMED, () -> valid().mint() + "." + b64("x")),
                reject("J1 trailing dot", MALFORMED, () -> valid().mint() + "."),
                reject("J1 empty token", MALFORMED, () -> ""),
                reject("J1 only dots", MALFORMED, () -> "...."),
                reject("J1 nested JWS of two segments", MALFORMED, () -> {
                    String jws = valid().signed();
                    return nested(jws.substring(0, jws.lastIndexOf('.')));
                }),
                reject("J1 nested JWS of four segments", MALFORMED, () -> nested(valid().signed() + "." + b64("x"))),
                reject("J1 nested JWS with trailing dot", MALFORMED, () -> nested(valid().signed() + ".")),
                reject("J3 JWE header not JSON", MALFORMED, () -> replace(valid().mint(), HEADER, b64("not json"))),
                reject("J3 JWE header a JSON array", MALFORMED, () -> {
                    String token = valid().mint();
                    return withHeader(token, "[" + headerJson(token) + "]");
                }),
                reject("J3 JWE header invalid UTF-8", MALFORMED, () -> {
                    String token = valid().mint();
                    return replace(token, HEADER, b64(invalidUtf8(headerJson(token))));
                }),
                reject("J3 JWS header not JSON", MALFORMED, () -> nested(rawJws("not json"))),
                reject("J3 JWS header a JSON array", MALFORMED, () -> nested(rawJws("[" + AttackTokens.JWS_HEADER + "]"))),
                reject("J3 JWS header invalid UTF-8", MALFORMED, () -> nested(Compact.signRaw(
                        invalidUtf8(AttackTokens.JWS_HEADER), claims(), TestKeys.RSA_SIG.getPrivateKey(), "SHA256withRSA"))),
                reject("J4 duplicate alg in JWE header", MALFORMED, () -> {
                    String token = valid().mint();
                    String header = headerJson(token);
                    return withHeader(token, header.substring(0, header.length() - 1) + ",\"alg\":\"dir\"}");
                }),
                reject("J4 duplicate alg in JWS header", MALFORMED, () -> nested(rawJws(
                        "{\"alg\":\"RS256\",\"kid\":\"sig-rsa\",\"typ\":\"JWT\",\"alg\":\"none\"}"))),
                reject("J4 duplicate sub in claims", MALFORMED, () -> {
                    var minter = valid();
                    String json = minter.claimsJson();
                    return minter.encrypt(minter.sign(json.substring(0, json.length() - 1) + ",\"sub\":\"admin\"}"));
                }),
                reject("J5 100k nested [ in JWE header, default limits", MALFORMED, () -> deepHeaderToken(false)),
                reject("J5 100k unclosed [ in JWE header, raised limits", Setup.BIG_LIMITS, MALFORMED,
                        () -> deepHeaderToken(false)),
                reject("J5 100k closed [ in JWE header, raised limits: parsed, then the AAD no longer matches",
                        Setup.BIG_LIMITS, DECRYPTION_FAILED, () -> deepHeaderToken(true)),
                reject("J5 100k unclosed [ in JWS header, raised limits", Setup.BIG_LIMITS, MALFORMED,
                        () -> nested(rawJws("{\"alg\":\"RS256\",\"x\":" + "[".repeat(100_000)))),
                reject("J5 100k closed [ in signed claims, raised limits", Setup.BIG_LIMITS, MALFORMED_CLAIM,
                        () -> {
                            var minter = valid();
                            String json = minter.claimsJson();
                            return minter.encrypt(minter.sign(json.substring(0, json.length() - 1) + ",\"deep\":"
                                    + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
                        }),
                reject("base64url padding in tag", MALFORMED, () -> reencode(valid().mint(), TAG, Compact::padded)),
                reject("base64url padding in encrypted key", MALFORMED,
                        () -> reencode(valid().mint(), ENCRYPTED_KEY, Compact::padded)),
                reject("base64url '+' and '/' in ciphertext", MALFORMED,
                        () -> reencode(withUrlCharacters(CIPHERTEXT), CIPHERTEXT, Compact::standardAlphabet)),
                reject("base64url non-zero trailing bits in tag", MALFORMED,
                        () -> reencode(valid().mint(), TAG, Compact::withTrailingBits)),
                reject("base64url non-zero trailing bits in encrypted key", MALFORMED,
                        () -> reencode(valid().mint(), ENCRYPTED_KEY, Compact::withTrailingBits)),
                reject("base64url line break inside ciphertext", MALFORMED, () -> reencode(valid().mint(), CIPHERTEXT,
                        s -> s.substring(0, 10) + "\n" + s.substring(10))),
                reject("base64url space before the token", MALFORMED, () -> " " + valid().mint()),
                reject("base64url CRLF after the token", MALFORMED, () -> valid().mint() + "\r\n"),
                reject("base64url padding in JWS signature", MALFORMED,
                        () -> nested(reencode(valid().signed(), JWS_SIGNATURE, Compact::padded))),
                reject("base64url non-zero trailing bits in JWS signature", MALFORMED,
                        () -> nested(reencode(valid().signed(), JWS_SIGNATURE, Compact::withTrailingBits))),
                reject("base64url '+' and '/' in JWS signature", MALFORMED, () -> nested(
                        reencode(withUrlCharactersJws(), JWS_SIGNATURE, Compact::standardAlphabet))),
                reject("oversize token (over 16384 characters)", MALFORMED,
                        () -> valid().claim("pad", "x".repeat(16_000)).mint()),
                reject("oversize JWE header (over 4096 bytes)", MALFORMED,
                        () -> valid().encryptionHeader("pad", "x".repeat(5_000)).mint()),
                reject("oversize JWS header (over 4096 bytes)", MALFORMED,
                        () -> valid().signatureHeader("pad", "x".repeat(5_000)).mint()),
                reject("kid of 300 characters in JWE header", MALFORMED,
                        () -> valid().encryptionHeader("kid", "k".repeat(300)).mint()),
                reject("alg a number in JWE header", MALFORMED, () -> editHeader(valid().mint(), h -> h.put("alg", 42))),
                reject("typ a number in JWS header", MALFORMED, () -> valid().signatureHeader("typ", 1).mint()),
                reject("kid null in JWE header", MALFORMED, () -> editHeader(valid().mint(), h -> h.put("kid", null))),
                reject("kid a number in JWE header", MALFORMED, () -> editHeader(valid().mint(), h -> h.put("kid", 1))),
                reject("kid null in JWS header", MALFORMED,
                        () -> nested(rawJws("{\"alg\":\"RS256\",\"kid\":null,\"typ\":\"JWT\"}"))),
                reject("typ null in JWS header", MALFORMED,
                        () -> nested(rawJws("{\"alg\":\"RS256\",\"kid\":\"sig-rsa\",\"typ\":null}"))));
    }

    /** S1-S14: the signed layer, RFC 8725 §3.1, §3.2, §3.10. */
    static Stream<Case> innerJws() {
        Stream.Builder<Case> rows = Stream.builder();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            rows.add(reject("S1 alg " + none + " with empty signature", MALFORMED,
                    () -> nested(unsecured(none, new byte[0]))));
            rows.add(reject("S1 alg " + none + " with a signature", ALG_NOT_ALLOWED,
                    () -> nested(unsecured(none, random(32)))));
        }
        rows.add(reject("S1 alg none in JWE header", ALG_NOT_ALLOWED,
                () -> editHeader(valid().mint(), h -> h.put("alg", "none"))));
        rows.add(reject("S1 alg none bare JWS with signed-only on", Setup.SIGNED_ONLY, ALG_NOT_ALLOWED,
                () -> unsecured("none", random(32))));
        rows.add(reject("S1 alg none bare JWS with signed-only on, empty signature", Setup.SIGNED_ONLY, MALFORMED,
                () -> unsecured("none", new byte[0])));
        rows.add(reject("S2 RS256 with empty signature", MALFORMED,
                () -> nested(replace(valid().signed(), JWS_SIGNATURE, ""))));
        rows.add(reject("S3 HS256 keyed with our RSA public key (DER)", ALG_NOT_ALLOWED, () -> valid()
                .signWith(new HmacKey(TestKeys.RSA_SIG.getPublicKey().getEncoded()), "HS256", "sig-rsa").mint()));
        rows.add(reject("S3 HS256 keyed with our RSA public key (PEM)", ALG_NOT_ALLOWED, () -> valid()
                .signWith(new HmacKey(TestKeys.publicPem(TestKeys.RSA_SIG).getBytes(StandardCharsets.US_ASCII)),
                        "HS256", "sig-rsa").mint()));
        rows.add(reject("S3 HS256 bare JWS with signed-only on", Setup.SIGNED_ONLY, ALG_NOT_ALLOWED, () -> valid()
                .signWith(new HmacKey(TestKeys.RSA_SIG.getPublicKey().getEncoded()), "HS256", "sig-rsa").signed()));
        rows.add(reject("S6 JWKS key with use enc is not used to verify", Setup.VERIFY_KEY_FOR_ENC, UNKNOWN_KEY,
                () -> valid().mint()));
        rows.add(accept("S6 control: the other key of that JWKS verifies", Setup.VERIFY_KEY_FOR_ENC,
                () -> signedBySecondKey().mint()));
        rows.add(reject("S6 JWKS key with key_ops [encrypt] is not used to verify", Setup.VERIFY_KEY_OPS_ENCRYPT,
                UNKNOWN_KEY, () -> valid().mint()));
        rows.add(accept("S6 control: the other key of that JWKS verifies", Setup.VERIFY_KEY_OPS_ENCRYPT,
                () -> signedBySecondKey().mint()));
        BigInteger n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        rows.add(accept("S8 control: genuine ES256 signature", Setup.EC, () -> ec().mint()));
        rows.add(reject("S8 ES256 all-zero signature", Setup.EC, BAD_SIGNATURE, () -> ecSignature(sig -> new byte[64])));
        rows.add(reject("S8 ES256 r = s = n", Setup.EC, BAD_SIGNATURE, () -> ecSignature(sig -> Compact.concat(n, n, 32))));
        rows.add(reject("S8 ES256 r = 0, s = 1", Setup.EC, BAD_SIGNATURE,
                () -> ecSignature(sig -> Compact.concat(BigInteger.ZERO, BigInteger.ONE, 32))));
        rows.add(reject("S8 ES256 genuine signature DER-encoded", Setup.EC, BAD_SIGNATURE,
                () -> ecSignature(Compact::der)));
        rows.add(reject("S8 ES256 genuine signature plus a byte", Setup.EC, BAD_SIGNATURE,
                () -> ecSignature(sig -> Arrays.copyOf(sig, 65))));
        rows.add(reject("S8 ES256 genuine halves zero-padded to 33 bytes", Setup.EC, BAD_SIGNATURE,
                () -> ecSignature(sig -> Compact.concat(new BigInteger(1, Arrays.copyOf(sig, 32)),
                        new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)), 33))));
        rows.add(reject("S8 ES256 half a signature", Setup.EC, BAD_SIGNATURE, () -> ecSignature(sig -> Arrays.copyOf(sig, 32))));
        rows.add(reject("S9 untrusted signer using our kid", BAD_SIGNATURE,
                () -> valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint()));
        rows.add(reject("S9 untrusted signer using its own kid", UNKNOWN_KEY,
                () -> valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "attacker").mint()));
        rows.add(reject("S9 untrusted signer without kid", BAD_SIGNATURE, () -> nested(AttackTokens.jws(
                TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", claims(), jws -> { }))));
        rows.add(reject("S10 attacker key in jwk header, our kid", BAD_SIGNATURE, () -> attackerSigned()
                .signatureHeader("jwk", attackerJwk()).mint()));
        rows.add(reject("S10 attacker key in jwk header, no kid", BAD_SIGNATURE, () -> nested(AttackTokens.jws(
                TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", claims(),
                jws -> jws.setJwkHeader(TestKeys.ATTACKER_SIG)))));
        rows.add(reject("S11 jku to the cloud metadata address", BAD_SIGNATURE, () -> attackerSigned()
                .signatureHeader("jku", "http://169.254.169.254/latest/meta-data/jwks.json").mint()));
        rows.add(reject("S11 x5u to the cloud metadata address", BAD_SIGNATURE, () -> attackerSigned()
                .signatureHeader("x5u", "http://169.254.169.254/latest/meta-data/cert.pem").mint()));
        for (String kid : List.of("../../../../../../etc/passwd", "x' UNION SELECT 'k' FROM keys --",
                "$(curl http://127.0.0.1/x);`id`|sh", "/dev/random", "\u0000")) {
            rows.add(reject("S12 kid " + printable(kid) + " in JWS", UNKNOWN_KEY,
                    () -> valid().signatureHeader("kid", kid).mint()));
            rows.add(reject("S12 kid " + printable(kid) + " in JWE", UNKNOWN_KEY,
                    () -> valid().encryptionHeader("kid", kid).mint()));
        }
        rows.add(reject("S12 kid of 8 KiB in JWS", MALFORMED, () -> valid().signatureHeader("kid", "k".repeat(8192)).mint()));
        rows.add(reject("S12 kid of 8 KiB in JWE", MALFORMED, () -> valid().encryptionHeader("kid", "k".repeat(8192)).mint()));
        rows.add(reject("S13 signed with our decryption key, its kid", UNKNOWN_KEY,
                () -> valid().signWith(TestKeys.RSA_ENC.getPrivateKey(), "RS256", "enc-rsa").mint()));
        rows.add(reject("S13 signed with our decryption key, our signing kid", BAD_SIGNATURE,
                () -> valid().signWith(TestKeys.RSA_ENC.getPrivateKey(), "RS256", "sig-rsa").mint()));
        rows.add(reject("S13 HS256 keyed with our dir key", Setup.OCT, ALG_NOT_ALLOWED,
                () -> oct().signWith(TestKeys.OCT_256.getKey(), "HS256", TestKeys.OCT_256.getKeyId()).mint()));
        for (Object crit : List.of(List.of("foo"), List.of(), List.of("exp"), "foo")) {
            rows.add(reject("S14 crit " + crit + " in JWS", UNSUPPORTED_HEADER,
                    () -> valid().signatureHeader("crit", crit).mint()));
            rows.add(reject("S14 crit " + crit + " in JWE", UNSUPPORTED_HEADER,
                    () -> valid().encryptionHeader("crit", crit).mint()));
        }
        rows.add(reject("JWS alg PS256 when only RS256 is accepted", ALG_NOT_ALLOWED,
                () -> valid().signWith(TestKeys.RSA_SIG.getPrivateKey(), "PS256", "sig-rsa").mint()));
        rows.add(reject("JWS alg ES256 when only RS256 is accepted", ALG_NOT_ALLOWED,
                () -> valid().signWith(TestKeys.EC_SIG.getPrivateKey(), "ES256", "sig-ec").mint()));
        rows.add(reject("JWS header with zip", UNSUPPORTED_HEADER, () -> valid().signatureHeader("zip", "DEF").mint()));
        rows.add(reject("JWS header with enc", UNSUPPORTED_HEADER, () -> valid().signatureHeader("enc", "A256GCM").mint()));
        return rows.build();
    }

    /** E1-E14: the encryption layer, RFC 8725 §3.3-§3.6, and the nesting. */
    static Stream<Case> jweLayer() {
        return Stream.of(
                reject("E1 plain claims in JWE with cty JWT", MALFORMED, () -> valid().encrypt(claims())),
                reject("E1 plain claims in JWE without cty", WRONG_NESTING,
                        () -> AttackTokens.jwe(claims(), jwe -> jwe.setKeyIdHeaderValue("enc-rsa"))),
                reject("E1 plain claims in JWE with cty json", WRONG_NESTING,
                        () -> valid().encryptionHeader("cty", "json").encrypt(claims())),
                reject("E2 bare JWS", ENCRYPTION_REQUIRED, () -> valid().signed()),
                reject("E2 bare JWS alg none", ENCRYPTION_REQUIRED, () -> unsecured("none", new byte[0])),
                reject("E3 JWS in JWE without cty", WRONG_NESTING,
                        () -> AttackTokens.jwe(valid().signed(), jwe -> jwe.setKeyIdHeaderValue("enc-rsa"))),
                reject("E3 JWS in JWE with cty null", MALFORMED,
                        () -> editHeader(valid().mint(), h -> h.put("cty", null))),
                reject("E3 JWS in JWE with cty json", WRONG_NESTING, () -> valid().encryptionHeader("cty", "json").mint()),
                reject("E3 JWS in JWE with cty application/json", WRONG_NESTING,
                        () -> valid().encryptionHeader("cty", "application/json").mint()),
                accept("E3 cty jwt in lower case", () -> valid().encryptionHeader("cty", "jwt").mint()),
                accept("E3 cty application/jwt", () -> valid().encryptionHeader("cty", "application/jwt").mint()),
                reject("E5 RSA1_5 with valid padding", ALG_NOT_ALLOWED, () -> AttackTokens.rsa15(valid().signed())),
                reject("E5 RSA1_5 with broken padding", ALG_NOT_ALLOWED,
                        () -> replace(AttackTokens.rsa15(valid().signed()), ENCRYPTED_KEY, b64(random(256)))),
                reject("E7 PBES2 with p2c 2000000000", ALG_NOT_ALLOWED, () -> AttackTokens.pbes2(2_000_000_000L)),
                reject("E7 PBES2 with p2c 999", ALG_NOT_ALLOWED, () -> AttackTokens.pbes2(999)),
                accept("E8 control: genuine ECDH-ES+A256KW", Setup.EC, () -> ec().mint()),
                reject("E8 epk (1,1) is not on P-256", Setup.EC, MALFORMED, () -> editHeader(ec().mint(),
                        h -> h.put("epk", epk("P-256", BigInteger.ONE, BigInteger.ONE)))),
                reject("E8 P-384 epk against our P-256 key", Setup.EC, MALFORMED, () -> ec()
                        .encryptFor(TestKeys.EC_ENC_384.getPublicKey(), "ECDH-ES+A256KW", "A256GCM", "enc-ec").mint()),
                reject("E8 secp256k1 epk", Setup.EC, MALFORMED, () -> editHeader(ec().mint(), h -> h.put("epk", epk(
                        "secp256k1",
                        new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16),
                        new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16))))),
                reject("E9 zip DEF bomb with compression off", UNSUPPORTED_HEADER, () -> AttackTokens.zipBomb(5_000_000)),
                reject("E9 zip DEF bomb of 5 MB with compression on", Setup.COMPRESSION, MALFORMED,
                        () -> AttackTokens.zipBomb(5_000_000)),
                reject("E9 zip DEF bomb of 20 MB with compression on: over the size limit", Setup.COMPRESSION,
                        MALFORMED, () -> AttackTokens.zipBomb(20_000_000)),
                reject("E10 zip XYZ with compression off", UNSUPPORTED_HEADER,
                        () -> editHeader(valid().mint(), h -> h.put("zip", "XYZ"))),
                reject("E10 zip XYZ with compression on", Setup.COMPRESSION, UNSUPPORTED_HEADER,
                        () -> editHeader(valid().mint(), h -> h.put("zip", "XYZ"))),
                reject("E11 flipped bit in ciphertext", DECRYPTION_FAILED, () -> Compact.flipBit(valid().mint(), CIPHERTEXT)),
                reject("E11 flipped bit in tag", DECRYPTION_FAILED, () -> Compact.flipBit(valid().mint(), TAG)),
                reject("E11 flipped bit in IV", DECRYPTION_FAILED, () -> Compact.flipBit(valid().mint(), IV)),
                reject("E11 tag truncated to 12 bytes", DECRYPTION_FAILED, () -> Compact.truncate(valid().mint(), TAG, 12)),
                reject("E11 tag truncated to 8 bytes", DECRYPTION_FAILED, () -> Compact.truncate(valid().mint(), TAG, 8)),
                reject("E11 tag truncated to 1 byte", DECRYPTION_FAILED, () -> Compact.truncate(valid().mint(), TAG, 1)),
                reject("E11 empty tag", MALFORMED, () -> replace(valid().mint(), TAG, "")),
                reject("E11 IV of 8 bytes", DECRYPTION_FAILED, () -> Compact.truncate(valid().mint(), IV, 8)),
                reject("E11 empty IV", MALFORMED, () -> replace(valid().mint(), IV, "")),
                reject("E11 empty ciphertext", MALFORMED, () -> replace(valid().mint(), CIPHERTEXT, "")),
                reject("E12 flipped bit in encrypted key", DECRYPTION_FAILED,
                        () -> Compact.flipBit(valid().mint(), ENCRYPTED_KEY)),
                reject("E12 encrypted key present with dir", Setup.OCT, MALFORMED,
                        () -> replace(oct().mint(), ENCRYPTED_KEY, b64(random(40)))),
                accept("E12 control: dir", Setup.OCT, () -> oct().mint()),
                reject("E12 encrypted key present with ECDH-ES", Setup.EC_DIRECT, MALFORMED,
                        () -> replace(ecDirect().mint(), ENCRYPTED_KEY, b64(random(40)))),
                accept("E12 control: ECDH-ES", Setup.EC_DIRECT, () -> ecDirect().mint()),
                reject("E12 encrypted key missing with RSA-OAEP-256", MALFORMED,
                        () -> replace(valid().mint(), ENCRYPTED_KEY, "")),
                reject("E12 encrypted for another RSA key under our kid", DECRYPTION_FAILED, () -> valid()
                        .encryptFor(TestKeys.ATTACKER_ENC.getPublicKey(), "RSA-OAEP-256", "A256GCM", "enc-rsa").mint()),
                reject("E13 protected header re-encoded with whitespace", DECRYPTION_FAILED, () -> {
                    String token = valid().mint();
                    return withHeader(token, headerJson(token).replace(",", ", "));
                }),
                reject("E13 protected header members reordered", DECRYPTION_FAILED, () -> editHeader(valid().mint(), h -> {
                    Map<String, Object> copy = new LinkedHashMap<>(h);
                    h.clear();
                    copy.keySet().stream().sorted().forEach(k -> h.put(k, copy.get(k)));
                })),
                reject("E13 kid added to the protected header", DECRYPTION_FAILED, () -> editHeader(
                        AttackTokens.jwe(valid().signed(), jwe -> jwe.setContentTypeHeaderValue("JWT")),
                        h -> h.put("kid", "enc-rsa"))),
                accept("E13 control: the same token without kid", () -> AttackTokens.jwe(valid().signed(),
                        jwe -> jwe.setContentTypeHeaderValue("JWT"))),
                reject("E14 dir with A128GCM while only A256GCM is accepted", Setup.OCT, ALG_NOT_ALLOWED,
                        () -> oct().encryptFor(new SecretKeySpec(random(16), "AES"), "dir", "A128GCM",
                                "enc-oct").mint()),
                reject("E14 dir with A128GCM against our 256-bit key", Setup.OCT_TWO_CONTENT_ALGS, MALFORMED,
                        () -> oct().encryptFor(new SecretKeySpec(random(16), "AES"), "dir", "A128GCM",
                                "enc-oct").mint()),
                reject("E14 our AES key used for A256GCMKW", Setup.OCT, ALG_NOT_ALLOWED,
                        () -> oct().encryptFor(TestKeys.OCT_256.getKey(), "A256GCMKW", "A256GCM", "enc-oct").mint()),
                accept("E14 control: our AES key for A256KW", Setup.OCT,
                        () -> oct().encryptFor(TestKeys.OCT_256.getKey(), "A256KW", "A256GCM", "enc-oct").mint()),
                reject("JWE inside JWE", WRONG_NESTING, () -> valid().encrypt(valid().mint())),
                reject("JWS inside JWS with cty JWT", WRONG_NESTING,
                        () -> valid().encrypt(valid().signatureHeader("cty", "JWT").sign(valid().signed()))),
                reject("JWS inside JWS without cty", MALFORMED, () -> valid().encrypt(valid().sign(valid().signed()))),
                reject("enc A128CBC-HS256 not accepted", ALG_NOT_ALLOWED, () -> valid()
                        .encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP-256", "A128CBC-HS256", "enc-rsa").mint()),
                reject("alg RSA-OAEP not configured", ALG_NOT_ALLOWED, () -> valid()
                        .encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP", "A256GCM", "enc-rsa").mint()));
    }

    /** C1-C11: claims, RFC 7519 §4.1, RFC 8725 §3.8-§3.9, RFC 9068 §2.2 and §4. */
    static Stream<Case> claimRules() {
        return Stream.of(
                reject("C1 no exp", MISSING_CLAIM, () -> valid().claim("exp", null).mint()),
                accept("C2 exp 30 s ago with 60 s skew", () -> valid().issuedAgo(Duration.ofSeconds(330)).mint()),
                reject("C2 exp 90 s ago with 60 s skew", EXPIRED, () -> valid().issuedAgo(Duration.ofSeconds(390)).mint()),
                reject("C3 exp a string", MALFORMED_CLAIM, () -> valid().claim("exp", "9999999999").mint()),
                reject("C3 exp true", MALFORMED_CLAIM, () -> valid().claim("exp", true).mint()),
                reject("C3 exp null", MISSING_CLAIM, () -> Compact.mintEditedClaims(valid(), c -> c.put("exp", null))),
                reject("C3 exp [1]", MALFORMED_CLAIM, () -> valid().claim("exp", List.of(1L)).mint()),
                reject("C5 nbf 300 s ahead", NOT_YET_VALID, () -> valid().claim("nbf", now() + 300).mint()),
                reject("C7 iss of another issuer", WRONG_ISSUER,
                        () -> valid().issuer("https://idp.evil/realms/gatehouse").mint()),
                reject("C7 iss with a trailing slash", WRONG_ISSUER, () -> valid().issuer(TestTokens.ISSUER + "/").mint()),
                reject("C7 iss in another case", WRONG_ISSUER, () -> valid().issuer(TestTokens.ISSUER.toUpperCase()).mint()),
                reject("C7 iss missing", WRONG_ISSUER, () -> valid().claim("iss", null).mint()),
                reject("C7 iss an array", MALFORMED_CLAIM, () -> valid().claim("iss", List.of(TestTokens.ISSUER)).mint()),
                accept("C8 aud [other, ours]", () -> valid().audience("other", TestTokens.AUDIENCE).mint()),
                reject("C8 aud [other]", WRONG_AUDIENCE, () -> valid().audience("other").mint()),
                reject("C8 aud missing", WRONG_AUDIENCE, () -> valid().claim("aud", null).mint()),
                reject("C8 aud in another case", WRONG_AUDIENCE,
                        () -> valid().audience(TestTokens.AUDIENCE.toUpperCase()).mint()),
                reject("C8 aud empty array", WRONG_AUDIENCE, () -> valid().claim("aud", List.of()).mint()),
                reject("C8 aud a number", MALFORMED_CLAIM, () -> valid().claim("aud", 42).mint()),
                accept("C10 control: complete RFC 9068 token", Setup.RFC9068, () -> accessToken().mint()),
                reject("C10 client_id missing under rfc9068", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("client_id", null).mint()),
                reject("C10 jti missing under rfc9068", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("jti", null).mint()),
                reject("C10 iat missing under rfc9068", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("iat", null).mint()),
                reject("C10 sub missing under rfc9068", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("upn", "alice").claim("sub", null).mint()),
                reject("C10 iat missing under mp-jwt", MISSING_CLAIM, () -> valid().claim("iat", null).mint()),
                reject("C11 typ JWT under rfc9068", Setup.RFC9068, WRONG_TYPE,
                        () -> accessToken().signatureHeader("typ", "JWT").mint()),
                reject("C11 typ absent under rfc9068", Setup.RFC9068, WRONG_TYPE, () -> nested(AttackTokens.jws(
                        TestKeys.RSA_SIG.getPrivateKey(), "RS256", accessToken().claimsJson(),
                        jws -> jws.setKeyIdHeaderValue("sig-rsa")))),
                accept("C11 typ at+jwt", Setup.RFC9068, () -> accessToken().signatureHeader("typ", "at+jwt").mint()),
                accept("C11 typ application/at+jwt", Setup.RFC9068,
                        () -> accessToken().signatureHeader("typ", "application/at+jwt").mint()),
                accept("C11 typ AT+JWT", Setup.RFC9068, () -> accessToken().signatureHeader("typ", "AT+JWT").mint()));
    }

    /** Rules of RFC 8725 and RFC 9068 the catalog does not list. */
    static Stream<Case> beyondCatalog() {
        return Stream.of(
                reject("typ logout+jwt (RFC 8725 §3.11)", WRONG_TYPE,
                        () -> valid().signatureHeader("typ", "logout+jwt").mint()),
                reject("typ secevent+jwt (RFC 8725 §3.11)", WRONG_TYPE,
                        () -> valid().signatureHeader("typ", "secevent+jwt").mint()),
                reject("typ secevent+jwt under rfc9068", Setup.RFC9068, WRONG_TYPE,
                        () -> accessToken().signatureHeader("typ", "secevent+jwt").mint()),
                reject("JWE typ secevent+jwt around an access token", WRONG_TYPE,
                        () -> valid().encryptionHeader("typ", "secevent+jwt").mint()),
                reject("JWE typ logout+jwt around an at+jwt under rfc9068", Setup.RFC9068, WRONG_TYPE,
                        () -> accessToken().encryptionHeader("typ", "logout+jwt").mint()),
                accept("JWE typ JWT around an at+jwt under rfc9068", Setup.RFC9068,
                        () -> accessToken().encryptionHeader("typ", "JWT").mint()),
                accept("JWE typ at+jwt around an at+jwt under rfc9068", Setup.RFC9068,
                        () -> accessToken().encryptionHeader("typ", "at+jwt").mint()),
                accept("JWS typ application/jwt under mp-jwt", () -> valid().signatureHeader("typ", "application/jwt").mint()),
                reject("iat 300 s in the future", ISSUED_IN_FUTURE, () -> valid().claim("iat", now() + 300).mint()),
                reject("iat far before the epoch, so exp - iat overflows", LIFETIME_TOO_LONG,
                        () -> valid().claim("iat", Long.MIN_VALUE + 1000).mint()),
                reject("lifetime of 25 h", LIFETIME_TOO_LONG, () -> valid().ttl(Duration.ofHours(25)).mint()),
                reject("exp at the largest 64-bit value", LIFETIME_TOO_LONG,
                        () -> valid().claim("exp", Long.MAX_VALUE).mint()),
                reject("nbf a string", MALFORMED_CLAIM, () -> valid().claim("nbf", "soon").mint()),
                reject("iat a string", MALFORMED_CLAIM, () -> valid().claim("iat", "now").mint()),
                reject("sub a number", MALFORMED_CLAIM, () -> valid().claim("sub", 42).mint()),
                reject("jti a number", MALFORMED_CLAIM, () -> valid().claim("jti", 7).mint()),
                reject("client_id a number under rfc9068", Setup.RFC9068, MALFORMED_CLAIM,
                        () -> accessToken().claim("client_id", 7).mint()),
                reject("sub empty under rfc9068, upn present", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("upn", "alice").claim("sub", "").mint()),
                reject("client_id empty under rfc9068", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("client_id", "").mint()),
                reject("jti blank under rfc9068", Setup.RFC9068, MISSING_CLAIM, () -> accessToken().claim("jti", " ").mint()),
                reject("scope a list when scope grants roles", Setup.SCOPE_ROLES, MALFORMED_CLAIM,
                        () -> valid().claim("scope", List.of("read")).mint()),
                accept("scope a list when scope is not used", () -> valid().claim("scope", List.of("read")).mint()),
                reject("groups a string", MALFORMED_CLAIM, () -> valid().claim("groups", "admin").mint()),
                reject("groups holding a number", MALFORMED_CLAIM, () -> valid().claim("groups", List.of("a", 1)).mint()),
                reject("upn empty, sub present", NO_PRINCIPAL, () -> valid().claim("upn", "").mint()),
                reject("no upn, preferred_username or sub", NO_PRINCIPAL, () -> valid().claim("sub", null).mint()));
    }

    private static Case reject(String name, Rejection expected, Supplier<String> token) {
        return new Case(name, Setup.DEFAULT, token, expected);
    }

    private static Case reject(String name, Setup setup, Rejection expected, Supplier<String> token) {
        return new Case(name, setup, token, expected);
    }

    private static Case accept(String name, Supplier<String> token) {
        return new Case(name, Setup.DEFAULT, token, null);
    }

    private static Case accept(String name, Setup setup, Supplier<String> token) {
        return new Case(name, setup, token, null);
    }

    private static byte[] invalidUtf8(String json) {
        byte[] plain = json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = {',', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] out = Arrays.copyOf(plain, plain.length + suffix.length);
        System.arraycopy(suffix, 0, out, plain.length, suffix.length);
        return out;
    }

    private static String deepHeaderToken(boolean closed) {
        String token = valid().mint();
        String header = headerJson(token);
        String deep = "[".repeat(100_000) + (closed ? "]".repeat(100_000) : "");
        return withHeader(token, header.substring(0, header.length() - 1) + ",\"x\":" + deep + (closed ? "}" : ""));
    }

    private static String reencode(String token, int index, UnaryOperator<String> change) {
        return replace(token, index, change.apply(segment(token, index)));
    }

    /** A valid token whose segment {@code index} contains '-' or '_' (almost every one does). */
    private static String withUrlCharacters(int index) {
        for (int i = 0; i < 50; i++) {
            String token = valid().mint();
            if (segment(token, index).matches(".*[-_].*")) {
                return token;
            }
        }
        throw new IllegalStateException("no token with URL-specific characters");
    }

    private static String withUrlCharactersJws() {
        for (int i = 0; i < 50; i++) {
            String jws = valid().signed();
            if (segment(jws, JWS_SIGNATURE).matches(".*[-_].*")) {
                return jws;
            }
        }
        throw new IllegalStateException("no signature with URL-specific characters");
    }

    private static TokenMinter signedBySecondKey() {
        return valid().signWith(TestKeys.RSA_SIG_2.getPrivateKey(), "RS256", TestKeys.RSA_SIG_2.getKeyId());
    }

    private static TokenMinter attackerSigned() {
        return valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa");
    }

    private static TokenMinter ecDirect() {
        return valid().encryptFor(TestKeys.EC_ENC.getPublicKey(), "ECDH-ES", "A256GCM", TestKeys.EC_ENC.getKeyId());
    }

    private static Map<String, Object> attackerJwk() {
        return Compact.json(TestKeys.publicJwk(TestKeys.ATTACKER_SIG));
    }

    /** An ES256-signed nested token whose signature bytes were replaced by {@code change(genuine)}. */
    private static String ecSignature(UnaryOperator<byte[]> change) {
        String jws = ec().signed();
        byte[] genuine = bytes(segment(jws, JWS_SIGNATURE));
        return ec().encrypt(replace(jws, JWS_SIGNATURE, b64(change.apply(genuine))));
    }

    private static Map<String, Object> epk(String curve, BigInteger x, BigInteger y) {
        Map<String, Object> epk = new LinkedHashMap<>();
        epk.put("kty", "EC");
        epk.put("crv", curve);
        epk.put("x", Compact.coordinate(x));
        epk.put("y", Compact.coordinate(y));
        return epk;
    }

    private static String printable(String s) {
        return s.replace("\u0000", "NUL");
    }
}
