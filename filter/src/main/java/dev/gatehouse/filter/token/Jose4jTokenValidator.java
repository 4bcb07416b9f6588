package dev.gatehouse.filter.token;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.AudValidator;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.IssValidator;
import org.jose4j.jwt.consumer.JtiValidator;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.NumericDateValidator;
import org.jose4j.jwt.consumer.SubValidator;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.DecryptionKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.config.ClaimSettings;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.JoseSettings;
import dev.gatehouse.filter.keys.KeySource;
import dev.gatehouse.filter.keys.KeySources;
import dev.gatehouse.filter.keys.PinnedKeyResolver;

/**
 * The token validator: strict structure checks ({@link StructureCheck}), then one jose4j {@link JwtConsumer}, built
 * once and shared by all requests, that decrypts exactly one JWE, verifies exactly one nested JWS with pinned keys and
 * checks {@code exp}, {@code nbf}, {@code iss} and {@code aud}; then {@link ClaimChecks}. Thread-safe.
 */
public final class Jose4jTokenValidator implements TokenValidator {

    private static final Logger LOG = Logger.getLogger(Jose4jTokenValidator.class.getName());

    private final StructureCheck structure;
    private final JwtConsumer consumer;
    private final ClaimChecks claimChecks;
    private final boolean acceptSignedOnly;

