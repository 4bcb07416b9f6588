package dev.gatehouse.cdi.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;

import dev.gatehouse.cdi.security.SecurityAnnotations;
import dev.gatehouse.filter.authz.PathTemplate;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteContributor;

/**
 * Gives the filter the routes of each servlet: for the servlet of a JAX-RS application (named, as Jakarta REST
 * requires, after the {@code Application} subclass) its resource routes under the servlet's mappings, for any other
 * servlet the annotations of its class.
 */
final class AnnotationRouteContributor implements RouteContributor {

    private final Map<String, List<Route>> applicationRoutes;
    private final ClassLoader loader;

    /** @param applicationRoutes routes relative to the application root, by application servlet name */
    AnnotationRouteContributor(Map<String, List<Route>> applicationRoutes, ClassLoader loader) {
        this.applicationRoutes = Map.copyOf(applicationRoutes);
        this.loader = loader;
    }

    @Override
    public List<Route> routes(ServletRegistration servlet) {
        List<Route> relative = applicationRoutes.get(servlet.getName());
        if (relative != null) {
            return underMappings(relative, servlet);
        }
        Class<?> type = load(servlet.getClassName());
        if (type == null || !HttpServlet.class.isAssignableFrom(type)) {
            return List.of();
        }
        List<String> problems = SecurityAnnotations.problems(type);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return ServletRoutes.routes(type);
    }

    /** Each route once per path mapping of the servlet ({@code /api/*} puts {@code /orders} at {@code /api/orders}). */
    private static List<Route> underMappings(List<Route> relative, ServletRegistration servlet) {
        List<Route> routes = new ArrayList<>();
        for (String mapping : servlet.getMappings()) {
            if (!mapping.equals("/") && !mapping.endsWith("/*")) {
                continue; // exact or extension mappings of a JAX-RS servlet are unusual; the JAX-RS layer still checks
            }
            String prefix = mapping.equals("/") ? "" : mapping.substring(0, mapping.length() - 2);
            for (Route route : relative) {
                String template = PathTemplate.join(prefix, route.template().toString());
                PathTemplate full = route.method() == null ? PathTemplate.prefix(template) : PathTemplate.of(template);
                routes.add(new Route(route.method(), full, route.constraint(), route.element()));
            }
        }
        return routes;
    }

    private Class<?> load(String className) {
        if (className == null) {
            return null;
        }
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not the application's servlet class (a container-provided servlet, for one)
        }
    }
}
