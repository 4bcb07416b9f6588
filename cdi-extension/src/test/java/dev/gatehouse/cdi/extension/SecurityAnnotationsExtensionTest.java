package dev.gatehouse.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Level;

import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.security.Secured;
import dev.gatehouse.cdi.security.SecurityInterceptor;
import dev.gatehouse.cdi.testing.Callers;
import dev.gatehouse.cdi.testing.Deployments;
import dev.gatehouse.cdi.testing.LogCapture;
import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.config.ConfigKeys;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InterceptionType;

/** Deployment: what fails it, what it warns about, how the interceptor gets registered. */
class SecurityAnnotationsExtensionTest {

    @Dependent
    public static class Conflicting {
        @PermitAll
        @DenyAll
        public void both() {
        }
    }

    @Dependent
    @PermitAll
    @RolesAllowed("admin")
    public static class ConflictingClass {
    }

    @Dependent
    public static class BlankRole {
        @RolesAllowed({"admin", ""})
        public void call() {
        }
    }

    @Dependent
    public static class NoRole {
        @RolesAllowed({})
        public void call() {
        }
    }

    @Dependent
    @RolesAllowed("admin")
    public static class FinalMethod {
        public final void call() {
        }
    }

    @Dependent
    @RolesAllowed("admin")
    public static final class FinalClass {
        public void call() {
        }
    }

    public abstract static class MisusedBase {
        @PermitAll
        @RolesAllowed("admin")
        public void inherited() {
        }
    }

    @Dependent
    public static class SubOfMisused extends MisusedBase {
    }

    @Dependent
    public static class TwoProblems {
        @RolesAllowed({})
        public void none() {
        }

        @DenyAll
        @RolesAllowed(" ")
        public void worse() {
        }
    }

    @Dependent
    public static class Reports {
        @RolesAllowed({"admin", "auditor"})
        public String export() {
            return "export";
        }

        @RolesAllowed(RouteConstraint.ANY_AUTHENTICATED)
        public String list() {
            return "list";
        }
    }

    @Dependent
    public static class Hidden {
        @RolesAllowed("admin")
        private void secret() {
        }

        @RolesAllowed("admin")
        public String call() {
            return "call";
        }
    }

    @Stateless
    @RolesAllowed("admin")
    public static class Ejb {
        public String call() {
            return "ejb";
        }
    }

    public interface Contract {
        @RolesAllowed("admin")
        String call();
    }

    @RolesAllowed("admin")
    public abstract static class AbstractService implements Contract {
    }

    @ApplicationScoped
    public static class Implementation extends AbstractService {
        @Override
        public String call() {
            return "call";
        }
    }

    @AfterEach
    void clearRoleMap() {
        System.clearProperty(ConfigKeys.ROLE_MAP);
    }

    @Test
    void conflictingAnnotationsFailDeploymentNamingClassAndMethod() {
        assertFailure(Conflicting.class, Conflicting.class.getName()
                + "#both: @PermitAll and @DenyAll conflict; Jakarta Annotations allows only one of them");
    }

    @Test
    void conflictingClassAnnotationsFailDeploymentNamingClass() {
        assertFailure(ConflictingClass.class, ConflictingClass.class.getName()
                + ": @PermitAll and @RolesAllowed conflict");
    }

    @Test
    void blankRoleFailsDeployment() {
        assertFailure(BlankRole.class, BlankRole.class.getName() + "#call: @RolesAllowed has a blank role name");
    }

    @Test
    void emptyRolesAllowedFailsDeploymentPointingToDenyAll() {
        assertFailure(NoRole.class, NoRole.class.getName()
                + "#call: @RolesAllowed({}) names no role and so admits nobody; write @DenyAll to mean that");
    }

    @Test
    void finalMethodThatDemandsCallerFailsDeployment() {
        assertFailure(FinalMethod.class, FinalMethod.class.getName()
                + "#call: a final method cannot be intercepted, so its @RolesAllowed[admin] would not be enforced");
    }

    @Test
    void finalClassThatDemandsCallerFailsDeployment() {
        assertFailure(FinalClass.class, FinalClass.class.getName() + ": a final class cannot be intercepted");
    }

    @Test
    void misuseInSuperclassFailsDeploymentOfSubclass() {
        assertFailure(SubOfMisused.class, MisusedBase.class.getName() + "#inherited: @PermitAll and @RolesAllowed"
                + " conflict");
    }

