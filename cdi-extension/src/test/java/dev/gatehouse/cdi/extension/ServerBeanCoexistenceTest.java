package dev.gatehouse.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.inject.TokenBeans;
import dev.gatehouse.cdi.testing.Containers;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.web.CurrentCaller;

/**
 * A server's own MP-JWT beans next to Gatehouse's: Payara registers plain beans, SmallRye (WildFly) alternatives with
 * priority 1. Gatehouse's alternatives must win, not make the injection ambiguous (WELD-001409).
 */
@SuppressWarnings("try") // the caller binding is used for its scope, not referenced
class ServerBeanCoexistenceTest {

    /** Stands for a server's caller: whoever gets it was served by the wrong bean. */
    static final JsonWebToken SERVER_TOKEN = new JsonWebToken() {
        @Override
        public String getName() {
            return "server";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return null;
        }
    };

    /** Like Payara: plain producers of {@code JsonWebToken} and {@code @Claim} values. */
    @Dependent
    static class PlainServerBeans {
        @Produces
        @RequestScoped
        JsonWebToken jwt() {
            return SERVER_TOKEN;
        }

        @Produces
        @Claim
        String claim(InjectionPoint ip) {
            return "server";
        }
    }

    /** Like SmallRye JWT's {@code PrincipalProducer}: an alternative with priority 1. */
    @Alternative
    @Priority(1)
    @Dependent
    static class PriorityOneServerBeans {
        @Produces
        @RequestScoped
        JsonWebToken jwt() {
            return SERVER_TOKEN;
        }
    }

    /** An application's deliberate replacement, above {@link TokenBeans#PRIORITY}. */
    @Alternative
    @Priority(TokenBeans.PRIORITY + 1)
    @Dependent
    static class HigherPriorityApplicationBeans {
        @Produces
        @RequestScoped
        JsonWebToken jwt() {
            return SERVER_TOKEN;
        }
    }

    @RequestScoped
    static class Consumer {
        @Inject JsonWebToken jwt;
        @Inject @Claim("sub") String subject;

        String names() {
            return jwt.getName() + "/" + subject;
        }
    }

    @Test
    void gatehouseBeansWinOverPlainServerBeans() {
        assertEquals("alice@example.com/u-123", namesSeenWith(PlainServerBeans.class));
    }

    @Test
    void gatehouseBeansWinOverPriorityOneServerAlternative() {
        assertEquals("alice@example.com/u-123", namesSeenWith(PriorityOneServerBeans.class));
    }

    @Test
    void applicationAlternativeWithHigherPriorityReplacesGatehouseJsonWebToken() {
        assertEquals("server/u-123", namesSeenWith(HigherPriorityApplicationBeans.class));
    }

    private static String namesSeenWith(Class<?> serverBeans) {
        WeldContainer container = Containers.weld(serverBeans, Consumer.class).initialize();
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            RequestContextController request = container.select(RequestContextController.class).get();
            request.activate();
            try {
                return container.select(Consumer.class).get().names();
            } finally {
                request.deactivate();
            }
        } finally {
            container.shutdown();
        }
    }
}
