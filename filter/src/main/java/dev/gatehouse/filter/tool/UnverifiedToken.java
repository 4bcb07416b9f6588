package dev.gatehouse.filter.tool;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.keys.KeyParser;

/**
 * A token opened for reading, WITHOUT any verification: the JWE is decrypted with the operator's private key, the
 * nested JWS is read but its signature is not checked, and no claim is checked. Only for display by {@code inspect}.
 *
 * @param jweHeader the outer header, or {@code null} for a bare JWS
 * @param jwsHeader the signed layer's header, or {@code null} when the JWE holds no JWS
 * @param claims the claims, parsed; {@code null} when the payload is not a JSON object ({@link #rawPayload} then)
 */
record UnverifiedToken(Map<String, Object> jweHeader, Map<String, Object> jwsHeader, Map<String, Object> claims,
        String rawPayload) {

    /** Thrown when the token cannot even be opened; the message says why, without key material. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Decrypts a compact JWE with the key its {@code kid} names, or with each given key in turn. */
    static UnverifiedToken decrypt(String token, List<KeyParser.ParsedKey> keys) throws Unreadable {
        JsonWebEncryption jwe = new JsonWebEncryption();
        Map<String, Object> header;
        try {
            jwe.setCompactSerialization(token);
            header = JsonUtil.parseJson(jwe.getHeaders().getFullHeaderAsJsonString());
        } catch (JoseException | RuntimeException e) {
            throw new Unreadable("not a readable JWE: " + e.getMessage());
        }
        String kid = jwe.getKeyIdHeaderValue();
        List<Key> candidates = new ArrayList<>();
        keys.stream().filter(k -> kid != null && kid.equals(k.kid())).forEach(k -> candidates.add(k.key()));
        if (candidates.isEmpty()) {
            keys.forEach(k -> candidates.add(k.key()));
        }
        String lastProblem = "no key";
        for (Key key : candidates) {
            try {
                jwe.setKey(key);
                return withJweHeader(header, jwe.getPayload());
            } catch (JoseException | RuntimeException e) {
                lastProblem = e.getMessage();
            }
        }
        throw new Unreadable("cannot decrypt with the given key" + (kid == null ? "" : " (token kid " + kid + ")")
                + ": " + lastProblem);
    }

    /** Reads a bare compact JWS (a signed-only token). */
    static UnverifiedToken signed(String token) throws Unreadable {
        return withJweHeader(null, token);
    }

    private static UnverifiedToken withJweHeader(Map<String, Object> jweHeader, String payload) throws Unreadable {
        if (payload.strip().startsWith("{")) {
            return new UnverifiedToken(jweHeader, null, json(payload), payload);
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(payload);
            String claims = jws.getUnverifiedPayload();
            return new UnverifiedToken(jweHeader, JsonUtil.parseJson(jws.getHeaders().getFullHeaderAsJsonString()),
                    json(claims), claims);
        } catch (JoseException | RuntimeException e) {
            throw new Unreadable("the " + (jweHeader == null ? "token" : "decrypted payload")
                    + " is not a readable JWS: " + e.getMessage());
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text);
        } catch (JoseException | RuntimeException e) {
            return null;
        }
    }
}
