package dev.gatehouse.filter.authz;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of the application as its security annotations describe it: requests to the servlet that serves it, with
 * {@code method} (any when {@code null}) and a path {@code template} matches (the whole servlet when {@code null}),
 * get {@code constraint}; an unannotated piece ({@code constraint == null}) is left to the configured path rules.
 *
 * @param element where the annotation was found, e.g. {@code com.example.Orders#cancel}, for logs and audit
 */
public record Route(String method, PathTemplate template, RouteConstraint constraint, String element) {

    public Route {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(element);
    }

    /** The annotation's constraint, empty when the element has none. */
    public Optional<RouteConstraint> annotation() {
        return Optional.ofNullable(constraint);
    }

    boolean servesMethod(String requestMethod) {
        return method == null || method.equals(requestMethod);
    }

    @Override
    public String toString() {
        return (method == null ? "*" : method) + " " + (template == null ? "(servlet)" : template) + " "
                + (constraint == null ? "(no annotation)" : constraint) + " " + element;
    }
}
