package dev.gatehouse.cdi.extension;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import dev.gatehouse.cdi.security.InterceptorTargets;
import dev.gatehouse.cdi.security.RoleCoverage;
import dev.gatehouse.cdi.security.Secured;
import dev.gatehouse.cdi.security.SecurityAnnotations;
import dev.gatehouse.cdi.security.SecurityInterceptor;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.ConfigReader;
import dev.gatehouse.filter.config.RoleMap;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on CDI beans: registers
 * {@link SecurityInterceptor} (no {@code beans.xml} entry needed, any discovery mode), binds it to each bean method
 * whose constraint demands a caller ({@link InterceptorTargets} says which and what is skipped), fails the deployment
 * for misuse ({@link SecurityAnnotations#problems}, {@link InterceptorTargets#unenforceable}), and logs warnings for
 * annotations that protect less than they seem to and for roles the configured role map cannot produce.
 */
public class SecurityAnnotationsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(SecurityAnnotationsExtension.class.getName());

    /** Classes already checked (a superclass is checked once for all its subclasses); Weld may fire concurrently. */
    private final Set<Class<?>> checked = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicBoolean interceptorSeen = new AtomicBoolean();

    void registerInterceptor(@Observes BeforeBeanDiscovery bbd) {
        bbd.addAnnotatedType(SecurityInterceptor.class, SecurityInterceptor.class.getName());
    }

    void keepOneInterceptor(@Observes ProcessAnnotatedType<SecurityInterceptor> pat) {
        if (interceptorSeen.getAndSet(true)) {
            pat.veto(); // also discovered (an archive with a beans.xml): one interceptor, not two checks per call
        }
    }

    void bindAnnotatedTypes(
            @Observes @WithAnnotations({RolesAllowed.class, PermitAll.class, DenyAll.class}) ProcessAnnotatedType<?> pat) {
        Class<?> type = pat.getAnnotatedType().getJavaClass();
        var ignored = InterceptorTargets.whyIgnored(type);
        if (ignored.isPresent()) {
            LOG.warning(ignored.get());
            return;
        }
        InterceptorTargets.hierarchy(type).stream().filter(checked::add).forEach(this::check);
        if (InterceptorTargets.isAbstract(type)) {
            return;
        }
        problems.addAll(InterceptorTargets.unenforceable(type));
        if (pat.getAnnotatedType().getMethods().stream()
                .anyMatch(m -> InterceptorTargets.needsInterceptor(m.getJavaMember(), type))) {
            pat.configureAnnotatedType()
                    .filterMethods(m -> InterceptorTargets.needsInterceptor(m.getJavaMember(), type))
                    .forEach(m -> m.add(Secured.Literal.INSTANCE));
        }
    }

    void reportProblems(@Observes AfterBeanDiscovery abd) {
        problems.forEach(problem -> abd.addDefinitionError(new DefinitionException(problem)));
    }

    void checkRoleMap(@Observes AfterDeploymentValidation adv) {
        RoleMap roleMap;
        try {
            roleMap = ConfigReader.forApplication(Thread.currentThread().getContextClassLoader(), name -> null)
                    .get(ConfigKeys.ROLE_MAP).map(RoleMap::parse).orElse(RoleMap.NONE);
        } catch (ConfigException e) {
            return; // the filter fails the deployment for it, naming the property
        }
        checked.forEach(type -> RoleCoverage.unproducibleRoles(type, roleMap).forEach(LOG::warning));
    }

    private void check(Class<?> type) {
        problems.addAll(SecurityAnnotations.problems(type));
        SecurityAnnotations.warnings(type).forEach(LOG::warning);
    }
}
