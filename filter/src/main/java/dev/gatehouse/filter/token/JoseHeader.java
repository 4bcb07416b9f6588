package dev.gatehouse.filter.token;

import java.util.List;
import java.util.regex.Pattern;

import org.jose4j.jwx.Headers;

/**
 * Strict reading of a JOSE protected header in two steps. Before jose4j parses anything, {@link #checkSize} bounds
 * the size. jose4j's parser then refuses non-objects and duplicate member names; {@link #checkParsed} demands valid
 * UTF-8 (jose4j decodes leniently) and string-typed parameters (RFC 7515/7516) that are strings — a JSON
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

    /** Checks the size of an encoded header of {@code encodedLength} characters: non-empty, at most {@code maxBytes}. */
    static void checkSize(int encodedLength, int maxBytes) throws TokenRejectedException {
        if (encodedLength == 0 || Base64Url.decodedLength(encodedLength) > maxBytes) {
            throw new TokenRejectedException(Rejection.MALFORMED);
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
        if (json.indexOf('\uFFFD') >= 0) {
            // jose4j decodes UTF-8 leniently, turning invalid bytes into U+FFFD: such a header was not valid UTF-8
            // (a literal U+FFFD has no business in a JOSE header either)
            throw new TokenRejectedException(Rejection.MALFORMED);
        }
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

}
