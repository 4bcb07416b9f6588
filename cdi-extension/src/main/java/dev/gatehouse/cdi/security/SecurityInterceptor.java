package dev.gatehouse.cdi.security;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on the business methods of a bean, against
 * the caller the Gatehouse filter accepted for this thread ({@link CurrentCaller}). The constraint of a method is
 * {@link SecurityAnnotations#effective} for the bean class, computed on the first call and cached.
 *
 * <p>No constraint or {@code @PermitAll}: the call proceeds. Otherwise, without a caller it throws
 * {@code AccessDeniedException} with {@code authenticated() == false} (401), and for a caller without a required role
 * with {@code authenticated() == true} (403); the exception names {@code beanClass#method}. Refusals are logged at
 * {@code FINE} with that name and the constraint, never with the caller or the token.
 */
@Secured
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class SecurityInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(SecurityInterceptor.class.getName());

    /** Per bean class (weakly held, so an undeployed application's classes can go), the constraint per method. */
    private static final ClassValue<Map<Method, Optional<RouteConstraint>>> CONSTRAINTS = new ClassValue<>() {
        @Override
        protected Map<Method, Optional<RouteConstraint>> computeValue(Class<?> beanClass) {
            return new ConcurrentHashMap<>();
        }
    };

    private final Bean<?> intercepted;

    @Inject
    public SecurityInterceptor(@Intercepted Bean<?> intercepted) {
        this.intercepted = intercepted;
    }

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        Class<?> beanClass = intercepted.getBeanClass();
        Method method = invocation.getMethod();
        Optional<RouteConstraint> constraint = CONSTRAINTS.get(beanClass)
                .computeIfAbsent(method, m -> SecurityAnnotations.effective(m, beanClass));
        if (constraint.isPresent() && constraint.get().needsCaller()) {
            check(constraint.get(), beanClass, method);
        }
        return invocation.proceed();
    }

    private static void check(RouteConstraint constraint, Class<?> beanClass, Method method) {
        Optional<ValidatedToken> caller = CurrentCaller.token();
        if (caller.isEmpty()) {
            throw refused(false, constraint, beanClass, method);
        }
        if (!constraint.permits(caller.get().groups())) {
            throw refused(true, constraint, beanClass, method);
        }
    }

    private static AccessDeniedException refused(boolean authenticated, RouteConstraint constraint,
            Class<?> beanClass, Method method) {
        String element = SecurityAnnotations.element(beanClass, method);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "Refused {0}: {1}; it requires {2}", new Object[] {element,
                    authenticated ? "the caller lacks the role" : "no authenticated caller", constraint});
        }
        return new AccessDeniedException(authenticated, element);
    }
}
