package dev.gatehouse.filter.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import dev.gatehouse.filter.logging.AuditFileSettings;

/**
 * The properties of one rotating file ({@code gatehouse.audit.file.*}, {@code gatehouse.ai.usage.file.*}) and how they
 * are read into {@link AuditFileSettings}; every refusal names its property.
 *
 * @param path the property holding the file's path
 * @param maxSize the property holding {@link AuditFileSettings#maxBytes()}
 * @param maxFiles the property holding {@link AuditFileSettings#maxFiles()}
 */
public record RotatingFileKeys(String path, String maxSize, String maxFiles) {

    /**
     * The settings of the file at {@code location} (the value of {@link #path()}), with the sizes configured or
     * {@link AuditFileSettings#DEFAULT_MAX_BYTES} and {@link AuditFileSettings#DEFAULT_MAX_FILES}.
     *
     * @throws ConfigException naming the property that is not a path or out of range
     */
    public AuditFileSettings read(ConfigValues values, String location) {
        Path file;
        try {
            file = Path.of(location);
        } catch (InvalidPathException e) {
            throw new ConfigException(path, "is not a file path");
        }
        long maxBytes = values.longValue(maxSize, AuditFileSettings.DEFAULT_MAX_BYTES);
        int files = values.integer(maxFiles, AuditFileSettings.DEFAULT_MAX_FILES);
        try {
            return new AuditFileSettings(file, maxBytes, files);
        } catch (IllegalArgumentException e) {
            String property = e.getMessage().contains("maxFiles") ? maxFiles
                    : e.getMessage().contains("maxBytes") ? maxSize : path;
            throw new ConfigException(property, e.getMessage());
        }
    }
}
