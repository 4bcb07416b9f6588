package dev.gatehouse.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.PathTemplate;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.authz.RouteContributor;
import dev.gatehouse.filter.testing.ServletFakes;
import dev.gatehouse.filter.testing.ServletFakes.RecordingResponse;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.token.ValidatedToken;

/** The filter with routes from security annotations, as gatehouse-cdi contributes them. */
class AnnotatedRoutesFilterTest {

    private static final String CHALLENGE = "Bearer realm=\"gatehouse\"";
    private static final String FORBIDDEN = "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", "
            + "error_description=\"The access token does not grant access to this resource\"";

    @TempDir
    Path dir;
    private BearerAuthFilter filter;
    private final AtomicReference<Optional<ValidatedToken>> callerInChain = new AtomicReference<>();
    private FilterChain chain = (req, res) -> callerInChain.set(CurrentCaller.token());
    private final Map<String, List<Route>> contributed = new HashMap<>();

    @BeforeEach
    void setUp() {
        contributed.put("jaxrs", List.of(
                new Route("GET", PathTemplate.of("/api/admin/{item}"), RouteConstraint.rolesAllowed(Set.of("admin")),
                        "AdminResource#get"),
                new Route("GET", PathTemplate.of("/api/open"), RouteConstraint.PERMIT_ALL, "OpenResource#get"),
                new Route("GET", PathTemplate.of("/api/closed"), RouteConstraint.DENY_ALL, "ClosedResource#get"),
                new Route("GET", PathTemplate.of("/api/plain"), null, "PlainResource#get")));
        filter = new BearerAuthFilter(TestConfig.in(dir)
                .with("gatehouse.rules", "plain")
                .with("gatehouse.rule.plain.paths", "/api/plain")
                .with("gatehouse.rule.plain.roles", "reader")
                .gate(), new BearerChallenge("gatehouse"));
    }

    private void init(RouteContributor contributor) throws ServletException {
        ServletContext context = mock(ServletContext.class);
        ServletRegistration jaxrs = mock(ServletRegistration.class);
        when(jaxrs.getName()).thenReturn("jaxrs");
        when(context.getAttribute(RouteContributor.CONTEXT_ATTRIBUTE)).thenReturn(contributor);
        when(context.getServletRegistrations()).thenAnswer(i -> Map.of("jaxrs", jaxrs));
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        filter.init(config);
    }

    private RecordingResponse run(String method, String uri, String... authorization) throws Exception {
        HttpServletRequest request = ServletFakes.request(method, uri, authorization);
        HttpServletMapping mapping = mock(HttpServletMapping.class);
        when(mapping.getServletName()).thenReturn("jaxrs");
        when(request.getHttpServletMapping()).thenReturn(mapping);
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.mock, chain);
        return response;
    }

    private static String bearer(String... groups) {
        return "Bearer " + TestTokens.valid().groups(groups).mint();
    }

    @Test
    void rolesAllowedRouteWhenNoTokenThenChallenge() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        RecordingResponse response = run("GET", "/api/admin/stats");
        assertEquals(401, response.status);
        assertEquals(CHALLENGE, response.headers.get("WWW-Authenticate"));
    }

    @Test
    void rolesAllowedRouteWhenCallerLacksRoleThenInsufficientScope() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        RecordingResponse response = run("GET", "/api/admin/stats", bearer("user"));
        assertEquals(403, response.status);
        assertEquals(FORBIDDEN, response.headers.get("WWW-Authenticate"));
        assertNull(callerInChain.get());
    }

    @Test
    void rolesAllowedRouteWhenCallerHasRoleThenPassesWithCallerBound() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        RecordingResponse response = run("GET", "/api/admin/stats", bearer("admin"));
        assertEquals(200, response.status);
        assertEquals("alice", callerInChain.get().orElseThrow().getName());
        assertTrue(CurrentCaller.token().isEmpty(), "the caller is unbound after the chain");
    }

    @Test
    void permitAllRouteWhenNoTokenThenPassesEvenThoughConfigProtectsIt() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        RecordingResponse response = run("GET", "/api/open");
        assertEquals(200, response.status);
        assertEquals(Optional.empty(), callerInChain.get());
    }

    @Test
    void permitAllRouteWhenInvalidTokenThenStillRejected() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        RecordingResponse response = run("GET", "/api/open", "Bearer not.a.token");
        assertEquals(401, response.status);
    }

    @Test
    void denyAllRouteWhenAdminThenInsufficientScope() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        assertEquals(403, run("GET", "/api/closed", bearer("admin")).status);
        assertEquals(401, run("GET", "/api/closed").status);
    }

    @Test
    void unannotatedRouteWhenConfigRuleAppliesThenRuleDecides() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        assertEquals(403, run("GET", "/api/plain", bearer("user")).status);
        assertEquals(200, run("GET", "/api/plain", bearer("reader")).status);
    }

    @Test
    void withoutContributorThenConfigRulesOnly() throws Exception {
        init(null);
        assertEquals(200, run("GET", "/api/admin/stats", bearer("user")).status);
    }

    @Test
    void contributorFailureWhenStartingThenDeploymentFailsNamingElement() {
        ServletException e = assertThrows(ServletException.class, () -> init(servlet -> {
            throw new IllegalStateException("com.example.Bad#get: @PermitAll and @DenyAll on one element");
        }));
        assertTrue(e.getMessage().contains("com.example.Bad#get"), e.getMessage());
    }

    @Test
    void accessDeniedFromApplicationWhenAuthenticatedThenInsufficientScope() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        chain = (req, res) -> {
            throw new ServletException(new RuntimeException(new AccessDeniedException(true, "Billing#charge")));
        };
        RecordingResponse response = run("GET", "/api/plain", bearer("reader"));
        assertEquals(403, response.status);
        assertEquals(FORBIDDEN, response.headers.get("WWW-Authenticate"));
        assertTrue(!response.body().contains("Billing"), "the element is not echoed");
    }

    @Test
    void accessDeniedFromApplicationWhenAnonymousThenChallenge() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        chain = (req, res) -> {
            throw new AccessDeniedException(false, "Billing#charge");
        };
        RecordingResponse response = run("GET", "/api/open");
        assertEquals(401, response.status);
        assertEquals(CHALLENGE, response.headers.get("WWW-Authenticate"));
    }

    @Test
    void otherExceptionFromApplicationThenPropagates() throws Exception {
        init(servlet -> contributed.get(servlet.getName()));
        chain = (req, res) -> {
            throw new IllegalStateException("application bug");
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run("GET", "/api/open"));
        assertNotNull(e.getMessage());
    }
}
