package dev.gatehouse.cdi.security;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.RoleMap;

/**
 * Compares the roles that {@code @RolesAllowed} names with a {@link RoleMap}: with a map, a caller has only the roles
 * it maps to, so a role no group maps to can never be satisfied and is most likely a typo.
 */
public final class RoleCoverage {

    private RoleCoverage() {
    }

    /**
     * One message per role on {@code type} or one of its declared methods that {@code roleMap} cannot produce, naming
     * the element and the role; {@value RouteConstraint#ANY_AUTHENTICATED} is never reported. Empty without a map.
     */
    public static List<String> unproducibleRoles(Class<?> type, RoleMap roleMap) {
        List<String> messages = new ArrayList<>();
        if (!roleMap.isEnabled()) {
            return messages;
        }
        check(type, type.getName(), roleMap, messages);
        for (Method method : SecurityAnnotations.declaredMethods(type)) {
            check(method, SecurityAnnotations.element(method), roleMap, messages);
        }
        return messages;
    }

    private static void check(AnnotatedElement element, String name, RoleMap roleMap, List<String> messages) {
        SecurityAnnotations.ofElement(element).map(RouteConstraint::roles).orElse(java.util.Set.of()).stream()
                .filter(role -> !RouteConstraint.ANY_AUTHENTICATED.equals(role) && !roleMap.canProduce(role))
                .sorted()
                .forEach(role -> messages.add(name + ": @RolesAllowed role '" + role + "' is not produced by "
                        + ConfigKeys.ROLE_MAP + " (no group maps to it), so no caller can ever have it"));
    }
}
