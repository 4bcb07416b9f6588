package dev.gatehouse.cdi.routes;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;

import dev.gatehouse.cdi.security.SecurityAnnotations;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteConstraint;

/**
 * The routes of an annotated servlet: the class annotation for every HTTP method, and a {@code doGet},
 * {@code doPost}, ... annotation for its method ({@code doGet}'s also for HEAD), which beats the class's.
 */
final class ServletRoutes {

    private static final Map<String, String> HANDLERS = Map.of("doGet", "GET", "doPost", "POST", "doPut", "PUT",
            "doDelete", "DELETE", "doOptions", "OPTIONS", "doTrace", "TRACE", "doPatch", "PATCH");

    private ServletRoutes() {
    }

    /** The routes of {@code servlet}; empty when neither the class nor a handler method is annotated. */
    static List<Route> routes(Class<?> servlet) {
        List<Route> routes = new ArrayList<>();
        Optional<RouteConstraint> classLevel = classConstraint(servlet);
        classLevel.ifPresent(c -> routes.add(new Route(null, null, c, servlet.getName())));
        for (Class<?> type = servlet; type != null && type != HttpServlet.class && type != Object.class;
                type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = HANDLERS.get(method.getName());
                if (httpMethod == null || method.getParameterCount() != 2 || overridden(servlet, type, method)) {
                    continue;
                }
                Optional<RouteConstraint> own = SecurityAnnotations.ofElement(method);
                if (own.isPresent()) {
                    routes.add(new Route(httpMethod, null, own.get(), servlet.getName() + "#" + method.getName()));
                }
            }
        }
        return routes;
    }

    /** The class-level annotation of the servlet or, failing that, of its nearest annotated superclass. */
    private static Optional<RouteConstraint> classConstraint(Class<?> servlet) {
        for (Class<?> type = servlet; type != null && type != HttpServlet.class; type = type.getSuperclass()) {
            Optional<RouteConstraint> constraint = SecurityAnnotations.ofElement(type);
            if (constraint.isPresent()) {
                return constraint;
            }
        }
        return Optional.empty();
    }

    /** Whether a subclass of {@code declaring} (up to {@code servlet}) overrides {@code method}. */
    private static boolean overridden(Class<?> servlet, Class<?> declaring, Method method) {
        for (Class<?> type = servlet; type != declaring; type = type.getSuperclass()) {
            try {
                type.getDeclaredMethod(method.getName(), method.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                // not in this class
            }
        }
        return false;
    }
}
