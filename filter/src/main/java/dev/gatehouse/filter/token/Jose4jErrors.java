package dev.gatehouse.filter.token;

import java.util.Map;

import javax.crypto.BadPaddingException;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.IntegrityException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import dev.gatehouse.filter.keys.KeysUnavailableException;

/** Maps jose4j's error codes and causes onto {@link Rejection}s: one table, no exception text involved. */
final class Jose4jErrors {

    /** Most specific first: a token that is expired and also for another audience reports the audience. */
    private static final Map<Integer, Rejection> BY_CODE = new java.util.LinkedHashMap<>();

    static {
        BY_CODE.put(ErrorCodes.SIGNATURE_INVALID, Rejection.BAD_SIGNATURE);
        BY_CODE.put(ErrorCodes.SIGNATURE_MISSING, Rejection.WRONG_NESTING);
        BY_CODE.put(ErrorCodes.ENCRYPTION_MISSING, Rejection.ENCRYPTION_REQUIRED);
        BY_CODE.put(ErrorCodes.INTEGRITY_MISSING, Rejection.WRONG_NESTING);
        BY_CODE.put(ErrorCodes.JSON_INVALID, Rejection.MALFORMED);
        BY_CODE.put(ErrorCodes.MALFORMED_CLAIM, Rejection.MALFORMED_CLAIM);
        BY_CODE.put(ErrorCodes.ISSUER_MISSING, Rejection.WRONG_ISSUER);
        BY_CODE.put(ErrorCodes.ISSUER_INVALID, Rejection.WRONG_ISSUER);
        BY_CODE.put(ErrorCodes.AUDIENCE_MISSING, Rejection.WRONG_AUDIENCE);
        BY_CODE.put(ErrorCodes.AUDIENCE_INVALID, Rejection.WRONG_AUDIENCE);
        BY_CODE.put(ErrorCodes.TYPE_MISSING, Rejection.WRONG_TYPE);
        BY_CODE.put(ErrorCodes.TYPE_INVALID, Rejection.WRONG_TYPE);
        BY_CODE.put(ErrorCodes.EXPIRATION_MISSING, Rejection.MISSING_CLAIM);
        BY_CODE.put(ErrorCodes.ISSUED_AT_MISSING, Rejection.MISSING_CLAIM);
        BY_CODE.put(ErrorCodes.SUBJECT_MISSING, Rejection.MISSING_CLAIM);
        BY_CODE.put(ErrorCodes.JWT_ID_MISSING, Rejection.MISSING_CLAIM);
        BY_CODE.put(ErrorCodes.NOT_YET_VALID, Rejection.NOT_YET_VALID);
        BY_CODE.put(ErrorCodes.ISSUED_AT_INVALID_FUTURE, Rejection.ISSUED_IN_FUTURE);
        BY_CODE.put(ErrorCodes.ISSUED_AT_INVALID_PAST, Rejection.TOO_OLD);
        BY_CODE.put(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE, Rejection.LIFETIME_TOO_LONG);
        BY_CODE.put(ErrorCodes.EXPIRED, Rejection.EXPIRED);
    }

    private Jose4jErrors() {
    }

    /**
     * The rejection for {@code e}.
     *
     * @throws KeysUnavailableException when the failure was ours (keys unavailable), not the token's
     */
    static TokenRejectedException translate(InvalidJwtException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof LayerRejected layer) {
                return layer.rejection();
            }
            if (cause instanceof KeysUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof UnresolvableKeyException) {
                return new TokenRejectedException(Rejection.UNKNOWN_KEY, e);
            }
            if (cause instanceof InvalidAlgorithmException) {
                return new TokenRejectedException(Rejection.ALG_NOT_ALLOWED, e);
            }
            if (cause instanceof IntegrityException || cause instanceof BadPaddingException
                    || cause instanceof java.security.InvalidKeyException) {
                // jose4j reports a CBC-HMAC failure as IntegrityException, an AES-GCM tag mismatch as the JCA's
                // AEADBadTagException, an ECDH epk off our curve as InvalidKeyException: all a failed decryption
                return new TokenRejectedException(Rejection.DECRYPTION_FAILED, e);
            }
        }
        for (Map.Entry<Integer, Rejection> entry : BY_CODE.entrySet()) {
            if (e.hasErrorCode(entry.getKey())) {
                return new TokenRejectedException(entry.getValue(), e);
            }
        }
        return new TokenRejectedException(Rejection.MALFORMED, e);
    }

    /** Carries a rejection out of a jose4j customizer, which may only throw unchecked exceptions. */
    static final class LayerRejected extends RuntimeException {
        private final transient TokenRejectedException rejection;

        LayerRejected(TokenRejectedException rejection) {
            super(rejection.rejection().name(), null, false, false);
            this.rejection = rejection;
        }

        TokenRejectedException rejection() {
            return rejection;
        }
    }
}
