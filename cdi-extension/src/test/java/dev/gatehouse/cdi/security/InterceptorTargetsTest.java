package dev.gatehouse.cdi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptor;

class InterceptorTargetsTest {

    interface Contract {
        @RolesAllowed("admin")
        void call();
    }

    @Stateless
    @RolesAllowed("admin")
    static class Ejb {
    }

    @Interceptor
    @RolesAllowed("admin")
    static class SomeInterceptor {
    }

    @RolesAllowed("admin")
    abstract static class Base {
        public void inherited() {
        }

        public final String unchecked() {
            return "";
        }
    }

    static class Service extends Base {
        @PermitAll
        public void open() {
        }

        public final void plain() {
        }

        @RolesAllowed("admin")
        public final void locked() {
        }

        @RolesAllowed("admin")
        private void hidden() {
        }
    }

    @RolesAllowed("admin")
    static final class Sealed {
        public void call() {
        }
    }

    @PermitAll
    static final class OpenFinal {
        public void call() {
        }
    }

    @Test
    void ignoresInterfacesEjbsAndInterceptors() {
        assertEquals(Optional.of(Contract.class.getName() + ": security annotations on an interface are ignored"
                + " (Jakarta Annotations), so they protect no CDI bean; annotate the implementing bean class"),
                InterceptorTargets.whyIgnored(Contract.class));
        assertEquals(Optional.of(Ejb.class.getName() + ": Gatehouse does not enforce its security annotations because"
                + " it is an @Stateless; the EJB container enforces them, against the server's own identity, not the"
                + " Gatehouse caller"), InterceptorTargets.whyIgnored(Ejb.class));
        assertTrue(InterceptorTargets.whyIgnored(SomeInterceptor.class).isPresent());
        assertEquals(Optional.empty(), InterceptorTargets.whyIgnored(Service.class));
    }

    @Test
    void bindsOnlyInterceptableMethodsThatDemandACaller() {
        assertTrue(InterceptorTargets.needsInterceptor(method(Base.class, "inherited"), Service.class));
        assertFalse(InterceptorTargets.needsInterceptor(method(Service.class, "open"), Service.class));
        assertFalse(InterceptorTargets.needsInterceptor(method(Service.class, "plain"), Service.class));
        assertFalse(InterceptorTargets.needsInterceptor(method(Service.class, "locked"), Service.class));
        assertFalse(InterceptorTargets.needsInterceptor(method(Service.class, "hidden"), Service.class));
    }

    @Test
    void finalMethodThatDemandsACallerIsUnenforceable() {
        assertEquals(List.of(
                Service.class.getName() + "#locked: a final method cannot be intercepted, so its @RolesAllowed[admin]"
                        + " would not be enforced on CDI calls; remove final",
                Service.class.getName() + "#unchecked: a final method cannot be intercepted, so its"
                        + " @RolesAllowed[admin] would not be enforced on CDI calls; remove final"),
                InterceptorTargets.unenforceable(Service.class).stream().sorted().toList());
    }

    @Test
    void finalClassThatDemandsACallerIsUnenforceable() {
        assertEquals(List.of(Sealed.class.getName() + ": a final class cannot be intercepted, so the security"
                + " annotations of its methods would not be enforced on CDI calls; remove final"),
                InterceptorTargets.unenforceable(Sealed.class));
        assertEquals(List.of(), InterceptorTargets.unenforceable(OpenFinal.class));
    }

    @Test
    void hierarchyStopsBeforeObject() {
        assertEquals(List.of(Service.class, Base.class), InterceptorTargets.hierarchy(Service.class));
        assertTrue(InterceptorTargets.isAbstract(Base.class));
        assertFalse(InterceptorTargets.isAbstract(Contract.class));
    }

    private static java.lang.reflect.Method method(Class<?> type, String name) {
        return SecurityAnnotationsTest.method(type, name);
    }
}
