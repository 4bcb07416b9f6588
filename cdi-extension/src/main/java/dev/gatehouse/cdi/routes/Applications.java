package dev.gatehouse.cdi.routes;

import java.lang.reflect.Constructor;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Application;

/** Which resource classes a JAX-RS {@code Application} serves. */
final class Applications {

    private static final Logger LOG = Logger.getLogger(Applications.class.getName());

    private Applications() {
    }

    /**
     * The resources of {@code application}: those its {@code getClasses()}/{@code getSingletons()} name when it
     * overrides them with something, otherwise every root resource found (scanning, as the JAX-RS runtime does then).
     */
    static Set<Class<?>> resourcesOf(Class<?> application, Set<Class<?>> scanned) {
        if (!declares(application, "getClasses") && !declares(application, "getSingletons")) {
            return scanned;
        }
        try {
            Constructor<?> constructor = application.getDeclaredConstructor();
            constructor.setAccessible(true);
            Application instance = (Application) constructor.newInstance();
            Set<Class<?>> named = new LinkedHashSet<>(instance.getClasses());
            instance.getSingletons().forEach(s -> named.add(s.getClass()));
            named.retainAll(scanned);
            return named.isEmpty() ? scanned : named;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Gatehouse could not list the classes of " + application.getName()
                    + "; using every resource found", e);
            return scanned;
        }
    }

    private static boolean declares(Class<?> type, String method) {
        for (Class<?> c = type; c != null && c != Application.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(method);
                return true;
            } catch (NoSuchMethodException e) {
                // keep looking up the hierarchy
            }
        }
        return false;
    }
}
