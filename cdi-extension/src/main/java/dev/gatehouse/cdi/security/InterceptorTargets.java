package dev.gatehouse.cdi.security;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.filter.authz.RouteConstraint;

/**
 * Where {@link SecurityInterceptor} is bound: on each method of a concrete bean class whose constraint demands a
 * caller. Interfaces (annotations there are ignored), abstract classes (not beans; their concrete subclasses are bound),
 * interceptors, decorators and EJB session beans (the EJB container checks their annotations against the server's own
 * identity, not Gatehouse's caller) are never bound.
 */
public final class InterceptorTargets {

    private static final Set<String> NOT_INTERCEPTED = Set.of(
            "jakarta.ejb.Stateless", "jakarta.ejb.Stateful", "jakarta.ejb.Singleton",
            "jakarta.interceptor.Interceptor", "jakarta.decorator.Decorator");

    private InterceptorTargets() {
    }

    /**
     * Why Gatehouse leaves {@code type}'s annotations alone, as a sentence for the log: an interface (interfaces never
     * contribute security annotations), an EJB session bean (the EJB container enforces them), an interceptor or a
     * decorator. Empty when Gatehouse checks the type.
     */
    public static Optional<String> whyIgnored(Class<?> type) {
        if (type.isInterface()) {
            return Optional.of(type.getName() + ": security annotations on an interface are ignored"
                    + " (Jakarta Annotations), so they protect no CDI bean; annotate the implementing bean class");
        }
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            String name = annotation.annotationType().getName();
            if (NOT_INTERCEPTED.contains(name)) {
                return Optional.of(type.getName() + ": Gatehouse does not enforce its security annotations because it"
                        + " is an @" + annotation.annotationType().getSimpleName()
                        + (name.startsWith("jakarta.ejb.") ? "; the EJB container enforces them, against the server's"
                                + " own identity, not the Gatehouse caller" : ""));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a bean of class {@code beanClass} needs the interceptor on {@code method}: a method the interceptor can
     * see (not private, static or final) whose constraint ({@link SecurityAnnotations#effective}) demands a caller.
     * Methods without a constraint or with {@code @PermitAll} are left alone, so they cost nothing and may be final.
     */
    public static boolean needsInterceptor(Method method, Class<?> beanClass) {
        int modifiers = method.getModifiers();
        return !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
                && demandsCaller(method, beanClass);
    }

    /**
     * Errors for a concrete bean class whose constraints the interceptor cannot enforce, so that the method would run
     * unchecked: a final class, or a final method, that demands a caller. Each message names the element.
     */
    public static List<String> unenforceable(Class<?> beanClass) {
        List<String> problems = new ArrayList<>();
        List<Method> finalMethods = new ArrayList<>();
        for (Class<?> c : hierarchy(beanClass)) {
            for (Method method : SecurityAnnotations.declaredMethods(c)) {
                int modifiers = method.getModifiers();
                if (!Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers)
                        && SecurityAnnotations.implementation(method, beanClass).equals(method)
                        && demandsCaller(method, beanClass)
                        && (Modifier.isFinal(modifiers) || Modifier.isFinal(beanClass.getModifiers()))) {
                    finalMethods.add(method);
                }
            }
        }
        if (Modifier.isFinal(beanClass.getModifiers()) && !finalMethods.isEmpty()) {
            problems.add(beanClass.getName() + ": a final class cannot be intercepted, so the security annotations"
                    + " of its methods would not be enforced on CDI calls; remove final");
        } else {
            finalMethods.forEach(method -> problems.add(SecurityAnnotations.element(beanClass, method)
                    + ": a final method cannot be intercepted, so its "
                    + SecurityAnnotations.effective(method, beanClass).orElseThrow()
                    + " would not be enforced on CDI calls; remove final"));
        }
        return problems;
    }

    /** Whether {@code type} is abstract (and not an interface): not a bean itself, so never bound. */
    public static boolean isAbstract(Class<?> type) {
        return !type.isInterface() && Modifier.isAbstract(type.getModifiers());
    }

    /** The classes whose annotations apply to {@code type}'s methods: itself and its application superclasses. */
    public static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        return classes;
    }

    private static boolean demandsCaller(Method method, Class<?> beanClass) {
        return SecurityAnnotations.effective(method, beanClass).filter(RouteConstraint::needsCaller).isPresent();
    }
}
