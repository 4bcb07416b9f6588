package dev.gatehouse.cdi.testing;

import java.util.UUID;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.WeldInitiator;

import dev.gatehouse.cdi.extension.TokenInjectionExtension;

/**
 * Weld containers as a deployment gets them: no bean scanning (like {@code bean-discovery-mode="annotated"} or no
 * {@code beans.xml} for Gatehouse's jar), only the extension, which the service file registers in a real one.
 */
public final class Containers {

    private Containers() {
    }

    /** A Weld with the extension and {@code beanClasses}, nothing scanned. */
    public static Weld weld(Class<?>... beanClasses) {
        return WeldInitiator.createWeld()
                .containerId(UUID.randomUUID().toString())
                .addExtension(new TokenInjectionExtension())
                .addBeanClasses(beanClasses);
    }
}
