package dev.gatehouse.filter.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A JOSE protected header read strictly: bounded size, valid UTF-8, a JSON object without duplicate member names
 * (jose4j's parser refuses duplicates), and string-typed where RFC 7515/7516 say so.
 */
record JoseHeader(Map<String, Object> params) {

    private static final Set<String> STRING_PARAMS = Set.of("alg", "enc", "zip", "kid", "typ", "cty", "jku", "x5u", "x5t", "x5t#S256");
    private static final int MAX_KID_LENGTH = 256;

    /**
     * Decodes and parses {@code token.substring(from, to)}, already known to be canonical base64url.
     *
     * @throws TokenRejectedException {@link Rejection#MALFORMED} for anything that is not a sound header
     */
    static JoseHeader parse(String token, int from, int to, int maxBytes) throws TokenRejectedException {
        if (to == from || Base64Url.decodedLength(to - from) > maxBytes) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token.substring(from, to));
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        if (!json.stripLeading().startsWith("{")) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        Map<String, Object> params;
        try {
            params = JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            throw new TokenRejectedException(Rejection.MALFORMED, e);
        }
        for (String name : STRING_PARAMS) {
            // present means a string: a JSON null is no more an absent parameter than a number is
            if (params.containsKey(name) && !(params.get(name) instanceof String)) {
                throw new TokenRejectedException(Rejection.MALFORMED);
            }
        }
        if (params.get("kid") instanceof String kid && kid.length() > MAX_KID_LENGTH) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        if (params.containsKey("crit")) {
            // Gatehouse understands no extension header, so any crit list must be refused (RFC 7515 §4.1.11).
            throw new TokenRejectedException(Rejection.UNSUPPORTED_HEADER);
        }
        return new JoseHeader(params);
    }

    String string(String name) {
        return (String) params.get(name);
    }

    boolean has(String name) {
        return params.containsKey(name);
    }
}
