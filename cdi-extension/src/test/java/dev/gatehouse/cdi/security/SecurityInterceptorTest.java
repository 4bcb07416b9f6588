package dev.gatehouse.cdi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.gatehouse.cdi.testing.Callers;
import dev.gatehouse.cdi.testing.Deployments;
import dev.gatehouse.cdi.testing.LogCapture;
import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.web.CurrentCaller;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;

/** The interceptor at work in Weld: registered and bound by the extension alone (no beans.xml). */
@EnableWeld
class SecurityInterceptorTest {

    @ApplicationScoped
    @RolesAllowed("admin")
    public static class AdminService {
        public String plain() {
            return "plain";
        }

        @PermitAll
        public String open() {
            return "open";
        }

        @RolesAllowed("user")
        public String forUsers() {
            return "forUsers";
        }

        @DenyAll
        public String closed() {
            return "closed";
        }

        @RolesAllowed(RouteConstraint.ANY_AUTHENTICATED)
        public String anyCaller() {
            return "anyCaller";
        }
    }

    @RequestScoped
    public static class Unprotected {
        @Inject
        AdminService service;

        public String callAdmin() {
            return service.plain();
        }
    }

    @Dependent
    public static class Unannotated {
        public String call() {
            return "call";
        }
    }

    /** Only the method that demands a caller is bound, so the final ones do not break the deployment. */
    @Dependent
    public static class WithFinalMethods {
        @RolesAllowed("admin")
        public String guarded() {
            return "guarded";
        }

        @PermitAll
        public final String finalButOpen() {
            return "finalButOpen";
        }

        public final String finalUnannotated() {
            return "finalUnannotated";
        }
    }

    @RolesAllowed("base")
    public abstract static class Base {
        public String inherited() {
            return "inherited";
        }

        @RolesAllowed("admin")
        public String overridden() {
            return "base";
        }
    }

    /** Inherits {@code inherited} (keeps Base's class-level role) and overrides {@code overridden} with its own. */
    @ApplicationScoped
    @RolesAllowed("sub")
    public static class Sub extends Base {
        @Override
        public String overridden() {
            return "sub";
        }
    }

    /** Overrides without annotations: nothing of Base's method-level {@code @RolesAllowed("admin")} survives. */
    @ApplicationScoped
    public static class OpenSub extends Base {
        @Override
        public String overridden() {
            return "openSub";
        }
    }

    public static class PlainBase {
        public String inherited() {
            return "plainInherited";
        }
    }

    /** The class-level annotation does not reach the method declared by the unannotated superclass. */
    @ApplicationScoped
    @RolesAllowed("admin")
    public static class AdminSubOfPlain extends PlainBase {
        public String own() {
            return "own";
        }
    }

    @SessionScoped
    @RolesAllowed("admin")
    public static class Preferences implements Serializable {
        private static final long serialVersionUID = 1L;

        public String read() {
            return "read";
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Deployments.weld(AdminService.class, Unprotected.class, Unannotated.class, WithFinalMethods.class,
            Sub.class, OpenSub.class, AdminSubOfPlain.class, Preferences.class))
            .activate(RequestScoped.class, SessionScoped.class).build();

    @Inject
    AdminService admin;

    @Inject
    Unprotected unprotected;

    @Inject
    Unannotated unannotated;

    @Inject
    WithFinalMethods withFinalMethods;

    @Inject
    Sub sub;

    @Inject
    OpenSub openSub;

    @Inject
    AdminSubOfPlain adminSubOfPlain;

    @Inject
    Preferences preferences;

    @Test
    void admitsCallerWithRole() {
        try (var caller = Callers.withRoles("admin")) {
            assertEquals("plain", admin.plain());
        }
    }

    @Test
    void deniesCallerWithoutRole() {
        try (var caller = Callers.withRoles("user")) {
            assertForbidden(admin::plain, AdminService.class, "plain");
        }
    }

    @Test
    void refusesAnonymousCallerAsUnauthenticated() {
        assertUnauthenticated(admin::plain, AdminService.class, "plain");
    }

    @Test
    void permitAllMethodInRolesAllowedClassAdmitsAnonymousCaller() {
        assertEquals("open", admin.open());
    }

    @Test
    void methodAnnotationBeatsClassAnnotation() {
        try (var caller = Callers.withRoles("user")) {
            assertEquals("forUsers", admin.forUsers());
        }
        try (var caller = Callers.withRoles("admin")) {
            assertForbidden(admin::forUsers, AdminService.class, "forUsers");
        }
    }

    @Test
    void denyAllRefusesEveryCaller() {
        try (var caller = Callers.withRoles("admin", "user")) {
            assertForbidden(admin::closed, AdminService.class, "closed");
        }
        assertUnauthenticated(admin::closed, AdminService.class, "closed");
    }

