package dev.gatehouse.filter.config;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the application's MicroProfile Config; only loaded when the API and an implementation are present. */
final class MicroProfileConfigReader implements ConfigReader {

    private final Config config;

    private MicroProfileConfigReader(Config config) {
        this.config = config;
    }

    static MicroProfileConfigReader of(ClassLoader loader) {
        return new MicroProfileConfigReader(ConfigProvider.getConfig(loader));
    }

    @Override
    public Optional<String> get(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        config.getPropertyNames().forEach(names::add);
        return names;
    }
}
