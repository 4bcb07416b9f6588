package dev.gatehouse.cdi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gatehouse.filter.authz.RouteConstraint;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/** {@link SecurityAnnotations#problems} and {@link SecurityAnnotations#warnings}, without CDI. */
class SecurityAnnotationProblemsTest {

    @RolesAllowed("user")
    static class Clean {
        @PermitAll
        public void open() {
        }

        @RolesAllowed(RouteConstraint.ANY_AUTHENTICATED)
        public void anyone() {
        }
    }

    @PermitAll
    @DenyAll
    static class ConflictOnClass {
    }

    static class Misused {
        @PermitAll
        @RolesAllowed("admin")
        public void twoAnnotations() {
        }

        @PermitAll
        @DenyAll
        @RolesAllowed("admin")
        public void threeAnnotations() {
        }

        @RolesAllowed({"admin", " "})
        public void blankRole() {
        }

        @RolesAllowed({})
        public void noRole() {
        }
    }

    static class Unreachable {
        @RolesAllowed("admin")
        private void hidden() {
        }

        @DenyAll
        public static void shared() {
        }
    }

    static class PlainBase {
        public void inherited() {
        }

        @PermitAll
        public void permitted() {
        }
    }

    @RolesAllowed("admin")
    static class AdminSub extends PlainBase {
        public void own() {
        }
    }

    @PermitAll
    static class PermitSub extends PlainBase {
    }

    interface Contract {
        void implementedLater();

        default void fromInterface() {
        }
    }

    @RolesAllowed("admin")
    abstract static class AbstractAdmin implements Contract {
    }

    static class AdminBase {
        @RolesAllowed("admin")
        public void guarded() {
        }
    }

    static class DroppingOverride extends AdminBase {
        @Override
        public void guarded() {
        }
    }

    static class KeepingOverride extends AdminBase {
        @RolesAllowed("admin")
        @Override
        public void guarded() {
        }
    }

    @Test
    void cleanClassHasNoProblemsOrWarnings() {
        assertEquals(List.of(), SecurityAnnotations.problems(Clean.class));
        assertEquals(List.of(), SecurityAnnotations.warnings(Clean.class));
    }

    @Test
    void reportsConflictOnClassNamingTheClass() {
        assertEquals(List.of(ConflictOnClass.class.getName() + ": @PermitAll and @DenyAll conflict; Jakarta"
                + " Annotations allows only one of them on a class or method"),
                SecurityAnnotations.problems(ConflictOnClass.class));
    }

    @Test
    void reportsEveryMisuseNamingClassAndMethod() {
        String name = Misused.class.getName();
        List<String> problems = SecurityAnnotations.problems(Misused.class).stream().sorted().toList();
        assertEquals(List.of(
                name + "#blankRole: @RolesAllowed has a blank role name",
                name + "#noRole: @RolesAllowed({}) names no role and so admits nobody; write @DenyAll to mean that",
                name + "#threeAnnotations: @PermitAll and @DenyAll and @RolesAllowed conflict; Jakarta Annotations"
                        + " allows only one of them on a class or method",
                name + "#twoAnnotations: @PermitAll and @RolesAllowed conflict; Jakarta Annotations allows only one"
                        + " of them on a class or method"), problems);
    }

    @Test
    void misuseIsNoWarning() {
        assertEquals(List.of(), SecurityAnnotations.warnings(Misused.class));
    }

    @Test
    void warnsAboutPrivateAndStaticMethods() {
        String name = Unreachable.class.getName();
        assertEquals(List.of(), SecurityAnnotations.problems(Unreachable.class));
        assertEquals(List.of(
                name + "#hidden: @RolesAllowed[admin] on a private method is never enforced: only calls of"
                        + " non-private instance methods through the bean reach an interceptor",
                name + "#shared: @DenyAll on a static method is never enforced: only calls of non-private instance"
                        + " methods through the bean reach an interceptor"),
                SecurityAnnotations.warnings(Unreachable.class).stream().sorted().toList());
    }

    @Test
    void warnsThatClassAnnotationDoesNotReachUnannotatedInheritedMethod() {
        assertEquals(List.of(AdminSub.class.getName() + "#inherited: inherited from " + PlainBase.class.getName()
                + ", which gives it no security annotation; the class-level @RolesAllowed[admin] of AdminSub applies"
                + " only to methods it declares, so this one runs unchecked: override it or annotate PlainBase"),
                SecurityAnnotations.warnings(AdminSub.class));
    }

    @Test
    void warnsAboutUnoverriddenDefaultMethodButNotAboutAbstractOne() {
        assertEquals(List.of(AbstractAdmin.class.getName() + "#fromInterface: inherited from "
                + Contract.class.getName() + ", which gives it no security annotation; the class-level"
                + " @RolesAllowed[admin] of AbstractAdmin applies only to methods it declares, so this one runs"
                + " unchecked: override it or annotate Contract"), SecurityAnnotations.warnings(AbstractAdmin.class));
    }

    @Test
    void classLevelPermitAllNeedsNoInheritanceWarning() {
        assertEquals(List.of(), SecurityAnnotations.warnings(PermitSub.class));
    }

    @Test
    void warnsAboutOverrideThatDropsTheOverriddenConstraint() {
        assertEquals(List.of(DroppingOverride.class.getName() + "#guarded: overrides " + AdminBase.class.getName()
                + "#guarded but not its @RolesAllowed[admin]; an overriding method inherits no security annotation,"
                + " so this one runs unchecked: annotate it"), SecurityAnnotations.warnings(DroppingOverride.class));
        assertEquals(List.of(), SecurityAnnotations.warnings(KeepingOverride.class));
    }
}
