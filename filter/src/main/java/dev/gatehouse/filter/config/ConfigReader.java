package dev.gatehouse.filter.config;

import java.util.Optional;
import java.util.Set;

/** Where raw property values come from: MicroProfile Config when the application has it, otherwise {@link FallbackConfigReader}. */
public interface ConfigReader {

    /** The raw value of {@code name}, trimmed; empty when unset or blank. */
    Optional<String> get(String name);

    /** Names this source can enumerate (used to report misspelt {@code gatehouse.*} properties). */
    Set<String> names();

    /**
     * MicroProfile Config for {@code loader} when an implementation is reachable from it, otherwise the fallback
     * (system properties, environment, servlet context parameters, {@code META-INF/microprofile-config.properties}).
     */
    static ConfigReader forApplication(ClassLoader loader, java.util.function.Function<String, String> contextParams) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
            return MicroProfileConfigReader.of(loader);
        } catch (ClassNotFoundException | LinkageError | IllegalStateException | java.util.ServiceConfigurationError e) {
            return FallbackConfigReader.of(loader, contextParams);
        }
    }
}
