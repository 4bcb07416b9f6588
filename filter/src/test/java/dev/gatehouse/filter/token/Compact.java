package dev.gatehouse.filter.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.tool.TokenMinter;

/**
 * Hand surgery on compact JOSE serializations, for tests that need tokens no well-behaved library would produce.
 * Everything is computed from freshly minted tokens; nothing is stored.
 */
final class Compact {

    static final int HEADER = 0;
    static final int ENCRYPTED_KEY = 1;
    static final int IV = 2;
    static final int CIPHERTEXT = 3;
    static final int TAG = 4;
    static final int JWS_SIGNATURE = 2;

    private Compact() {
    }

    static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    static String join(String... segments) {
        return String.join(".", segments);
    }

    /** Canonical unpadded base64url. */
    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String utf8) {
        return b64(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(String segment) {
        return Base64.getUrlDecoder().decode(segment);
    }

    static String segment(String token, int index) {
        return segments(token)[index];
    }

    static String replace(String token, int index, String segment) {
        String[] parts = segments(token);
        parts[index] = segment;
        return join(parts);
    }

    /** The token with one bit of segment {@code index} flipped (the encoding stays canonical). */
    static String flipBit(String token, int index) {
        byte[] bytes = bytes(segment(token, index));
        bytes[bytes.length / 2] ^= 0x01;
        return replace(token, index, b64(bytes));
    }

    /** The token with segment {@code index} cut to {@code length} bytes. */
    static String truncate(String token, int index, int length) {
        return replace(token, index, b64(Arrays.copyOf(bytes(segment(token, index)), length)));
    }

    /** The same bytes, but the unused low bits of the last character set: decodes identically, leniently. */
    static String withTrailingBits(String segment) {
        if (segment.length() % 4 == 0) {
            throw new IllegalArgumentException("segment has no unused bits");
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(last | 1);
    }

    /** The same bytes in padded base64url. */
    static String padded(String segment) {
        return Base64.getUrlEncoder().encodeToString(bytes(segment));
    }

    /** The same characters in the standard alphabet ({@code +} and {@code /}). */
    static String standardAlphabet(String segment) {
        if (segment.indexOf('-') < 0 && segment.indexOf('_') < 0) {
            throw new IllegalArgumentException("segment has no URL-specific character");
        }
        return segment.replace('-', '+').replace('_', '/');
    }

    static String headerJson(String token) {
        return new String(bytes(segment(token, HEADER)), StandardCharsets.UTF_8);
    }

    static String withHeader(String token, String headerJson) {
        return replace(token, HEADER, b64(headerJson));
    }

    /** The token with its protected header parsed, edited and re-serialized. */
    static String editHeader(String token, Consumer<Map<String, Object>> edit) {
        Map<String, Object> header = json(headerJson(token));
        edit.accept(header);
        return withHeader(token, JsonUtil.toJson(header));
    }

    /** A mutable copy of a JSON object. */
    static Map<String, Object> json(String json) {
        try {
            return new LinkedHashMap<>(JsonUtil.parseJson(json));
        } catch (JoseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The minter's claims with {@code edit} applied (which may put JSON nulls), signed and encrypted by it. */
    static String mintEditedClaims(TokenMinter minter, Consumer<Map<String, Object>> edit) {
        Map<String, Object> claims = json(minter.claimsJson());
        edit.accept(claims);
        return minter.encrypt(minter.sign(JsonUtil.toJson(claims)));
    }

    /** A JWS over exactly these header and payload bytes, signed with a JCA algorithm such as SHA256withRSA. */
    static String signRaw(String headerJson, String payloadJson, PrivateKey key, String jcaAlgorithm) {
        return signRaw(headerJson.getBytes(StandardCharsets.UTF_8), payloadJson, key, jcaAlgorithm);
    }

    /** A JWS over exactly these header bytes (which need not be UTF-8) and payload. */
    static String signRaw(byte[] header, String payloadJson, PrivateKey key, String jcaAlgorithm) {
        String input = b64(header) + "." + b64(payloadJson);
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** r||s of {@code size} bytes each. */
    static byte[] concat(BigInteger r, BigInteger s, int size) {
        byte[] out = new byte[2 * size];
        copyUnsigned(r, out, 0, size);
        copyUnsigned(s, out, size, size);
        return out;
    }

    /** The DER SEQUENCE { INTEGER r, INTEGER s } of a raw r||s signature (short lengths only, as for P-256). */
    static byte[] der(byte[] concatenated) {
        int half = concatenated.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOf(concatenated, half)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(concatenated, half, concatenated.length)).toByteArray();
        byte[] out = new byte[6 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + r.length + s.length);
        out[2] = 0x02;
        out[3] = (byte) r.length;
        System.arraycopy(r, 0, out, 4, r.length);
        out[4 + r.length] = 0x02;
        out[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + r.length, s.length);
        return out;
    }

    /** A 32-byte big-endian coordinate, base64url, as in a JWK. */
    static String coordinate(BigInteger value) {
        byte[] out = new byte[32];
        copyUnsigned(value, out, 0, 32);
        return b64(out);
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset, int size) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > size ? raw.length - size : 0;
        System.arraycopy(raw, skip, out, offset + size - (raw.length - skip), raw.length - skip);
    }
}
