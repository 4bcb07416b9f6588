package dev.gatehouse.filter.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.TokenValidator;

/**
 * The filter's token validator, built from a {@code .properties} file the way the filter builds it at deployment:
 * {@link FallbackConfigReader} over the file's properties and the environment, {@link SettingsLoader},
 * {@link KeySources}, {@link Jose4jTokenValidator}. One difference, for the command line: a relative key location
 * resolves against the file's folder (in a WAR it would name a class-path resource).
 */
final class PropertiesFileValidator {

    private static final List<String> KEY_LOCATIONS = List.of(ConfigKeys.DECRYPT_KEY_LOCATION,
            ConfigKeys.VERIFY_KEY_LOCATION);
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    private PropertiesFileValidator() {
    }

    /**
     * Loads {@code file} and builds the validator.
     *
     * @param environment environment variables, which the filter also reads (after the file's properties)
     * @param warn receives notes such as "the filter is disabled by this configuration"
     * @throws UsageException naming {@code option}, the file and, for configuration problems, the property
     */
    static TokenValidator load(String option, String file, Map<String, String> environment, Clock clock,
            Consumer<String> warn) throws UsageException {
        Map<String, String> properties = read(option, file);
        try {
            SettingsLoader loader = new SettingsLoader(FallbackConfigReader.of(properties, environment));
            if (!loader.enabled()) {
                warn.accept(ConfigKeys.ENABLED + " is false in " + file + ": the filter would let every request "
                        + "through; validating as if it were on");
            }
            FilterSettings settings = loader.load();
            return Jose4jTokenValidator.create(settings, PropertiesFileValidator.class.getClassLoader(), clock);
        } catch (ConfigException e) {
            throw new UsageException(option + " " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> read(String option, String file) throws UsageException {
        Path path;
        Properties loaded = new Properties();
        try {
            path = Path.of(file).toAbsolutePath();
            try (InputStream in = Files.newInputStream(path)) {
                loaded.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(option + ": cannot read " + file + " (" + KeyFiles.describe(e) + ")");
        }
        Map<String, String> properties = new HashMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name, loaded.getProperty(name)));
        Path folder = path.getParent();
        for (String name : KEY_LOCATIONS) {
            String value = properties.get(name);
            if (value != null) {
                properties.put(name, resolve(value.trim(), folder));
            }
        }
        return properties;
    }

    /** A relative file name as a {@code file:} URL under {@code folder}; anything else unchanged. */
    private static String resolve(String location, Path folder) {
        if (location.isEmpty() || location.startsWith("/") || URL_SCHEME.matcher(location).lookingAt()) {
            return location;
        }
        try {
            Path path = Path.of(location);
            return path.isAbsolute() ? location : folder.resolve(path).normalize().toUri().toString();
        } catch (InvalidPathException e) {
            return location;
        }
    }
}
