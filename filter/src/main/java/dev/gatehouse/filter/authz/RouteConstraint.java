package dev.gatehouse.filter.authz;

import java.util.Objects;
import java.util.Set;

/**
 * What a security annotation demands ({@code @PermitAll}, {@code @DenyAll}, {@code @RolesAllowed}), independent of
 * where it was found. Role {@code "**"} means any authenticated caller (Jakarta Servlet 6 §13.3, Jakarta Annotations).
 *
 * @param roles the roles of {@link Kind#ROLES_ALLOWED}, any one of which suffices; empty for the other kinds
 */
public record RouteConstraint(Kind kind, Set<String> roles) {

    /** Any authenticated caller. */
    public static final String ANY_AUTHENTICATED = "**";

    public static final RouteConstraint PERMIT_ALL = new RouteConstraint(Kind.PERMIT_ALL, Set.of());
    public static final RouteConstraint DENY_ALL = new RouteConstraint(Kind.DENY_ALL, Set.of());

    /** The three annotations. */
    public enum Kind { PERMIT_ALL, DENY_ALL, ROLES_ALLOWED }

    public RouteConstraint {
        Objects.requireNonNull(kind);
        roles = Set.copyOf(roles);
        if (kind != Kind.ROLES_ALLOWED && !roles.isEmpty()) {
            throw new IllegalArgumentException(kind + " takes no roles");
        }
    }

    /** {@code @RolesAllowed(roles)}; no roles means nobody (like {@code @DenyAll}). */
    public static RouteConstraint rolesAllowed(Set<String> roles) {
        return new RouteConstraint(Kind.ROLES_ALLOWED, roles);
    }

    /** Whether a caller needs to be authenticated at all. */
    public boolean needsCaller() {
        return kind != Kind.PERMIT_ALL;
    }

    /**
     * Whether an authenticated caller with {@code callerRoles} may pass (an anonymous caller passes only
     * {@link Kind#PERMIT_ALL}).
     */
    public boolean permits(Set<String> callerRoles) {
        return switch (kind) {
            case PERMIT_ALL -> true;
            case DENY_ALL -> false;
            case ROLES_ALLOWED -> roles.contains(ANY_AUTHENTICATED) || roles.stream().anyMatch(callerRoles::contains);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ROLES_ALLOWED ? "@RolesAllowed" + roles : kind == Kind.PERMIT_ALL ? "@PermitAll" : "@DenyAll";
    }
}
