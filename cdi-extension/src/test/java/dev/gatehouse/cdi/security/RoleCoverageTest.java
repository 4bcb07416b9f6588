package dev.gatehouse.cdi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.config.RoleMap;
import jakarta.annotation.security.RolesAllowed;

class RoleCoverageTest {

    private static final RoleMap MAP = RoleMap.parse("admins=admin,staff=user");

    @RolesAllowed("user")
    static class Reports {
        @RolesAllowed({"admin", "auditor", "acountant"})
        public void export() {
        }

        @RolesAllowed(RouteConstraint.ANY_AUTHENTICATED)
        public void list() {
        }
    }

    @RolesAllowed("auditor")
    static class Audit {
    }

    @Test
    void namesEachRoleTheMapCannotProduceWithItsMethod() {
        String method = Reports.class.getName() + "#export";
        assertEquals(List.of(
                method + ": @RolesAllowed role 'acountant' is not produced by gatehouse.jwt.role-map (no group maps to"
                        + " it), so no caller can ever have it",
                method + ": @RolesAllowed role 'auditor' is not produced by gatehouse.jwt.role-map (no group maps to"
                        + " it), so no caller can ever have it"),
                RoleCoverage.unproducibleRoles(Reports.class, MAP));
    }

    @Test
    void namesClassForClassLevelRole() {
        assertEquals(List.of(Audit.class.getName() + ": @RolesAllowed role 'auditor' is not produced by"
                + " gatehouse.jwt.role-map (no group maps to it), so no caller can ever have it"),
                RoleCoverage.unproducibleRoles(Audit.class, MAP));
    }

    @Test
    void anyAuthenticatedAndProducedRolesAreFine() {
        assertEquals(List.of(), RoleCoverage.unproducibleRoles(Reports.class,
                RoleMap.parse("a=admin,b=auditor,c=acountant,d=user")));
    }

    @Test
    void withoutMapEveryRoleIsFine() {
        assertEquals(List.of(), RoleCoverage.unproducibleRoles(Audit.class, RoleMap.NONE));
    }
}
