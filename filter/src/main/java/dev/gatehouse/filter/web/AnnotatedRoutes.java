package dev.gatehouse.filter.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteContributor;
import dev.gatehouse.filter.authz.RouteTable;

/** Builds the filter's {@link RouteTable} from the {@link RouteContributor} a module installed, if any. */
final class AnnotatedRoutes {

    private static final Logger LOG = Logger.getLogger(AnnotatedRoutes.class.getName());
    private static final int MAX_CAUSES = 16;

    private AnnotatedRoutes() {
    }

    /**
     * The routes of every servlet registered in {@code context} (called when the filter starts, after all
     * initializers have registered their servlets).
     *
     * @throws ServletException naming the element when an annotation cannot be enforced as written
     */
    static RouteTable of(ServletContext context) throws ServletException {
        if (!(context.getAttribute(RouteContributor.CONTEXT_ATTRIBUTE) instanceof RouteContributor contributor)) {
            return RouteTable.EMPTY;
        }
        Map<String, List<Route>> byServlet = new HashMap<>();
        try {
            for (ServletRegistration servlet : context.getServletRegistrations().values()) {
                byServlet.put(servlet.getName(), contributor.routes(servlet));
            }
        } catch (IllegalStateException e) {
            LOG.severe("Gatehouse security annotations: " + e.getMessage());
            throw new ServletException("Gatehouse security annotations: " + e.getMessage());
        }
        RouteTable table = new RouteTable(byServlet);
        LOG.info(() -> "Gatehouse enforces " + table.size() + " annotated routes");
        LOG.fine(() -> "Gatehouse routes: " + table);
        return table;
    }

    /** The {@link AccessDeniedException} that caused {@code failure}, or {@code null}. */
    static AccessDeniedException accessDenied(Throwable failure) {
        Throwable cause = failure;
        for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            if (cause instanceof AccessDeniedException denied) {
                return denied;
            }
        }
        return null;
    }
}