    @Test
    void everyProblemIsReported() {
        String message = Deployments.failure(TwoProblems.class, Conflicting.class).getMessage();
        String name = TwoProblems.class.getName();
        assertTrue(message.contains(name + "#none: @RolesAllowed({}) names no role"), message);
        assertTrue(message.contains(name + "#worse: @DenyAll and @RolesAllowed conflict"), message);
        assertTrue(message.contains(name + "#worse: @RolesAllowed has a blank role name"), message);
        assertTrue(message.contains(Conflicting.class.getName() + "#both: @PermitAll and @DenyAll conflict"), message);
    }

    @Test
    void roleMapWarnsAboutEachRoleItCannotProduce() {
        System.setProperty(ConfigKeys.ROLE_MAP, "admins=admin,staff=user");
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Reports.class)) {
            assertEquals(List.of(Reports.class.getName() + "#export: @RolesAllowed role 'auditor' is not produced by"
                    + " gatehouse.jwt.role-map (no group maps to it), so no caller can ever have it"),
                    log.messages(Level.WARNING));
        }
    }

    @Test
    void withoutRoleMapNoRoleIsReported() {
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Reports.class)) {
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void brokenRoleMapSkipsTheCheckWithoutFailingTheExtension() {
        System.setProperty(ConfigKeys.ROLE_MAP, "admins");
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Reports.class)) {
            assertEquals(List.of(), log.messages(Level.WARNING));
            try (var caller = Callers.withRoles("auditor")) {
                assertEquals("export", weld.select(Reports.class).get().export());
            }
        }
    }

    @Test
    void annotationsThatCannotBeEnforcedAreLoggedAsWarnings() {
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Hidden.class)) {
            assertEquals(List.of(Hidden.class.getName() + "#secret: @RolesAllowed[admin] on a private method is never"
                    + " enforced: only calls of non-private instance methods through the bean reach an interceptor"),
                    log.messages(Level.WARNING));
            assertThrows(AccessDeniedException.class, weld.select(Hidden.class).get()::call);
        }
    }

    @Test
    void ejbIsLeftToTheEjbContainer() {
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Ejb.class)) {
            assertEquals("ejb", weld.select(Ejb.class).get().call());
            assertEquals(List.of(Ejb.class.getName() + ": Gatehouse does not enforce its security annotations because"
                    + " it is an @Stateless; the EJB container enforces them, against the server's own identity, not"
                    + " the Gatehouse caller"), log.messages(Level.WARNING));
        }
    }

    @Test
    void interfaceAndAbstractClassDoNotBreakDeployment() {
        try (var log = LogCapture.of(SecurityAnnotationsExtension.class);
                WeldContainer weld = Deployments.start(Contract.class, AbstractService.class, Implementation.class)) {
            assertEquals(List.of(Contract.class.getName() + ": security annotations on an interface are ignored"
                    + " (Jakarta Annotations), so they protect no CDI bean; annotate the implementing bean class"),
                    log.messages(Level.WARNING));
            assertEquals("call", weld.select(Implementation.class).get().call());
        }
    }

    @Test
    void interceptorIsRegisteredOnceWhenAlsoDiscovered() {
        try (WeldContainer weld = Deployments.start(SecurityInterceptor.class, Reports.class)) {
            assertEquals(1, weld.getBeanManager()
                    .resolveInterceptors(InterceptionType.AROUND_INVOKE, Secured.Literal.INSTANCE).size());
            assertThrows(AccessDeniedException.class, weld.select(Reports.class).get()::list);
        }
    }

    @Test
    void enforcesInArchiveWithBeanDiscoveryModeAnnotated() {
        try (WeldContainer weld = Deployments.weld(Reports.class)
                .setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED).initialize()) {
            Reports reports = weld.select(Reports.class).get();
            assertThrows(AccessDeniedException.class, reports::list);
            try (var caller = Callers.withRoles()) {
                assertEquals("list", reports.list());
            }
        }
    }

    @Test
    void extensionIsRegisteredAsService() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(provider -> provider.type() == SecurityAnnotationsExtension.class));
    }

    @Test
    void deploymentWithoutSecurityAnnotationsBindsNothing() {
        try (WeldContainer weld = Deployments.start(Plain.class)) {
            assertEquals(Plain.class, weld.select(Plain.class).get().getClass());
        }
    }

    @Dependent
    public static class Plain {
        public String call() {
            return "call";
        }
    }

    private static void assertFailure(Class<?> beanClass, String expected) {
        DefinitionException failure = Deployments.failure(beanClass);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
