package dev.gatehouse.filter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Configuration for containers without MicroProfile Config (plain Tomcat), with the same precedence and
 * environment-variable mapping as MP Config: system properties, then environment variables ({@code mp.jwt.verify.issuer}
 * as is, as {@code mp_jwt_verify_issuer}, or as {@code MP_JWT_VERIFY_ISSUER}), then servlet context parameters, then
 * {@code META-INF/microprofile-config.properties} files (higher {@code config_ordinal} first).
 */
public final class FallbackConfigReader implements ConfigReader {

    private final Map<String, String> system;
    private final Map<String, String> environment;
    private final Function<String, String> contextParams;
    private final Map<String, String> files;

    FallbackConfigReader(Map<String, String> system, Map<String, String> environment,
            Function<String, String> contextParams, Map<String, String> files) {
        this.system = Map.copyOf(system);
        this.environment = Map.copyOf(environment);
        this.contextParams = contextParams;
        this.files = Map.copyOf(files);
    }

    static FallbackConfigReader of(ClassLoader loader, Function<String, String> contextParams) {
        Map<String, String> system = new HashMap<>();
        System.getProperties().forEach((k, v) -> system.put(String.valueOf(k), String.valueOf(v)));
        return new FallbackConfigReader(system, System.getenv(), contextParams, readPropertyFiles(loader));
    }

    /**
     * A reader over fixed maps, for tools and tests: {@code properties} play the part of a
     * {@code microprofile-config.properties} file, so the environment given overrides them, as on a server.
     */
    public static FallbackConfigReader of(Map<String, String> properties, Map<String, String> environment) {
        return new FallbackConfigReader(Map.of(), environment, name -> null, properties);
    }

    @Override
    public Optional<String> get(String name) {
        String value = system.get(name);
        if (value == null) {
            value = fromEnvironment(name);
        }
        if (value == null) {
            value = contextParams.apply(name);
        }
        if (value == null) {
            value = files.get(name);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Set<String> names() {
        Set<String> names = new HashSet<>(system.keySet());
        names.addAll(files.keySet());
        return names;
    }

    private String fromEnvironment(String name) {
        String value = environment.get(name);
        if (value != null) {
            return value;
        }
        String sanitized = name.replaceAll("[^A-Za-z0-9_]", "_");
        value = environment.get(sanitized);
        return value != null ? value : environment.get(sanitized.toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> readPropertyFiles(ClassLoader loader) {
        Map<String, String> merged = new HashMap<>();
        Map<String, Integer> ordinals = new HashMap<>();
        try {
            Enumeration<URL> urls = loader.getResources("META-INF/microprofile-config.properties");
            while (urls.hasMoreElements()) {
                Properties props = new Properties();
                try (InputStream in = urls.nextElement().openStream()) {
                    props.load(in);
                }
                int ordinal = Integer.parseInt(props.getProperty("config_ordinal", "100").trim());
                for (String key : props.stringPropertyNames()) {
                    if (ordinals.getOrDefault(key, Integer.MIN_VALUE) < ordinal) {
                        merged.put(key, props.getProperty(key));
                        ordinals.put(key, ordinal);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read META-INF/microprofile-config.properties", e);
        }
        return merged;
    }
}
