package dev.gatehouse.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.testing.Containers;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.web.CurrentCaller;

@EnableWeld
@SuppressWarnings("try") // the caller binding is used for its scope, not referenced
class JsonWebTokenInjectionTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(RequestBean.class, ApplicationBean.class)).build();

    @RequestScoped
    static class RequestBean {
        @Inject
        JsonWebToken jwt;

        JsonWebToken jwt() {
            return jwt;
        }
    }

    @ApplicationScoped
    static class ApplicationBean {
        @Inject
        JsonWebToken jwt;

        String callerName() {
            return jwt.getName();
        }
    }

    @Test
    void injectsCallerAsJsonWebToken() {
        inRequest(() -> {
            try (var caller = CurrentCaller.bind(Tokens.alice())) {
                JsonWebToken jwt = weld.select(RequestBean.class).get().jwt();
                assertEquals("alice@example.com", jwt.getName());
                assertEquals(Set.of("buyer", "admin"), jwt.getGroups());
                assertEquals(Set.of("orders-api"), jwt.getAudience());
                assertEquals(Tokens.ALICE_RAW_TOKEN, jwt.getRawToken());
            }
        });
    }

    @Test
    void readsCallerWhenRequestInstanceIsCreated() {
        inRequest(() -> {
            JsonWebToken jwt = weld.select(RequestBean.class).get().jwt();
            try (var caller = CurrentCaller.bind(Tokens.alice())) {
                assertEquals("alice@example.com", jwt.getName());
            }
            assertEquals("alice@example.com", jwt.getName(), "same request, same token");
        });
    }

    @Test
    void applicationScopedBeanSeesCallerOfEachRequestThroughProxy() {
        ApplicationBean bean = weld.select(ApplicationBean.class).get();
        inRequest(() -> {
            try (var caller = CurrentCaller.bind(Tokens.alice())) {
                assertEquals("alice@example.com", bean.callerName());
            }
        });
        inRequest(() -> {
            try (var caller = CurrentCaller.bind(Tokens.with("bob", Set.of(), Map.of()))) {
                assertEquals("bob", bean.callerName());
            }
        });
    }

    @Test
    void injectsEmptyJsonWebTokenWithoutCaller() {
        inRequest(() -> {
            JsonWebToken jwt = weld.select(RequestBean.class).get().jwt();
            assertNull(jwt.getName());
            assertNull(jwt.getClaim("sub"));
            assertTrue(jwt.getClaimNames().isEmpty());
            assertTrue(jwt.getGroups().isEmpty());
        });
    }

    /** One request: the request context is active while {@code body} runs, as around a servlet request. */
    private void inRequest(Runnable body) {
        RequestContextController request = weld.select(RequestContextController.class).get();
        request.activate();
        try {
            body.run();
        } finally {
            request.deactivate();
        }
    }

    @Test
    void jsonWebTokenBeanIsGatehouseAlternativeWithoutScanning() {
        var beans = weld.getBeanManager().getBeans(JsonWebToken.class);
        assertEquals(1, beans.size());
        var bean = beans.iterator().next();
        assertTrue(bean.isAlternative());
        assertEquals(RequestScoped.class, bean.getScope());
    }
}
