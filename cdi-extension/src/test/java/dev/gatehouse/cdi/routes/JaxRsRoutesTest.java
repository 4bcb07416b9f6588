package dev.gatehouse.cdi.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;
import org.junit.jupiter.api.Test;

import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.authz.RouteContributor;
import dev.gatehouse.filter.authz.RouteTable;

/** What the initializer makes of JAX-RS resources and servlets, through the route table the filter builds from it. */
class JaxRsRoutesTest {

    @ApplicationPath("/api")
    public static class ShopApplication extends Application {
    }

    @Path("/orders")
    @RolesAllowed("user")
    public static class Orders {
        @GET
        @Path("{id}")
        public String get() {
            return "";
        }

        @DELETE
        @Path("{id}")
        @RolesAllowed("admin")
        public void delete() {
        }

        @GET
        @Path("export")
        @DenyAll
        public String export() {
            return "";
        }

        @Path("{id}/lines")
        public Lines lines() {
            return new Lines();
        }
    }

    public static class Lines {
        @GET
        public String list() {
            return "";
        }

        @POST
        @RolesAllowed("clerk")
        public void add() {
        }
    }

    @Path("/status")
    public static class Status {
        @GET
        public String get() {
            return "";
        }

        @GET
        @Path("open")
        @PermitAll
        public String open() {
            return "";
        }
    }

    public interface Catalog {
        @GET
        @Path("items")
        String items();
    }

    @Path("/catalog")
    @RolesAllowed("buyer")
    public static class CatalogResource implements Catalog {
        @Override
        public String items() {
            return "";
        }
    }

    @RolesAllowed("reporter")
    public static class ReportServlet extends HttpServlet {
        @Override
        @RolesAllowed("admin")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }

        @Override
        @PermitAll
        protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    public static class PlainServlet extends HttpServlet {
    }

    @Path("/broken")
    public static class Broken {
        @GET
        @PermitAll
        @DenyAll
        public String get() {
            return "";
        }
    }

    @LoginConfig(authMethod = "MP-JWT")
    public static class MpJwtApplication extends Application {
    }

