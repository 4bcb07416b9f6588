package dev.gatehouse.cdi.inject;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.Claim;

/**
 * The deployment checks MP-JWT 2.1 asks of {@code @Claim} injection points: a claim name (value or standard, naming
 * the same claim when both are given), a type {@code @Claim} can inject, and no value read once into a bean that
 * outlives the request ({@code @ApplicationScoped}, {@code @Singleton} or a passivating scope such as
 * {@code @SessionScoped}; {@code ClaimValue}, {@code Provider} and {@code Instance} are fine there). A value read once
 * into a {@code @Dependent} bean or a non-contextual component is allowed with a warning, as the specification asks.
 */
public final class ClaimInjectionRules {

    private static final Logger LOG = Logger.getLogger(ClaimInjectionRules.class.getName());

    private static final String USABLE_TYPES = "use String, Long, long, Boolean, boolean, Set<String>, JsonValue, "
            + "JsonString, JsonNumber, JsonArray or JsonObject, plain or as Optional<...>, ClaimValue<...>, "
            + "Provider<...> or Instance<...>";

    private final Predicate<Class<? extends Annotation>> passivatingScope;

    /** @param passivatingScope whether a scope is passivating, usually {@code BeanManager::isPassivatingScope} */
    public ClaimInjectionRules(Predicate<Class<? extends Annotation>> passivatingScope) {
        this.passivatingScope = passivatingScope;
    }

    /** Whether {@code ip} is qualified {@code @Claim}, so these rules apply. */
    public static boolean isClaimInjection(InjectionPoint ip) {
        return ClaimName.qualifier(ip).isPresent();
    }

    /**
     * Every problem with {@code ip}, each as {@code "com.example.Orders#customer: what is wrong"}; empty when it can be
     * injected. Logs a warning for a value read once into a bean of another scope than {@code @RequestScoped}.
     */
    public List<String> problems(InjectionPoint ip) {
        List<String> problems = new ArrayList<>();
        Optional<Claim> claim = ClaimName.qualifier(ip);
        if (claim.isEmpty()) {
            return problems;
        }
        String where = describe(ip);
        ClaimName.problem(claim.get()).ifPresent(p -> problems.add(where + ": " + p));
        Optional<ClaimInjection> injection = ClaimInjection.of(ip.getType());
        if (injection.isEmpty()) {
            problems.add(where + ": @Claim cannot inject " + shortName(ip) + "; " + USABLE_TYPES);
        } else if (!injection.get().deferred()) {
            scopeProblem(ip, where).ifPresent(problems::add);
        }
        return problems;
    }

    private Optional<String> scopeProblem(InjectionPoint ip, String where) {
        Bean<?> bean = ip.getBean();
        Class<? extends Annotation> scope = bean == null ? null : bean.getScope();
        if (scope == RequestScoped.class) {
            return Optional.empty();
        }
        String type = shortName(ip);
        String instead = "inject ClaimValue<" + type + ">, Provider<" + type + "> or Instance<" + type + ">";
        if (scope == ApplicationScoped.class || scope == Singleton.class
                || scope != null && passivatingScope.test(scope)) {
            return Optional.of(where + ": @Claim " + type + " is read once, when the @" + scope.getSimpleName()
                    + " bean is created, and would serve every later caller; " + instead
                    + ", or make the bean @RequestScoped");
        }
        LOG.warning(where + ": @Claim " + type + " is read once, when the "
                + (scope == null ? "component" : "@" + scope.getSimpleName() + " bean")
                + " is created; if it lives longer than one request, " + instead);
        return Optional.empty();
    }

    /** {@code com.example.Orders#customer}, {@code com.example.Orders#setCustomer(parameter 0)}. */
    static String describe(InjectionPoint ip) {
        Member member = ip.getMember();
        if (member == null) {
            return String.valueOf(ip.getAnnotated());
        }
        String where = member.getDeclaringClass().getName() + "#"
                + (member instanceof Constructor<?> ? "<init>" : member.getName());
        if (ip.getAnnotated() instanceof AnnotatedParameter<?> parameter) {
            where += "(parameter " + parameter.getPosition() + ")";
        }
        return where;
    }

    /** The injection point's type without package names: {@code Optional<Set<String>>}. */
    private static String shortName(InjectionPoint ip) {
        return ip.getType().getTypeName().replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+", "");
    }
}
