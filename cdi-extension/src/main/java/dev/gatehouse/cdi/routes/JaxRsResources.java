package dev.gatehouse.cdi.routes;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import dev.gatehouse.cdi.security.SecurityAnnotations;
import dev.gatehouse.filter.authz.PathTemplate;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteConstraint;

/**
 * The routes of JAX-RS resource classes, templates relative to the application's root: one per resource method
 * (method annotation beats class annotation; no annotation gives a route the configured rules decide), one prefix route
 * per sub-resource locator, and the methods of a locator's concrete return type below it (their own or their class's
 * annotation, else the locator's).
 */
final class JaxRsResources {

    /** Deepest chain of sub-resource locators followed. */
    private static final int MAX_LOCATOR_DEPTH = 8;

    private JaxRsResources() {
    }

    /** Whether {@code type} is a root resource class. */
    static boolean isRootResource(Class<?> type) {
        return type.isAnnotationPresent(Path.class) && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers());
    }

    /** The routes of root resource {@code type}, relative to the application root. */
    static List<Route> routes(Class<?> type) {
        List<Route> routes = new ArrayList<>();
        collect(type, type.getAnnotation(Path.class).value(), null, routes, new HashSet<>(), 0);
        return routes;
    }

    private static void collect(Class<?> type, String base, RouteConstraint inherited, List<Route> routes,
            Set<Class<?>> visiting, int depth) {
        if (!visiting.add(type)) {
            return;
        }
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            Method annotated = jaxrsAnnotated(method);
            if (annotated == null) {
                continue;
            }
            Path path = annotated.getAnnotation(Path.class);
            String template = PathTemplate.join(base, path == null ? "" : path.value());
            String httpMethod = httpMethod(annotated);
            String element = type.getName() + "#" + method.getName();
            RouteConstraint constraint = SecurityAnnotations.effective(method, type).orElse(inherited);
            if (httpMethod != null) {
                routes.add(new Route(httpMethod, PathTemplate.of(template), constraint, element));
            } else if (path != null) {
                routes.add(new Route(null, PathTemplate.prefix(template), constraint, element));
                Class<?> subResource = method.getReturnType();
                if (depth < MAX_LOCATOR_DEPTH && !subResource.isInterface()
                        && !Modifier.isAbstract(subResource.getModifiers()) && subResource != Object.class
                        && !subResource.getName().startsWith("java.")) {
                    collect(subResource, template, constraint, routes, visiting, depth + 1);
                }
            }
        }
        visiting.remove(type);
    }

    /**
     * The method that carries the JAX-RS annotations of {@code method}: itself, or the method it overrides or
     * implements when it has none of its own (Jakarta REST 3.1 §3.6); {@code null} when neither has any.
     */
    static Method jaxrsAnnotated(Method method) {
        if (hasJaxRsAnnotation(method)) {
            return method;
        }
        for (Class<?> type = method.getDeclaringClass(); type != null && type != Object.class;
                type = type.getSuperclass()) {
            Method found = declared(type, method);
            if (found != null && hasJaxRsAnnotation(found)) {
                return found;
            }
            for (Class<?> contract : type.getInterfaces()) {
                Method inInterface = declared(contract, method);
                if (inInterface != null && hasJaxRsAnnotation(inInterface)) {
                    return inInterface;
                }
            }
        }
        return null;
    }

    private static Method declared(Class<?> type, Method method) {
        try {
            return type.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean hasJaxRsAnnotation(Method method) {
        return method.isAnnotationPresent(Path.class) || httpMethod(method) != null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }
}