    /**
     * @param keyManagementAlgorithms every {@code alg} some decryption key may use (each key is further pinned)
     * @param signatureAlgorithms every {@code alg} some verification key may use
     */
    public Jose4jTokenValidator(ClaimSettings claims, JoseSettings jose, Set<String> keyManagementAlgorithms,
            Set<String> signatureAlgorithms, KeySource decryptionKeys, KeySource verificationKeys, Clock clock) {
        this.structure = new StructureCheck(jose, keyManagementAlgorithms, signatureAlgorithms, claims.profile());
        this.claimChecks = new ClaimChecks(claims, clock);
        this.acceptSignedOnly = jose.acceptSignedOnly();
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                // jose4j's default claim validators, but with dates read from the validator's clock (jose4j's own
                // read the system clock), so every time check of a validation sees the same time
                .setSkipAllDefaultValidators()
                // a HashSet as jose4j's builder makes: an immutable set would throw on an "aud" of [null]
                .registerValidator(new AudValidator(new HashSet<>(claims.audiences()), true))
                .registerValidator(new IssValidator(claims.issuer(), true))
                .registerValidator(datesAt(clock, Math.toIntExact(claims.clockSkew().toSeconds())))
                .registerValidator(new SubValidator(false))
                .registerValidator(new JtiValidator(false))
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, signatureAlgorithms.toArray(String[]::new))
                .setJweAlgorithmConstraints(ConstraintType.PERMIT, keyManagementAlgorithms.toArray(String[]::new))
                .setJweContentEncryptionAlgorithmConstraints(ConstraintType.PERMIT,
                        jose.contentAlgorithms().toArray(String[]::new))
                .setDecryptionKeyResolver(checkedEncryption(new PinnedKeyResolver(decryptionKeys)))
                .setVerificationKeyResolver(checkedSignature(new PinnedKeyResolver(verificationKeys)));
        if (!jose.acceptSignedOnly()) {
            builder.setEnableRequireEncryption();
        }
        this.consumer = builder.build();
    }

    /**
     * The validator for validated settings, as the filter builds it: keys loaded (local ones now, https ones fetched
     * and refreshed by their source), the jose4j consumer built once, and accepted tokens remembered by a
     * {@link CachingTokenValidator} unless {@link dev.gatehouse.filter.config.ConfigKeys#TOKEN_CACHE_SIZE} is 0.
     *
     * @param loader resolves {@code classpath:} key locations
     * @throws dev.gatehouse.filter.config.ConfigException naming the property whose key cannot be used
     */
    public static TokenValidator create(FilterSettings settings, ClassLoader loader, Clock clock) {
        KeySources keys = KeySources.create(settings.keys(), settings.jose().contentAlgorithms(), loader, clock);
        Jose4jTokenValidator validator = new Jose4jTokenValidator(settings.claims(), settings.jose(),
                keys.keyManagementAlgorithms(), settings.keys().signatureAlgorithms(), keys.decryption(),
                keys.verification(), clock);
        if (settings.jose().cacheSize() == 0) {
            return validator;
        }
        return new CachingTokenValidator(validator, settings.claims(), settings.jose(), keys.decryption(),
                keys.verification(), clock);
    }

    @Override
    public ValidatedToken validate(String token) throws TokenRejectedException {
        try {
            structure.outer(token);
            JwtContext context;
            try {
                context = consumer.process(token);
            } catch (InvalidJwtException e) {
                throw Jose4jErrors.translate(e);
            }
            checkLayers(context.getJoseObjects());
            return claimChecks.identity(context.getJwtClaims(), token);
        } catch (TokenRejectedException e) {
            if (LOG.isLoggable(Level.FINE)) {
                // Never jose4j's text, at any level: it quotes claims and even the decrypted inner JWS. Its error
                // codes and the exception class say what went wrong.
                LOG.log(Level.FINE, "Token rejected: " + e.rejection() + causeSummary(e.getCause()));
            }
            throw e;
        }
    }

    /**
     * jose4j's {@code exp}, {@code nbf} and {@code iat} checks ({@link NumericDateValidator}: {@code exp} and
     * {@code iat} required, rejected when {@code now - skew >= exp} or {@code now + skew < nbf}), evaluated at
     * {@code clock}'s time instead of the system's.
     */
    private static ErrorCodeValidator datesAt(Clock clock, int skewSeconds) {
        return context -> {
            NumericDateValidator dates = new NumericDateValidator();
            dates.setRequireExp(true);
            dates.setRequireIat(true);
            dates.setAllowedClockSkewSeconds(skewSeconds);
            dates.setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()));
            return dates.validate(context);
        };
    }

    private static String causeSummary(Throwable cause) {
        if (cause == null) {
            return "";
        }
        if (cause instanceof InvalidJwtException invalid) {
            return " (jose4j error codes " + invalid.getErrorDetails().stream().map(d -> d.getErrorCode()).toList() + ")";
        }
        return " (" + cause.getClass().getName() + ")";
    }

    /** Exactly [JWS, JWE] from the inside out, or a lone JWS in signed-only mode. */
    private void checkLayers(List<JsonWebStructure> layers) throws TokenRejectedException {
        boolean nested = layers.size() == 2 && layers.get(0) instanceof JsonWebSignature
                && layers.get(1) instanceof JsonWebEncryption;
        boolean signedOnly = acceptSignedOnly && layers.size() == 1 && layers.get(0) instanceof JsonWebSignature;
        if (!nested && !signedOnly) {
            throw new TokenRejectedException(Rejection.WRONG_NESTING);
        }
    }

    /**
     * jose4j parses a layer, then asks for its key, then decrypts or verifies. The layer's checks run here, when the
     * key is asked for: a refused header costs no key lookup, no refetch and no cryptography.
     */
    private DecryptionKeyResolver checkedEncryption(DecryptionKeyResolver resolver) {
        return (jwe, outer) -> {
            try {
                if (!outer.isEmpty()) {
                    throw new TokenRejectedException(Rejection.WRONG_NESTING); // a JWE inside another layer
                }
                if (jwe.getKey() == null) {
                    // jose4j asks twice: before decrypting, and again (key already set) to confirm the key
                    structure.encryptionHeader(jwe);
                }
            } catch (TokenRejectedException e) {
                throw new Jose4jErrors.LayerRejected(e);
            }
            return resolver.resolveKey(jwe, outer);
        };
    }

    private VerificationKeyResolver checkedSignature(VerificationKeyResolver resolver) {
        return (jws, outer) -> {
            try {
                if (outer.size() == 1 && outer.get(0) instanceof JsonWebEncryption jwe) {
                    structure.signedCompact(jwe.getPlaintextBytes());
                } else if (!(outer.isEmpty() && acceptSignedOnly)) {
                    throw new TokenRejectedException(Rejection.WRONG_NESTING);
                }
                structure.signatureHeader(jws);
            } catch (TokenRejectedException e) {
                throw new Jose4jErrors.LayerRejected(e);
            } catch (JoseException e) {
                throw new Jose4jErrors.LayerRejected(new TokenRejectedException(Rejection.DECRYPTION_FAILED, e));
            }
            return resolver.resolveKey(jws, outer);
        };
    }
}
