package dev.gatehouse.cdi.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

/**
 * Binds {@link SecurityInterceptor}. Gatehouse's CDI extension adds it to every bean class that uses
 * {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll}; applications do not need to write it.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Secured {

    /** The annotation instance the extension adds. */
    final class Literal extends AnnotationLiteral<Secured> implements Secured {

        public static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;

        private Literal() {
        }
    }
}
