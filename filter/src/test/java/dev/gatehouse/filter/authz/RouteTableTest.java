package dev.gatehouse.filter.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final RouteConstraint ADMIN = RouteConstraint.rolesAllowed(Set.of("admin"));
    private static final RouteConstraint USER = RouteConstraint.rolesAllowed(Set.of("user"));

    private static Route route(String method, String template, RouteConstraint constraint, String element) {
        return new Route(method, template == null ? null : PathTemplate.of(template), constraint, element);
    }

    private static final RouteTable TABLE = new RouteTable(Map.of(
            "jaxrs", List.of(
                    route("GET", "/api/orders/{id}", USER, "Orders#get"),
                    route("DELETE", "/api/orders/{id}", ADMIN, "Orders#delete"),
                    route("GET", "/api/orders/export", ADMIN, "Orders#export"),
                    route("GET", "/api/orders/{id: \\d+}/lines", null, "Orders#lines"),
                    route(null, "/api/files/{path: .+}", RouteConstraint.PERMIT_ALL, "Files#any"),
                    new Route(null, PathTemplate.prefix("/api/sub"), RouteConstraint.DENY_ALL, "Sub#locator")),
            "reports", List.of(
                    route(null, null, USER, "ReportServlet"),
                    route("POST", null, ADMIN, "ReportServlet#doPost"))));

    private static Optional<String> element(String servlet, String method, String path) {
        return TABLE.match(servlet, method, path).map(Route::element);
    }

    @Test
    void matchWhenLiteralTemplateAndVariableTemplateBothMatchThenLiteralWins() {
        assertEquals(Optional.of("Orders#export"), element("jaxrs", "GET", "/api/orders/export"));
        assertEquals(Optional.of("Orders#get"), element("jaxrs", "GET", "/api/orders/42"));
    }

    @Test
    void matchWhenSameTemplateThenRouteOfRequestMethod() {
        assertEquals(Optional.of("Orders#delete"), element("jaxrs", "DELETE", "/api/orders/42"));
    }

    @Test
    void matchWhenHeadThenGetRoute() {
        assertEquals(Optional.of("Orders#get"), element("jaxrs", "HEAD", "/api/orders/42"));
    }

    @Test
    void matchWhenTemplateMatchesButMethodNotThenNoRoute() {
        // JAX-RS answers 405 here; a less specific template must not be consulted instead
        assertEquals(Optional.empty(), element("jaxrs", "POST", "/api/orders/export"));
    }

    @Test
    void matchWhenTrailingSlashThenSameRoute() {
        assertEquals(Optional.of("Orders#get"), element("jaxrs", "GET", "/api/orders/42/"));
    }

    @Test
    void matchWhenRegexVariableThenOnlyMatchingValues() {
        assertEquals(Optional.of("Orders#lines"), element("jaxrs", "GET", "/api/orders/42/lines"));
        assertEquals(Optional.empty(), element("jaxrs", "GET", "/api/orders/abc/lines"));
    }

    @Test
    void matchWhenRouteWithoutAnnotationThenReturnedSoConfigDecides() {
        assertTrue(TABLE.match("jaxrs", "GET", "/api/orders/1/lines").orElseThrow().annotation().isEmpty());
    }

    @Test
    void matchWhenAnyMethodRouteThenServesEveryMethod() {
        assertEquals(Optional.of("Files#any"), element("jaxrs", "PUT", "/api/files/a/b/c"));
    }

    @Test
    void matchWhenLocatorPrefixThenCoversEverythingBelow() {
        assertEquals(Optional.of("Sub#locator"), element("jaxrs", "GET", "/api/sub/x/y"));
        assertEquals(Optional.of("Sub#locator"), element("jaxrs", "GET", "/api/sub"));
        assertEquals(Optional.empty(), element("jaxrs", "GET", "/api/subway"));
    }

    @Test
    void matchWhenServletRoutesThenMethodRouteBeatsClassRoute() {
        assertEquals(Optional.of("ReportServlet#doPost"), element("reports", "POST", "/reports/x"));
        assertEquals(Optional.of("ReportServlet"), element("reports", "GET", "/reports/x"));
    }

    @Test
    void matchWhenUnknownServletThenNoRoute() {
        assertEquals(Optional.empty(), element("other", "GET", "/api/orders/1"));
        assertEquals(Optional.empty(), element(null, "GET", "/api/orders/1"));
    }

    @Test
    void matchWhenPathOutsideEveryTemplateThenNoRoute() {
        assertEquals(Optional.empty(), element("jaxrs", "GET", "/api/unknown"));
    }

    @Test
    void templateWhenQuotedLiteralThenRegexCharactersAreLiteral() {
        PathTemplate template = PathTemplate.of("/api/v1.0/items");
        assertTrue(template.matches("/api/v1.0/items"));
        assertFalse(template.matches("/api/v1x0/items"));
    }

    @Test
    void templateWhenVariableThenDoesNotCrossSlashes() {
        assertFalse(PathTemplate.of("/api/orders/{id}").matches("/api/orders/1/2"));
    }

    @Test
    void templateWhenRegexWithBracesThenParsed() {
        assertTrue(PathTemplate.of("/api/codes/{code: [A-Z]{3}}").matches("/api/codes/ABC"));
        assertFalse(PathTemplate.of("/api/codes/{code: [A-Z]{3}}").matches("/api/codes/ABCD"));
    }

    @Test
    void templateWhenUnbalancedBraceThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/api/{id"));
    }

    @Test
    void joinWhenSlashesVaryThenOneBetweenParts() {
        assertEquals("/api/orders/{id}", PathTemplate.join("/api/", "/orders", "{id}/"));
        assertEquals("/", PathTemplate.join("/", ""));
    }

    @Test
    void constraintWhenAnyAuthenticatedThenEveryCallerPermitted() {
        assertTrue(RouteConstraint.rolesAllowed(Set.of("**")).permits(Set.of()));
        assertFalse(RouteConstraint.DENY_ALL.permits(Set.of("admin")));
        assertFalse(RouteConstraint.rolesAllowed(Set.of()).permits(Set.of("admin")));
        assertTrue(ADMIN.permits(Set.of("user", "admin")));
    }
}