    @ApplicationPath("/v2")
    public static class NarrowApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Status.class);
        }
    }

    private final ServletContext context = mock(ServletContext.class);
    private final Map<String, Object> attributes = new HashMap<>();

    private RouteTable deploy(Set<Class<?>> classes, Map<String, ServletRegistration> servlets) throws ServletException {
        when(context.getClassLoader()).thenReturn(getClass().getClassLoader());
        org.mockito.Mockito.doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(context)
                .setAttribute(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.any());
        new AnnotationRoutesInitializer().onStartup(new LinkedHashSet<>(classes), context);
        RouteContributor contributor = (RouteContributor) attributes.get(RouteContributor.CONTEXT_ATTRIBUTE);
        Map<String, List<Route>> byServlet = new HashMap<>();
        servlets.forEach((name, registration) -> byServlet.put(name, contributor.routes(registration)));
        return new RouteTable(byServlet);
    }

    private static ServletRegistration servlet(String name, Class<?> type, String... mappings) {
        ServletRegistration registration = mock(ServletRegistration.class);
        when(registration.getName()).thenReturn(name);
        when(registration.getClassName()).thenReturn(type.getName());
        when(registration.getMappings()).thenReturn(List.of(mappings));
        return registration;
    }

    private static final String JAXRS = ShopApplication.class.getName();

    private RouteTable shop() throws ServletException {
        return deploy(Set.of(ShopApplication.class, Orders.class, Lines.class, Status.class, CatalogResource.class),
                Map.of(JAXRS, servlet(JAXRS, HttpServlet.class, "/api/*"),
                        "reports", servlet("reports", ReportServlet.class, "/reports/*"),
                        "plain", servlet("plain", PlainServlet.class, "/plain")));
    }

    private static Optional<RouteConstraint> constraint(RouteTable table, String servlet, String method, String path) {
        return table.match(servlet, method, path).flatMap(Route::annotation);
    }

    private static RouteConstraint roles(String... roles) {
        return RouteConstraint.rolesAllowed(Set.of(roles));
    }

    @Test
    void classAnnotationAppliesToUnannotatedResourceMethod() throws Exception {
        assertEquals(Optional.of(roles("user")), constraint(shop(), JAXRS, "GET", "/api/orders/7"));
    }

    @Test
    void methodAnnotationBeatsClassAnnotation() throws Exception {
        RouteTable table = shop();
        assertEquals(Optional.of(roles("admin")), constraint(table, JAXRS, "DELETE", "/api/orders/7"));
        assertEquals(Optional.of(RouteConstraint.DENY_ALL), constraint(table, JAXRS, "GET", "/api/orders/export"));
    }

    @Test
    void subResourceMethodsSitBelowTheirLocator() throws Exception {
        RouteTable table = shop();
        assertEquals(Optional.of(roles("clerk")), constraint(table, JAXRS, "POST", "/api/orders/7/lines"));
        // no annotation of its own or on its class: the locator's (here the Orders class's) applies
        assertEquals(Optional.of(roles("user")), constraint(table, JAXRS, "GET", "/api/orders/7/lines"));
    }

    @Test
    void unannotatedResourceLeavesDecisionToConfig() throws Exception {
        RouteTable table = shop();
        assertTrue(table.match(JAXRS, "GET", "/api/status").isPresent());
        assertEquals(Optional.empty(), constraint(table, JAXRS, "GET", "/api/status"));
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL), constraint(table, JAXRS, "GET", "/api/status/open"));
    }

    @Test
    void interfaceJaxRsAnnotationsAreInheritedWithClassSecurity() throws Exception {
        assertEquals(Optional.of(roles("buyer")), constraint(shop(), JAXRS, "GET", "/api/catalog/items"));
    }

    @Test
    void servletClassAndHandlerAnnotations() throws Exception {
        RouteTable table = shop();
        assertEquals(Optional.of(roles("reporter")), constraint(table, "reports", "GET", "/reports/q1"));
        assertEquals(Optional.of(roles("admin")), constraint(table, "reports", "POST", "/reports/q1"));
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL), constraint(table, "reports", "OPTIONS", "/reports"));
        assertTrue(table.match("plain", "GET", "/plain").isEmpty());
    }

    @Test
    void applicationThatNamesItsClassesGetsOnlyThose() throws Exception {
        String v2 = NarrowApplication.class.getName();
        RouteTable table = deploy(Set.of(NarrowApplication.class, Orders.class, Status.class),
                Map.of(v2, servlet(v2, HttpServlet.class, "/v2/*")));
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL), constraint(table, v2, "GET", "/v2/status/open"));
        assertTrue(table.match(v2, "GET", "/v2/orders/1").isEmpty());
    }

    @Test
    void webXmlApplicationWithoutSubclassGetsEveryResource() throws Exception {
        String name = AnnotationRoutesInitializer.DEFAULT_APPLICATION;
        RouteTable table = deploy(Set.of(Orders.class), Map.of(name, servlet(name, HttpServlet.class, "/rest/*")));
        assertEquals(Optional.of(roles("user")), constraint(table, name, "GET", "/rest/orders/1"));
    }

    @Test
    void conflictingAnnotationsFailDeploymentNamingClassAndMethod() {
        ServletException e = assertThrows(ServletException.class, () -> deploy(Set.of(Broken.class), Map.of()));
        assertTrue(e.getMessage().contains(Broken.class.getName() + "#get"), e.getMessage());
    }

    @Test
    void conflictingAnnotationsOnServletFailWhenFilterStarts() throws Exception {
        @PermitAll
        @DenyAll
        class BadServlet extends HttpServlet {
        }
        deploy(Set.of(), Map.of());
        RouteContributor contributor = (RouteContributor) attributes.get(RouteContributor.CONTEXT_ATTRIBUTE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> contributor.routes(servlet("bad", BadServlet.class, "/bad")));
        assertTrue(e.getMessage().contains(BadServlet.class.getName()), e.getMessage());
    }

    @Test
    void loginConfigMpJwtFailsDeploymentNamingTheClass() {
        ServletException e = assertThrows(ServletException.class,
                () -> deploy(Set.of(MpJwtApplication.class), Map.of()));
        assertTrue(e.getMessage().contains(MpJwtApplication.class.getName() + ": @LoginConfig"), e.getMessage());
    }

    @Test
    void loginConfigLeftAloneWhenGatehouseDisabled() throws Exception {
        System.setProperty("gatehouse.enabled", "false");
        try {
            deploy(Set.of(MpJwtApplication.class), Map.of());
            assertFalse(attributes.containsKey(RouteContributor.CONTEXT_ATTRIBUTE));
        } finally {
            System.clearProperty("gatehouse.enabled");
        }
    }

    @Test
    void everyRouteNamesItsElement() throws Exception {
        RouteTable table = shop();
        assertEquals(Orders.class.getName() + "#delete", table.match(JAXRS, "DELETE", "/api/orders/1")
                .orElseThrow().element());
        assertEquals(Lines.class.getName() + "#add", table.match(JAXRS, "POST", "/api/orders/1/lines")
                .orElseThrow().element(), "a sub-resource method is named by its own class");
        assertEquals(CatalogResource.class.getName() + "#items", table.match(JAXRS, "GET", "/api/catalog/items")
                .orElseThrow().element(), "an interface-declared method is named by the resource class");
        assertEquals(ReportServlet.class.getName() + "#doPost", table.match("reports", "POST", "/reports/x")
                .orElseThrow().element());
        assertEquals(ReportServlet.class.getName(), table.match("reports", "GET", "/reports/x")
                .orElseThrow().element());
    }
}
