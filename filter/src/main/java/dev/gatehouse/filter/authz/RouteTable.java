package dev.gatehouse.filter.authz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of an application, by the servlet that serves them (immutable). A request is first resolved to its
 * servlet by the container ({@code HttpServletRequest.getHttpServletMapping()}); within that servlet the most specific
 * matching template wins, as in JAX-RS, then the route for the request's method, then one for any method.
 */
public final class RouteTable {

    /** No annotated routes: the configured path rules decide everything. */
    public static final RouteTable EMPTY = new RouteTable(Map.of());

    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator.comparing(Route::template,
            Comparator.nullsLast(Comparator.<PathTemplate>naturalOrder()));

    private final Map<String, List<Route>> byServlet;
    /** Asked on every request, so counted once. */
    private final boolean empty;

    /** @param byServlet routes of each servlet, by servlet name */
    public RouteTable(Map<String, List<Route>> byServlet) {
        Map<String, List<Route>> sorted = new java.util.HashMap<>();
        byServlet.forEach((servlet, routes) -> {
            List<Route> copy = new ArrayList<>(routes);
            copy.sort(MOST_SPECIFIC_FIRST);
            sorted.put(servlet, List.copyOf(copy));
        });
        this.byServlet = Map.copyOf(sorted);
        this.empty = this.byServlet.values().stream().allMatch(List::isEmpty);
    }

    /** Whether there are no routes at all. */
    public boolean isEmpty() {
        return empty;
    }

    /** Number of routes (for the start-up log line). */
    public int size() {
        return byServlet.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The route that serves a request.
     *
     * @param servletName the servlet the container maps the request to
     * @param method the HTTP method; {@code HEAD} falls back to {@code GET} as in JAX-RS and {@code HttpServlet}
     * @param path the context-relative, decoded, normalised path
     */
    public Optional<Route> match(String servletName, String method, String path) {
        List<Route> routes = servletName == null ? null : byServlet.get(servletName);
        if (routes == null || routes.isEmpty()) {
            return Optional.empty();
        }
        PathTemplate chosen = null;
        boolean chosenTemplate = false;
        Route any = null;
        Route get = null;
        for (Route route : routes) {
            if (chosenTemplate && !java.util.Objects.equals(route.template(), chosen)) {
                break; // only the routes of the most specific matching template count
            }
            if (!chosenTemplate) {
                if (route.template() != null && !route.template().matches(path)) {
                    continue;
                }
                chosen = route.template();
                chosenTemplate = true;
            }
            if (route.method() != null && route.method().equals(method)) {
                return Optional.of(route);
            }
            if (route.method() == null && any == null) {
                any = route;
            }
            if ("GET".equals(route.method())) {
                get = route;
            }
        }
        if ("HEAD".equals(method) && get != null) {
            return Optional.of(get);
        }
        return Optional.ofNullable(any);
    }

    @Override
    public String toString() {
        return "RouteTable" + byServlet;
    }
}
