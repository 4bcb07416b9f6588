package dev.gatehouse.filter.logging;

import java.time.Duration;

/**
 * How Gatehouse audits requests. Validated when built, so a bad setting fails deployment rather than a request.
 *
 * @param enabled {@code false} records nothing ({@link AuditLog#NONE})
 * @param sink the {@link AuditSink#name()} to write to: {@code jul} (default), {@code file}, or a
 *     {@link java.util.ServiceLoader} provider's name; surrounding blanks are removed
 * @param queueCapacity how many events may wait for the sink ({@link QueueSettings#queueCapacity()})
 * @param policy what happens to an event that finds the queue full ({@link QueueSettings#policy()})
 * @param blockTimeout how long {@link FullQueuePolicy#BLOCK} waits for room ({@link QueueSettings#blockTimeout()})
 * @param file the files of the {@code file} sink: required when {@code sink} is {@code file}, else may be null
 * @throws IllegalArgumentException naming the setting that is missing or out of range
 */
public record AuditSettings(boolean enabled, String sink, int queueCapacity, FullQueuePolicy policy,
        Duration blockTimeout, AuditFileSettings file) {

    /** Largest {@code queueCapacity}. */
    public static final int MAX_QUEUE_CAPACITY = QueueSettings.MAX_QUEUE_CAPACITY;
    /** Longest {@code blockTimeout}. */
    public static final Duration MAX_BLOCK_TIMEOUT = QueueSettings.MAX_BLOCK_TIMEOUT;
    /** Enabled, sink {@code jul}, and the queue of {@link QueueSettings#DEFAULTS}. */
    public static final AuditSettings DEFAULTS = new AuditSettings(true, JulAuditSink.NAME,
            QueueSettings.DEFAULTS.queueCapacity(), QueueSettings.DEFAULTS.policy(),
            QueueSettings.DEFAULTS.blockTimeout(), null);

    public AuditSettings {
        if (sink == null || sink.isBlank()) {
            throw new IllegalArgumentException("sink is required, was " + (sink == null ? null : "'" + sink + "'"));
        }
        sink = sink.strip();
        new QueueSettings(queueCapacity, policy, blockTimeout); // validates them
        if (file == null && RotatingFileAuditSink.NAME.equals(sink)) {
            throw new IllegalArgumentException("file is required when sink is 'file'");
        }
    }

    /** The queue settings, for the {@link AsyncWriter} of the audit log. */
    public QueueSettings queue() {
        return new QueueSettings(queueCapacity, policy, blockTimeout);
    }
}
