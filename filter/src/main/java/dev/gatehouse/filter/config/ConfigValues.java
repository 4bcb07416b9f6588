package dev.gatehouse.filter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Typed reading of raw property values (for the filter and the modules built on it); every refusal is a {@link ConfigException} naming the property. */
public final class ConfigValues {

    private final ConfigReader config;

    public ConfigValues(ConfigReader config) {
        this.config = config;
    }

    public Optional<String> string(String property) {
        return config.get(property);
    }

    public Optional<List<String>> list(String property) {
        return config.get(property).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()).filter(l -> !l.isEmpty());
    }

    public boolean bool(String property, boolean defaultValue) {
        return config.get(property).map(v -> {
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new ConfigException(property, "must be true or false, not '" + v + "'");
        }).orElse(defaultValue);
    }

    public int integer(String property, int defaultValue) {
        return config.get(property).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(property, "must be a whole number, not '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    public Optional<Duration> seconds(String property) {
        return config.get(property).map(v -> {
            try {
                long seconds = Long.parseLong(v);
                if (seconds < 0) {
                    throw new ConfigException(property, "must not be negative");
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new ConfigException(property, "must be a whole number of seconds, not '" + v + "'");
            }
        });
    }

    public Optional<Duration> duration(String property) {
        return config.get(property).map(v -> {
            try {
                Duration d = v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
                if (d.isNegative()) {
                    throw new ConfigException(property, "must not be negative");
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new ConfigException(property, "must be seconds or an ISO-8601 duration such as PT10M, not '" + v + "'");
            }
        });
    }

    /** {@link #duration}, or {@code defaultValue} when absent; zero is refused as well as negative values. */
    public Duration positiveDuration(String property, Duration defaultValue) {
        Duration value = duration(property).orElse(defaultValue);
        if (value.isZero()) {
            throw new ConfigException(property, "must be positive");
        }
        return value;
    }

    public long longValue(String property, long defaultValue) {
        return config.get(property).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(property, "must be a whole number, not '" + v + "'");
            }
        }).orElse(defaultValue);
    }
}
