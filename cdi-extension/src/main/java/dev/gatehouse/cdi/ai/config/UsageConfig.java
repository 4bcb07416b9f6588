package dev.gatehouse.cdi.ai.config;

import java.time.Duration;
import java.util.Set;

import dev.gatehouse.cdi.ai.usage.UsageStoreSettings;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigValues;
import dev.gatehouse.filter.config.RotatingFileKeys;
import dev.gatehouse.filter.logging.AuditFileSettings;

/**
 * Reads where usage records are kept ({@code gatehouse.ai.usage.file.path}, its rotation, the replay window) into
 * {@link UsageStoreSettings}; every refusal names its property. Rotation properties without a file are refused, as
 * they would do nothing.
 */
final class UsageConfig {

    /**
     * The usage file, default none: records are kept in memory only, and a restart forgets all usage and reopens
     * every budget. The file holds subjects, aliases, counts, costs and budget windows (never prompts, answers,
     * tokens or keys): who called what and when.
     */
    static final String FILE = AiSettingsLoader.PREFIX + "usage.file.path";
    /**
     * Bytes at which the usage file is rotated, default {@link AuditFileSettings#DEFAULT_MAX_BYTES}. With
     * {@link #FILE_MAX_FILES} it sets how far back budgets reach after a restart: calls rotated away no longer count.
     */
    static final String FILE_MAX_SIZE = AiSettingsLoader.PREFIX + "usage.file.max-size";
    /** Usage files kept, the current one included, default {@link AuditFileSettings#DEFAULT_MAX_FILES}. */
    static final String FILE_MAX_FILES = AiSettingsLoader.PREFIX + "usage.file.max-files";
    /**
     * How far back the usage file is read into the usage totals at startup, default
     * {@link UsageStoreSettings#DEFAULT_REPLAY_WINDOW}. Budgets get the calls of their open windows whatever it says.
     */
    static final String REPLAY_WINDOW = AiSettingsLoader.PREFIX + "usage.replay-window";
    /** Every property this class reads. */
    static final Set<String> PROPERTIES = Set.of(FILE, FILE_MAX_SIZE, FILE_MAX_FILES, REPLAY_WINDOW);

    private static final RotatingFileKeys FILE_KEYS = new RotatingFileKeys(FILE, FILE_MAX_SIZE, FILE_MAX_FILES);

    private final ConfigValues values;

    UsageConfig(ConfigValues values) {
        this.values = values;
    }

    UsageStoreSettings load() {
        Duration replayWindow = values.duration(REPLAY_WINDOW).orElse(UsageStoreSettings.DEFAULT_REPLAY_WINDOW);
        String location = values.string(FILE).filter(s -> !s.isBlank()).orElse(null);
        if (location == null) {
            for (String property : new String[] {FILE_MAX_SIZE, FILE_MAX_FILES, REPLAY_WINDOW}) {
                if (values.string(property).isPresent()) {
                    throw new ConfigException(property, "applies only with " + FILE);
                }
            }
            return UsageStoreSettings.MEMORY_ONLY;
        }
        return new UsageStoreSettings(FILE_KEYS.read(values, location.strip()), replayWindow);
    }
}
