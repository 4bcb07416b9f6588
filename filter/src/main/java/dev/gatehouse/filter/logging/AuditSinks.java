package dev.gatehouse.filter.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds the {@link AuditSink} that {@link AuditSettings#sink()} names. */
public final class AuditSinks {

    /** Stops the provider scan when a broken {@code META-INF/services} entry keeps failing. */
    private static final int MAX_PROVIDER_ERRORS = 16;

    private AuditSinks() {
    }

    /**
     * A new sink for {@code settings}: {@code jul} is a {@link JulAuditSink}, {@code file} a
     * {@link RotatingFileAuditSink} over {@link AuditSettings#file()}; these built-in names cannot be taken over. Any
     * other name is looked up among the {@link ServiceLoader} providers of {@link AuditSink} visible to {@code loader}
     * (the system class loader when null), by {@link AuditSink#name()}; every provider is instantiated to learn its
     * name.
     *
     * @throws IllegalArgumentException when no sink, or more than one provider, has that name; the message lists the
     *     known names and the providers that failed to load
     */
    public static AuditSink create(AuditSettings settings, ClassLoader loader) {
        String name = settings.sink();
        if (JulAuditSink.NAME.equals(name)) {
            return new JulAuditSink();
        }
        if (RotatingFileAuditSink.NAME.equals(name)) {
            return new RotatingFileAuditSink(settings.file());
        }
        Set<String> known = new TreeSet<>();
        List<AuditSink> matches = new ArrayList<>();
        Set<String> broken = new LinkedHashSet<>();
        Iterator<AuditSink> providers = ServiceLoader.load(AuditSink.class, loader).iterator();
        while (broken.size() < MAX_PROVIDER_ERRORS) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                AuditSink provider = providers.next();
                String providerName = provider.name();
                known.add(providerName);
                if (name.equals(providerName)) {
                    matches.add(provider);
                }
            } catch (ServiceConfigurationError | RuntimeException e) {
                broken.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("Audit sink '" + name + "' is provided by more than one class: "
                    + matches.stream().map(sink -> sink.getClass().getName()).toList());
        }
        known.add(JulAuditSink.NAME);
        known.add(RotatingFileAuditSink.NAME);
        throw new IllegalArgumentException("Unknown audit sink '" + name + "'; known: " + String.join(", ", known)
                + (broken.isEmpty() ? "" : "; providers that failed to load: " + String.join("; ", broken)));
    }
}
