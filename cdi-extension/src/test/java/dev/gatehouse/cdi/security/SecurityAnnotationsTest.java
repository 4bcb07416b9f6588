package dev.gatehouse.cdi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.filter.authz.RouteConstraint;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

class SecurityAnnotationsTest {

    @RolesAllowed("user")
    static class UserClass {
        public void plain() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed("admin")
        public void admin() {
        }
    }

    static class Unannotated {
        public void plain() {
        }
    }

    @RolesAllowed("base")
    static class AnnotatedBase {
        public void inherited() {
        }

        @RolesAllowed("admin")
        public void overridden() {
        }
    }

    @RolesAllowed("sub")
    static class AnnotatedSub extends AnnotatedBase {
        @Override
        public void overridden() {
        }
    }

    static class PlainBase {
        public void inherited() {
        }
    }

    @RolesAllowed("sub")
    static class SubOfPlain extends PlainBase {
    }

    static class UnannotatedOverride extends AnnotatedBase {
        @Override
        public void overridden() {
        }
    }

    static class PermittingOverride extends AnnotatedBase {
        @PermitAll
        @Override
        public void overridden() {
        }
    }

    interface Contract {
        @RolesAllowed("admin")
        void declared();

        default void fromInterface() {
        }
    }

    @RolesAllowed("user")
    static class Implementation implements Contract {
        @Override
        public void declared() {
        }
    }

    static class Repository<T> {
        @RolesAllowed("admin")
        public void save(T entity) {
        }
    }

    static class OrderRepository extends Repository<String> {
        @PermitAll
        @Override
        public void save(String order) {
        }
    }

    static class Conflicting {
        @PermitAll
        @DenyAll
        @RolesAllowed("admin")
        public void all() {
        }

        @RolesAllowed({"admin", "admin"})
        public void duplicate() {
        }
    }

    @Test
    void classAnnotationAppliesToDeclaredMethodWithout() {
        assertEquals(Optional.of(roles("user")), effective(UserClass.class, "plain", UserClass.class));
    }

    @Test
    void methodAnnotationBeatsClassAnnotation() {
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL), effective(UserClass.class, "open", UserClass.class));
        assertEquals(Optional.of(RouteConstraint.DENY_ALL), effective(UserClass.class, "closed", UserClass.class));
        assertEquals(Optional.of(roles("admin")), effective(UserClass.class, "admin", UserClass.class));
    }

    @Test
    void noAnnotationMeansNoConstraint() {
        assertEquals(Optional.empty(), effective(Unannotated.class, "plain", Unannotated.class));
    }

    @Test
    void inheritedMethodKeepsClassAnnotationOfItsDeclaringClass() {
        assertEquals(Optional.of(roles("base")), effective(AnnotatedBase.class, "inherited", AnnotatedSub.class));
    }

    @Test
    void inheritedMethodIgnoresClassAnnotationOfSubclass() {
        assertEquals(Optional.empty(), effective(PlainBase.class, "inherited", SubOfPlain.class));
    }

    @Test
    void overridingMethodTakesClassAnnotationOfOverridingClass() {
        assertEquals(Optional.of(roles("sub")), effective(AnnotatedSub.class, "overridden", AnnotatedSub.class));
    }

    @Test
    void overridingMethodKeepsNothingOfOverriddenMethod() {
        assertEquals(Optional.empty(), effective(UnannotatedOverride.class, "overridden", UnannotatedOverride.class));
    }

    @Test
    void superclassMethodResolvesToOverrideOfTargetClass() {
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL),
                effective(AnnotatedBase.class, "overridden", PermittingOverride.class));
        assertEquals(Optional.of(roles("sub")), effective(AnnotatedBase.class, "overridden", AnnotatedSub.class));
    }

    @Test
    void genericOverrideIsReadFromOverridingMethodWhateverSignatureIsInvoked() throws NoSuchMethodException {
        Method erased = Repository.class.getDeclaredMethod("save", Object.class);
        Method specific = OrderRepository.class.getDeclaredMethod("save", String.class);
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL), SecurityAnnotations.effective(erased, OrderRepository.class));
        assertEquals(Optional.of(RouteConstraint.PERMIT_ALL),
                SecurityAnnotations.effective(specific, OrderRepository.class));
        assertEquals(Optional.of(roles("admin")), SecurityAnnotations.effective(erased, Repository.class));
    }

    @Test
    void interfaceAnnotationsAreIgnored() {
        assertEquals(Optional.of(roles("user")), effective(Contract.class, "declared", Implementation.class));
        assertEquals(Optional.empty(), effective(Contract.class, "fromInterface", Implementation.class));
    }

    @Test
    void effectiveRejectsMethodOfUnrelatedClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> effective(UserClass.class, "plain", Unannotated.class));
        assertTrue(e.getMessage().contains(UserClass.class.getName() + "#plain"), e.getMessage());
    }

    @Test
    void ofElementReadsOnlyTheElementItself() {
        assertEquals(Optional.of(roles("user")), SecurityAnnotations.ofElement(UserClass.class));
        assertEquals(Optional.empty(), SecurityAnnotations.ofElement(method(UserClass.class, "plain")));
        assertEquals(Optional.empty(), SecurityAnnotations.ofElement(UnannotatedOverride.class));
    }

    @Test
    void conflictingAnnotationsReadAsMostRestrictive() {
        assertEquals(Optional.of(RouteConstraint.DENY_ALL), SecurityAnnotations.ofElement(method(Conflicting.class, "all")));
    }

    @Test
    void duplicateRoleIsReadOnce() {
        assertEquals(Optional.of(roles("admin")), SecurityAnnotations.ofElement(method(Conflicting.class, "duplicate")));
    }

    @Test
    void rolesCollectsClassAndMethodRoles() {
        assertEquals(Set.of("user", "admin"), SecurityAnnotations.roles(UserClass.class));
        assertEquals(Set.of(), SecurityAnnotations.roles(Unannotated.class));
    }

    @Test
    void isAnnotatedSeesClassAndMethodAnnotations() {
        assertTrue(SecurityAnnotations.isAnnotated(UserClass.class));
        assertTrue(SecurityAnnotations.isAnnotated(Conflicting.class));
        assertFalse(SecurityAnnotations.isAnnotated(Unannotated.class));
        assertFalse(SecurityAnnotations.isAnnotated(UnannotatedOverride.class));
    }

    @Test
    void elementNamesClassAndMethod() {
        assertEquals(UserClass.class.getName() + "#open", SecurityAnnotations.element(method(UserClass.class, "open")));
    }

    static RouteConstraint roles(String... roles) {
        return RouteConstraint.rolesAllowed(Set.of(roles));
    }

    static Method method(Class<?> type, String name) {
        try {
            return type.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<RouteConstraint> effective(Class<?> declaring, String name, Class<?> target) {
        return SecurityAnnotations.effective(method(declaring, name), target);
    }
}
