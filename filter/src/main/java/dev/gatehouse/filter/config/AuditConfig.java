package dev.gatehouse.filter.config;

import java.time.Duration;
import java.util.Locale;

import dev.gatehouse.filter.logging.AuditFileSettings;
import dev.gatehouse.filter.logging.AuditSettings;
import dev.gatehouse.filter.logging.FullQueuePolicy;
import dev.gatehouse.filter.logging.RotatingFileAuditSink;

/** Reads {@code gatehouse.audit.*} into {@link AuditSettings}; every refusal names its property. */
final class AuditConfig {

    private static final RotatingFileKeys FILE_KEYS = new RotatingFileKeys(ConfigKeys.AUDIT_FILE_PATH,
            ConfigKeys.AUDIT_FILE_MAX_SIZE, ConfigKeys.AUDIT_FILE_MAX_FILES);

    private final ConfigValues values;

    AuditConfig(ConfigValues values) {
        this.values = values;
    }

    AuditSettings load() {
        AuditSettings defaults = AuditSettings.DEFAULTS;
        boolean enabled = values.bool(ConfigKeys.AUDIT_ENABLED, defaults.enabled());
        String sink = values.string(ConfigKeys.AUDIT_SINK).orElse(defaults.sink());
        int capacity = values.integer(ConfigKeys.AUDIT_QUEUE_CAPACITY, defaults.queueCapacity());
        check(capacity >= 1 && capacity <= AuditSettings.MAX_QUEUE_CAPACITY, ConfigKeys.AUDIT_QUEUE_CAPACITY,
                "must be between 1 and " + AuditSettings.MAX_QUEUE_CAPACITY);
        FullQueuePolicy policy = values.string(ConfigKeys.AUDIT_QUEUE_FULL_POLICY).map(AuditConfig::policy)
                .orElse(defaults.policy());
        Duration timeout = values.duration(ConfigKeys.AUDIT_QUEUE_BLOCK_TIMEOUT).orElse(defaults.blockTimeout());
        check(timeout.compareTo(AuditSettings.MAX_BLOCK_TIMEOUT) <= 0, ConfigKeys.AUDIT_QUEUE_BLOCK_TIMEOUT,
                "must be at most " + AuditSettings.MAX_BLOCK_TIMEOUT);
        return new AuditSettings(enabled, sink, capacity, policy, timeout, file(sink));
    }

    private AuditFileSettings file(String sink) {
        boolean fileSink = RotatingFileAuditSink.NAME.equals(sink.strip());
        if (!fileSink) {
            return null;
        }
        String location = values.string(ConfigKeys.AUDIT_FILE_PATH).orElseThrow(() -> new ConfigException(
                ConfigKeys.AUDIT_FILE_PATH, "is required with " + ConfigKeys.AUDIT_SINK + "=" + RotatingFileAuditSink.NAME));
        return FILE_KEYS.read(values, location);
    }

    private static FullQueuePolicy policy(String value) {
        try {
            return FullQueuePolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKeys.AUDIT_QUEUE_FULL_POLICY, "must be block or drop, not '" + value + "'");
        }
    }

    private static void check(boolean ok, String property, String problem) {
        if (!ok) {
            throw new ConfigException(property, problem);
        }
    }
}
