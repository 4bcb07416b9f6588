package dev.gatehouse.cdi.inject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.jwt.ClaimLiteral;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.gatehouse.filter.web.CurrentCaller;

/**
 * The beans behind {@code @Inject JsonWebToken} and {@code @Inject @Claim}, added as synthetic beans so they exist
 * whatever the application's bean discovery mode (no {@code beans.xml}, {@code annotated}, {@code all}).
 *
 * <p>Every bean is an enabled alternative with priority {@link #PRIORITY}. A server's own MP-JWT beans are either
 * plain beans (Payara) or alternatives with a low priority (SmallRye on WildFly: {@code @Priority(1)}); CDI picks the
 * alternative with the highest priority, so Gatehouse's beans win instead of making {@code JsonWebToken} ambiguous
 * (WELD-001409).
 */
public final class TokenBeans {

    /**
     * Priority of Gatehouse's alternatives: {@code Interceptor.Priority.LIBRARY_AFTER + 500} (3500). An application
     * replaces a Gatehouse bean only with an alternative of a higher priority.
     */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_AFTER + 500;

    private TokenBeans() {
    }

    /**
     * Adds the request-scoped {@code JsonWebToken} (the caller when the request first uses it, see
     * {@link CallerJsonWebToken}) and the {@code @Dependent @Claim} beans: plain values, {@code Optional} values and
     * {@code ClaimValue}s of every {@link ClaimType} ({@code Provider} and {@code Instance} are CDI's built-in beans
     * looking these up).
     */
    public static void addTo(AfterBeanDiscovery abd) {
        abd.addBean()
                .beanClass(TokenBeans.class)
                .id(TokenBeans.class.getName() + ".JsonWebToken")
                .types(JsonWebToken.class, Object.class)
                .scope(RequestScoped.class)
                .alternative(true)
                .priority(PRIORITY)
                .createWith(context -> CallerJsonWebToken.of(CurrentCaller.token()));
        addClaimBean(abd, "values", types(Function.identity()));
        addClaimBean(abd, "optionals", types(t -> parameterized(Optional.class, t)));
        Set<Type> claimValues = types(t -> parameterized(ClaimValue.class, t));
        claimValues.addAll(types(t -> parameterized(ClaimValue.class, parameterized(Optional.class, t))));
        claimValues.add(ClaimValue.class); // CDI matches a raw required type only to a raw (or <Object>) bean type
        addClaimBean(abd, "claimValues", claimValues);
    }

    private static void addClaimBean(AfterBeanDiscovery abd, String kind, Set<Type> types) {
        abd.addBean()
                .beanClass(TokenBeans.class)
                .id(TokenBeans.class.getName() + ".Claim." + kind)
                .types(types)
                .qualifiers(new ClaimLiteral(), Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .alternative(true)
                .priority(PRIORITY)
                .produceWith(lookup -> ClaimProducer.produce(lookup.select(InjectionPoint.class).get()));
    }

    private static Set<Type> types(Function<Type, Type> wrap) {
        Set<Type> types = new LinkedHashSet<>();
        for (ClaimType type : ClaimType.values()) {
            types.add(wrap.apply(type.javaType()));
        }
        return types;
    }

    private static ParameterizedType parameterized(Class<?> raw, Type argument) {
        return new Parameterized(raw, argument);
    }

    /** {@code raw<argument>}; equals and hash code as the JDK's own {@link ParameterizedType}s. */
    private record Parameterized(Class<?> raw, Type argument) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType()) && p.getOwnerType() == null
                    && Arrays.equals(getActualTypeArguments(), p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getName() + "<" + argument.getTypeName() + ">";
        }
    }
}
