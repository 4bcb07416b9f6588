package dev.gatehouse.cdi.ai.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Names the model alias of an injected {@link ModelClient}: {@code @Inject @Model("chat") ModelClient chat;}. An alias
 * that {@code gatehouse.ai.aliases} does not list fails the deployment, naming the injection point.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Model {

    /** The alias. */
    @Nonbinding
    String value();

    /** {@code @Model("")}: the qualifier of Gatehouse's one producer of all model clients. */
    final class Literal extends AnnotationLiteral<Model> implements Model {
        private static final long serialVersionUID = 1L;
        public static final Literal ANY = new Literal();

        @Override
        public String value() {
            return "";
        }
    }
}
