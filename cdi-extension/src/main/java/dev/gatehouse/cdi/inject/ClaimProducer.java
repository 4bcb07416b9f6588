package dev.gatehouse.cdi.inject;

import java.lang.reflect.Type;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.InjectionPoint;

import org.eclipse.microprofile.jwt.Claim;

/**
 * Produces the object for one {@code @Claim} injection point, from its type and qualifier, reading the claim from the
 * caller of the request on this thread. Never throws for a missing claim: absent, JSON {@code null} (except for
 * {@code JsonValue}) and values of another JSON type inject as {@code null}, {@code Optional.empty()}, or {@code 0} /
 * {@code false} for {@code long} / {@code boolean}.
 */
final class ClaimProducer {

    private static final Logger LOG = Logger.getLogger(ClaimProducer.class.getName());

    private ClaimProducer() {
    }

    /**
     * The value for {@code ip}.
     *
     * @throws IllegalArgumentException when the qualifier or type is unusable; the extension refuses such injection
     *         points at deployment, so only a programmatic {@code Instance.select} with a bad literal gets here
     */
    static Object produce(InjectionPoint ip) {
        Claim claim = ClaimName.qualifier(ip).orElseThrow(() -> new IllegalArgumentException("no @Claim qualifier"));
        String name = ClaimName.of(claim);
        Type type = ip.getType();
        ClaimInjection injection = ClaimInjection.of(type)
                .orElseThrow(() -> new IllegalArgumentException("@Claim cannot inject " + type.getTypeName()));
        if (injection.claimValue()) {
            return new CallerClaimValue<>(name, injection.type(), injection.optional());
        }
        Object value = read(ClaimSource.current(), name, injection.type());
        if (injection.optional()) {
            return Optional.ofNullable(value);
        }
        if (value == null && type == long.class) {
            return 0L;
        }
        if (value == null && type == boolean.class) {
            return Boolean.FALSE;
        }
        return value;
    }

    /** Claim {@code name} as {@code type}, or {@code null} when absent or of another JSON type. */
    static Object read(ClaimSource claims, String name, ClaimType type) {
        if (!claims.has(name)) {
            return null;
        }
        Object value = type.convert(claims.raw(name));
        if (value == null && LOG.isLoggable(Level.FINE)) {
            LOG.fine("Claim " + name + " does not fit " + type + "; injected as absent");
        }
        return value;
    }
}
