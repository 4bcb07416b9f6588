package dev.gatehouse.cdi.inject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;

import org.eclipse.microprofile.jwt.ClaimValue;

/**
 * The shape of a {@code @Claim} injection point's type, for the forms MP-JWT 2.1 allows: a value type
 * ({@link ClaimType}), optionally in {@code Optional<>}, optionally in {@code ClaimValue<>}, optionally in
 * {@code Provider<>} or {@code Instance<>}. A raw {@code ClaimValue} holds the claim as {@code JsonWebToken.getClaim}
 * types it.
 *
 * @param type the value type; {@code null} for a raw {@code ClaimValue}
 * @param optional whether the value is wrapped in {@code Optional}
 * @param claimValue whether the injected object is a {@code ClaimValue}
 * @param deferred whether the claim is read when the application asks for it ({@code ClaimValue}, {@code Provider},
 *        {@code Instance}) rather than once, when the bean is created; only deferred forms suit beans that outlive
 *        a request
 */
record ClaimInjection(ClaimType type, boolean optional, boolean claimValue, boolean deferred) {

    /** How {@code type} is injected, or empty when {@code @Claim} cannot inject it. */
    static Optional<ClaimInjection> of(Type type) {
        if (type instanceof ParameterizedType p
                && (p.getRawType() == Provider.class || p.getRawType() == Instance.class)) {
            return direct(p.getActualTypeArguments()[0])
                    .map(i -> new ClaimInjection(i.type, i.optional, i.claimValue, true));
        }
        return direct(type);
    }

    /** Without {@code Provider} or {@code Instance}: the type a claim bean itself is asked for. */
    private static Optional<ClaimInjection> direct(Type type) {
        if (type == ClaimValue.class) {
            return Optional.of(new ClaimInjection(null, false, true, true));
        }
        if (type instanceof ParameterizedType p && p.getRawType() == ClaimValue.class) {
            return value(p.getActualTypeArguments()[0]).map(i -> new ClaimInjection(i.type, i.optional, true, true));
        }
        return value(type);
    }

    /** A value type, plain or in {@code Optional}. */
    private static Optional<ClaimInjection> value(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return ClaimType.of(p.getActualTypeArguments()[0]).map(t -> new ClaimInjection(t, true, false, false));
        }
        return ClaimType.of(type).map(t -> new ClaimInjection(t, false, false, false));
    }
}
