package dev.gatehouse.cdi.inject;

import java.io.Serializable;
import java.util.Optional;

import org.eclipse.microprofile.jwt.ClaimValue;

/**
 * A {@link ClaimValue} that reads the claim from the caller of the current request each time {@link #getValue()} is
 * called, so it may live in a bean of any scope. Without a caller, or when the claim is absent or does not fit the
 * type, the value is {@code null} ({@code Optional.empty()} for {@code ClaimValue<Optional<T>>}).
 * {@link #toString()} shows the name, never the value.
 */
final class CallerClaimValue<T> implements ClaimValue<T>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final ClaimType type;
    private final boolean optional;

    /**
     * @param type the value type, or {@code null} for the claim as {@code JsonWebToken.getClaim} types it
     * @param optional whether {@link #getValue()} wraps the value in {@code Optional}
     */
    CallerClaimValue(String name, ClaimType type, boolean optional) {
        this.name = name;
        this.type = type;
        this.optional = optional;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
        ClaimSource claims = ClaimSource.current();
        Object value = type == null ? CallerJsonWebToken.typed(claims, name) : ClaimProducer.read(claims, name, type);
        return (T) (optional ? Optional.ofNullable(value) : value);
    }

    @Override
    public String toString() {
        return "ClaimValue[" + name + "]";
    }
}
