package dev.gatehouse.cdi.ai.prompt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a prompt template into a REST endpoint: {@code POST <path>} with a JSON object whose members fill the
 * template's {@code {{variables}}} answers {@code {"output": ..., "model": ..., "usage": {...}}}. Put it on an
 * interface (or class) of the application, with {@code @RolesAllowed} for who may call it:
 *
 * <pre>
 * &#64;PromptEndpoint(path = "/prompts/summary", model = "chat",
 *         system = "You write plain, short summaries.",
 *         template = "Summarise in {{words}} words:\n{{text}}")
 * &#64;RolesAllowed("user")
 * public interface SummaryPrompt {
 * }
 * </pre>
 *
 * An unknown alias, a malformed template or a path used twice fails the deployment naming the type; a request
 * missing variables gets 400 naming them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PromptEndpoint {

    /** Context-relative path, e.g. {@code /prompts/summary}. */
    String path();

    /** The model alias ({@code gatehouse.ai.aliases}). */
    String model();

    /** The user message, with {@code {{name}}} variables. */
    String template();

    /** An optional system message (may use variables too). */
    String system() default "";

    /** Most tokens generated; 0 leaves it to the provider. */
    int maxTokens() default 0;
}
