package dev.gatehouse.cdi.ai.usage;

import java.time.Duration;
import java.util.Objects;

import dev.gatehouse.filter.logging.AuditFileSettings;

/**
 * Where usage records are kept ({@code gatehouse.ai.usage.*}).
 *
 * @param file the usage file and its rotation, or null to keep records in memory only (lost on restart)
 * @param replayWindow how far back the records read at startup go into the usage totals; budgets always get the
 *     records of their windows still open, whatever this says. Not negative.
 */
public record UsageStoreSettings(AuditFileSettings file, Duration replayWindow) {

    /** The default {@code replayWindow}: 31 days, a month of totals. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofDays(31);
    /** No file: records live in memory until the application stops. */
    public static final UsageStoreSettings MEMORY_ONLY = new UsageStoreSettings(null, DEFAULT_REPLAY_WINDOW);

    public UsageStoreSettings {
        Objects.requireNonNull(replayWindow, "replayWindow");
        if (replayWindow.isNegative()) {
            throw new IllegalArgumentException("replayWindow must not be negative, was " + replayWindow);
        }
    }
}
