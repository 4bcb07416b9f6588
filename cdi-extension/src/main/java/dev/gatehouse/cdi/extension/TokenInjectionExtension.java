package dev.gatehouse.cdi.extension;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import dev.gatehouse.cdi.inject.ClaimInjectionRules;
import dev.gatehouse.cdi.inject.TokenBeans;

/**
 * MicroProfile JWT injection backed by Gatehouse's filter: {@code @Inject JsonWebToken} and {@code @Inject @Claim}.
 * Collects the {@code @Claim} injection points, then, after discovery, reports every problem with them as a
 * definition error (all at once, each naming class and member) and adds the beans ({@link TokenBeans}).
 */
public class TokenInjectionExtension implements Extension {

    /** Concurrent: Weld may fire {@code ProcessInjectionPoint} from several threads (WildFly deploys concurrently). */
    private final Queue<InjectionPoint> claimInjectionPoints = new ConcurrentLinkedQueue<>();

    void collect(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint ip = event.getInjectionPoint();
        if (ClaimInjectionRules.isClaimInjection(ip)) {
            claimInjectionPoints.add(ip);
        }
    }

    void register(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        ClaimInjectionRules rules = new ClaimInjectionRules(beanManager::isPassivatingScope);
        for (InjectionPoint ip : claimInjectionPoints) {
            for (String problem : rules.problems(ip)) {
                DefinitionException error = new DefinitionException(problem);
                error.setStackTrace(new StackTraceElement[0]); // the message says where; Weld would print ours
                event.addDefinitionError(error);
            }
        }
        claimInjectionPoints.clear();
        TokenBeans.addTo(event);
    }
}
