package dev.gatehouse.filter.authz;

import java.util.List;

import jakarta.servlet.ServletRegistration;

/**
 * Source of annotated routes, installed as servlet context attribute {@link #CONTEXT_ATTRIBUTE} by a module that reads
 * annotations (gatehouse-cdi does, for JAX-RS resources and servlets). The filter asks it once, when it starts, for
 * every registered servlet, and builds its {@link RouteTable}.
 */
@FunctionalInterface
public interface RouteContributor {

    /** Servlet context attribute under which the contributor is found. */
    String CONTEXT_ATTRIBUTE = RouteContributor.class.getName();

    /**
     * The routes of one servlet, templates context-relative; empty when this contributor knows none.
     *
     * @throws IllegalStateException naming the class and member when an annotation cannot be enforced as written
     */
    List<Route> routes(ServletRegistration servlet);
}