    @Test
    void anyAuthenticatedAdmitsCallerWithoutRolesButNotAnonymous() {
        try (var caller = Callers.withRoles()) {
            assertEquals("anyCaller", admin.anyCaller());
        }
        assertUnauthenticated(admin::anyCaller, AdminService.class, "anyCaller");
    }

    @Test
    void serviceIsProtectedWhenCalledFromUnprotectedBean() {
        assertUnauthenticated(unprotected::callAdmin, AdminService.class, "plain");
        try (var caller = Callers.withRoles("admin")) {
            assertEquals("plain", unprotected.callAdmin());
        }
    }

    @Test
    void beanWithoutAnnotationsIsNotIntercepted() {
        assertEquals("call", unannotated.call());
    }

    @Test
    void finalMethodsThatDemandNoCallerStayCallable() {
        assertEquals("finalButOpen", withFinalMethods.finalButOpen());
        assertEquals("finalUnannotated", withFinalMethods.finalUnannotated());
        assertUnauthenticated(withFinalMethods::guarded, WithFinalMethods.class, "guarded");
    }

    @Test
    void inheritedMethodKeepsClassAnnotationOfDeclaringClass() {
        try (var caller = Callers.withRoles("sub")) {
            assertForbidden(sub::inherited, Sub.class, "inherited");
        }
        try (var caller = Callers.withRoles("base")) {
            assertEquals("inherited", sub.inherited());
        }
    }

    @Test
    void overridingMethodTakesClassAnnotationOfOverridingClass() {
        try (var caller = Callers.withRoles("admin")) {
            assertForbidden(sub::overridden, Sub.class, "overridden");
        }
        try (var caller = Callers.withRoles("sub")) {
            assertEquals("sub", sub.overridden());
        }
    }

    @Test
    void unannotatedOverrideRunsUnchecked() {
        assertEquals("openSub", openSub.overridden());
        assertUnauthenticated(openSub::inherited, OpenSub.class, "inherited");
    }

    @Test
    void classAnnotationDoesNotReachMethodOfUnannotatedSuperclass() {
        assertEquals("plainInherited", adminSubOfPlain.inherited());
        assertUnauthenticated(adminSubOfPlain::own, AdminSubOfPlain.class, "own");
    }

    @Test
    void cacheKeepsMethodsAndBeanClassesApart() {
        for (int i = 0; i < 3; i++) {
            try (var caller = Callers.withRoles("user")) {
                assertEquals("forUsers", admin.forUsers());
                assertForbidden(admin::plain, AdminService.class, "plain");
                assertEquals("open", admin.open());
            }
            try (var caller = Callers.withRoles("admin")) {
                assertForbidden(admin::forUsers, AdminService.class, "forUsers");
                assertEquals("plain", admin.plain());
                assertEquals("openSub", openSub.overridden());
                assertForbidden(sub::overridden, Sub.class, "overridden");
            }
        }
    }

    @Test
    void sessionScopedBeanIsProtected() {
        assertUnauthenticated(preferences::read, Preferences.class, "read");
        try (var caller = Callers.withRoles("admin")) {
            assertEquals("read", preferences.read());
        }
    }

    @Test
    void refusalIsLoggedAtFineWithMethodAndConstraintOnly() {
        try (var log = LogCapture.of(SecurityInterceptor.class); var caller = Callers.withRoles("user")) {
            assertThrows(AccessDeniedException.class, admin::plain);
            assertEquals(List.of("Refused " + AdminService.class.getName()
                    + "#plain: the caller lacks the role; it requires @RolesAllowed[admin]"), log.messages(Level.FINE));
            assertTrue(log.everything().stream().noneMatch(m -> m.contains(Callers.RAW_TOKEN) || m.contains("alice")));
        }
    }

    @Test
    void callerBindingEndsWithItsScope() {
        try (var caller = Callers.withRoles("admin")) {
            assertEquals("plain", admin.plain());
        }
        assertFalse(CurrentCaller.token().isPresent());
        assertUnauthenticated(admin::plain, AdminService.class, "plain");
    }

    private static void assertForbidden(Executable call, Class<?> beanClass, String method) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, call);
        assertTrue(e.authenticated(), "403 expected");
        assertEquals("Caller lacks the role required by " + beanClass.getName() + "#" + method, e.getMessage());
    }

    private static void assertUnauthenticated(Executable call, Class<?> beanClass, String method) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, call);
        assertFalse(e.authenticated(), "401 expected");
        assertEquals("No authenticated caller for " + beanClass.getName() + "#" + method, e.getMessage());
    }
}
