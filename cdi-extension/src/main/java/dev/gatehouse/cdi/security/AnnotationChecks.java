package dev.gatehouse.cdi.security;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.gatehouse.filter.authz.RouteConstraint;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/** The individual checks behind {@link SecurityAnnotations#problems} and {@link SecurityAnnotations#warnings}. */
final class AnnotationChecks {

    private static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(PermitAll.class, DenyAll.class, RolesAllowed.class);

    private AnnotationChecks() {
    }

    /** Errors on one element: conflicting annotations, {@code @RolesAllowed({})}, a blank role name. */
    static void checkElement(AnnotatedElement element, String name, List<String> problems) {
        List<String> present = ANNOTATIONS.stream()
                .filter(a -> element.getDeclaredAnnotation(a) != null)
                .map(a -> "@" + a.getSimpleName())
                .toList();
        if (present.size() > 1) {
            problems.add(name + ": " + String.join(" and ", present)
                    + " conflict; Jakarta Annotations allows only one of them on a class or method");
        }
        RolesAllowed rolesAllowed = element.getDeclaredAnnotation(RolesAllowed.class);
        if (rolesAllowed == null) {
            return;
        }
        if (rolesAllowed.value().length == 0) {
            problems.add(name + ": @RolesAllowed({}) names no role and so admits nobody; write @DenyAll to mean that");
        } else if (Stream.of(rolesAllowed.value()).anyMatch(String::isBlank)) {
            problems.add(name + ": @RolesAllowed has a blank role name");
        }
    }

    /** Warns about an annotated private or static method: no interceptor ever sees calls to it. */
    static void checkReachable(Method method, List<String> warnings) {
        Optional<RouteConstraint> constraint = SecurityAnnotations.ofElement(method);
        if (constraint.isEmpty()) {
            return;
        }
        int modifiers = method.getModifiers();
        String kind = Modifier.isPrivate(modifiers) ? "private" : Modifier.isStatic(modifiers) ? "static" : null;
        if (kind != null) {
            warnings.add(SecurityAnnotations.element(method) + ": " + constraint.get() + " on a " + kind
                    + " method is never enforced: only calls of non-private instance methods through the bean reach"
                    + " an interceptor");
        }
    }

    /** Warns about an unannotated override (in an unannotated class) of a method that demands a caller. */
    static void checkOverride(Method method, Class<?> type, List<String> warnings) {
        Class<?> superclass = type.getSuperclass();
        if (superclass == null || !overridable(method) || SecurityAnnotations.effective(method, type).isPresent()) {
            return;
        }
        Method overridden = SecurityAnnotations.implementation(method, superclass);
        if (overridden.equals(method) || !overridable(overridden)) {
            return;
        }
        SecurityAnnotations.effective(overridden, superclass).filter(RouteConstraint::needsCaller)
                .ifPresent(lost -> warnings.add(SecurityAnnotations.element(method) + ": overrides "
                        + SecurityAnnotations.element(overridden) + " but not its " + lost
                        + "; an overriding method inherits no security annotation, so this one runs unchecked:"
                        + " annotate it"));
    }

    /**
     * Warns, for a class whose class-level annotation demands a caller, about each public method it inherits from an
     * application superclass or interface (a default method) without any annotation applying: the class-level
     * annotation does not reach it. Abstract methods (a subclass declares them) and methods of platform classes
     * ({@code java.*}, {@code jakarta.*}) are left out.
     */
    static void checkInherited(Class<?> type, List<String> warnings) {
        Optional<RouteConstraint> classLevel = SecurityAnnotations.ofElement(type).filter(RouteConstraint::needsCaller);
        if (classLevel.isEmpty()) {
            return;
        }
        for (Method method : type.getMethods()) {
            Class<?> declaring = method.getDeclaringClass();
            int modifiers = method.getModifiers();
            if (declaring == type || platform(declaring) || method.isSynthetic() || Modifier.isStatic(modifiers)
                    || Modifier.isAbstract(modifiers)
                    || SecurityAnnotations.effective(method, type).isPresent()) {
                continue;
            }
            warnings.add(SecurityAnnotations.element(type, method) + ": inherited from " + declaring.getName()
                    + ", which gives it no security annotation; the class-level " + classLevel.get() + " of "
                    + type.getSimpleName() + " applies only to methods it declares, so this one runs unchecked:"
                    + " override it or annotate " + declaring.getSimpleName());
        }
    }

    private static boolean overridable(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers);
    }

    private static boolean platform(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.");
    }
}
