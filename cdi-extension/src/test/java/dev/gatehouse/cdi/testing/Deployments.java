package dev.gatehouse.cdi.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;

import dev.gatehouse.cdi.extension.SecurityAnnotationsExtension;
import jakarta.enterprise.inject.spi.DefinitionException;

/** Starts Weld SE with only the extension under test and the given bean classes: no discovery, no beans.xml. */
public final class Deployments {

    private Deployments() {
    }

    /** Weld with the extension and {@code beanClasses}; the security interceptor comes from the extension alone. */
    public static Weld weld(Class<?>... beanClasses) {
        return WeldInitiator.createWeld().addExtension(new SecurityAnnotationsExtension()).addBeanClasses(beanClasses);
    }

    /** Starts a container (close it). */
    public static WeldContainer start(Class<?>... beanClasses) {
        return weld(beanClasses).initialize();
    }

    /** Asserts that deploying {@code beanClasses} fails with a definition error, and returns it. */
    public static DefinitionException failure(Class<?>... beanClasses) {
        return assertThrows(DefinitionException.class, () -> start(beanClasses).close());
    }
}
