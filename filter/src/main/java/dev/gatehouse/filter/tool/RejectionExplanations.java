package dev.gatehouse.filter.tool;

import java.util.EnumMap;
import java.util.Map;

import dev.gatehouse.filter.token.Rejection;

/**
 * One sentence per {@link Rejection} code for {@code inspect}'s operators: what failed and what to look at. Kept
 * here, beside the tool, rather than in the enum: clients of the filter only ever see the generic RFC 6750 text.
 */
final class RejectionExplanations {

    private static final Map<Rejection, String> TEXT = new EnumMap<>(Rejection.class);

    static {
        TEXT.put(Rejection.MISSING, "The request carried no access token.");
        TEXT.put(Rejection.MULTIPLE_TOKENS, "The request carried more than one access token, so which one counts is "
                + "ambiguous.");
        TEXT.put(Rejection.MALFORMED_HEADER, "The Authorization header or token cookie is not a well-formed Bearer "
                + "credential.");
        TEXT.put(Rejection.MALFORMED, "The token is not a well-formed compact JWE or JWS: wrong number of parts, "
                + "non-canonical base64url, a bad header, invalid JSON, or larger than gatehouse.jwt.max-token-size.");
        TEXT.put(Rejection.ENCRYPTION_REQUIRED, "The token is only signed (a bare JWS), but Gatehouse accepts only "
                + "encrypted tokens unless gatehouse.jwt.insecure-accept-signed-only is true.");
        TEXT.put(Rejection.WRONG_NESTING, "The token is not exactly one JWE with cty JWT around exactly one signed "
                + "JWS: the signature layer is missing, a layer is extra, or the content type is wrong.");
        TEXT.put(Rejection.ALG_NOT_ALLOWED, "An alg or enc header names an algorithm that no configured key is "
                + "pinned to (see mp.jwt.decrypt.key.algorithm, mp.jwt.verify.publickey.algorithm, "
                + "gatehouse.jwt.decrypt.content-algorithm and the keys' own alg).");
        TEXT.put(Rejection.UNSUPPORTED_HEADER, "A header uses a feature Gatehouse refuses: crit, or zip compression "
                + "while gatehouse.jwt.allow-compression is off.");
        TEXT.put(Rejection.UNKNOWN_KEY, "No configured key fits the header: none has its kid, or the key with that "
                + "kid is pinned to another alg, so the token was made for other keys.");
        TEXT.put(Rejection.DECRYPTION_FAILED, "The token could not be decrypted with the configured private key: it "
                + "was encrypted to another key or the ciphertext was altered.");
        TEXT.put(Rejection.BAD_SIGNATURE, "The inner signature does not verify with the configured public key: the "
                + "token was altered or signed with another key.");
        TEXT.put(Rejection.EXPIRED, "The exp claim is in the past, beyond the allowed clock skew "
                + "(mp.jwt.verify.clock.skew).");
        TEXT.put(Rejection.TOO_OLD, "The token was issued (iat) longer ago than mp.jwt.verify.token.age allows.");
        TEXT.put(Rejection.NOT_YET_VALID, "The nbf claim is in the future: the token is not valid yet.");
        TEXT.put(Rejection.ISSUED_IN_FUTURE, "The iat claim lies in the future beyond the clock skew; check the "
                + "issuer's clock.");
        TEXT.put(Rejection.LIFETIME_TOO_LONG, "The token lives longer (exp after iat, or after now) than "
                + "gatehouse.jwt.max-lifetime allows.");
        TEXT.put(Rejection.WRONG_ISSUER, "The iss claim is missing or differs from mp.jwt.verify.issuer, which is "
                + "compared exactly (case and trailing slash matter).");
        TEXT.put(Rejection.WRONG_AUDIENCE, "The aud claim is missing or names none of mp.jwt.verify.audiences.");
        TEXT.put(Rejection.WRONG_TYPE, "The typ header is not one the configured profile (gatehouse.jwt.profile) "
                + "accepts.");
        TEXT.put(Rejection.MISSING_CLAIM, "A required claim is absent: exp, iat, or one required by the profile or "
                + "gatehouse.jwt.required-claims.");
        TEXT.put(Rejection.MALFORMED_CLAIM, "A claim has the wrong JSON type, for example groups is not an array of "
                + "strings or sub is not a string.");
        TEXT.put(Rejection.NO_PRINCIPAL, "None of upn, preferred_username and sub is a non-empty string, so the "
                + "caller has no name.");
        TEXT.put(Rejection.FORBIDDEN_BY_RULE, "The token is valid, but its groups do not satisfy the access rule of "
                + "the requested path.");
    }

    private RejectionExplanations() {
    }

    /** The sentence for {@code rejection}; every code has one (a test checks). */
    static String explain(Rejection rejection) {
        return TEXT.getOrDefault(rejection, "No explanation is recorded for this code.");
    }

    /** Whether {@code rejection} has its own sentence. */
    static boolean explains(Rejection rejection) {
        return TEXT.containsKey(rejection);
    }
}
