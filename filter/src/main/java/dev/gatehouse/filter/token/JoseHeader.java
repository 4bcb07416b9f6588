package dev.gatehouse.filter.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.jose4j.jwx.Headers;

/**
 * Strict reading of a JOSE protected header in two steps. Before jose4j parses anything, {@link #checkEncoded} bounds
 * the size and demands valid UTF-8 (jose4j decodes leniently). jose4j's parser then refuses non-objects and duplicate
 * member names; {@link #checkParsed} demands that string-typed parameters (RFC 7515/7516) are strings — a JSON
 * {@code null} is no more an absent parameter than a number is — bounds {@code kid}, and refuses {@code crit}.
 * The header is parsed once, by jose4j.
 */
final class JoseHeader {

    private static final List<String> STRING_PARAMS = List.of("alg", "enc", "zip", "kid", "typ", "cty", "jku", "x5u",
            "x5t", "x5t#S256");
    private static final Pattern NULL_MEMBER = Pattern.compile("\"([^\"\\\\]+)\"\\s*:\\s*null\\b");
    private static final int MAX_KID_LENGTH = 256;

    private JoseHeader() {
    }

    /**
     * Checks the encoded header {@code token.substring(from, to)}, already known to be canonical base64url: non-empty,
     * at most {@code maxBytes} decoded, valid UTF-8.
     */
    static void checkEncoded(String token, int from, int to, int maxBytes) throws TokenRejectedException {
        if (to == from || Base64Url.decodedLength(to - from) > maxBytes) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token.substring(from, to));
        for (byte b : bytes) {
            if (b < 0) {
                strictUtf8(bytes);
                return;
            }
        }
    }

    /** Checks the parameters of a header jose4j has parsed. */
    static void checkParsed(Headers headers) throws TokenRejectedException {
        for (String name : STRING_PARAMS) {
            Object value = headers.getObjectHeaderValue(name);
            if (value != null && !(value instanceof String)) {
                throw new TokenRejectedException(Rejection.MALFORMED);
            }
        }
        String json = headers.getFullHeaderAsJsonString();
        if (json.contains("null") && NULL_MEMBER.matcher(json).results().anyMatch(m -> STRING_PARAMS.contains(m.group(1)))) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        if (headers.getObjectHeaderValue("kid") instanceof String kid && kid.length() > MAX_KID_LENGTH) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
        if (json.contains("\"crit\"") && (headers.getObjectHeaderValue("crit") != null
                || NULL_MEMBER.matcher(json).results().anyMatch(m -> m.group(1).equals("crit")))) {
            // Gatehouse understands no extension header, so any crit list must be refused (RFC 7515 §4.1.11).
            throw new TokenRejectedException(Rejection.UNSUPPORTED_HEADER);
        }
    }

    private static void strictUtf8(byte[] bytes) throws TokenRejectedException {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
    }
}
