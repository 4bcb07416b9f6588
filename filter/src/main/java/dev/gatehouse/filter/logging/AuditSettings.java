package dev.gatehouse.filter.logging;

import java.time.Duration;

/**
 * How Gatehouse audits requests. Validated when built, so a bad setting fails deployment rather than a request.
 *
 * @param enabled {@code false} records nothing ({@link AuditLog#NONE})
 * @param sink the {@link AuditSink#name()} to write to: {@code jul} (default), {@code file}, or a
 *     {@link java.util.ServiceLoader} provider's name; surrounding blanks are removed
 * @param queueCapacity how many events may wait for the sink, 1 to {@value #MAX_QUEUE_CAPACITY} (the queue's array
 *     is allocated up front)
 * @param policy what happens to an event that finds the queue full
 * @param blockTimeout how long {@link FullQueuePolicy#BLOCK} waits for room, 0 to {@link #MAX_BLOCK_TIMEOUT}
 *     (a request thread is held that long); ignored with {@link FullQueuePolicy#DROP}
 * @param file the files of the {@code file} sink: required when {@code sink} is {@code file}, else may be null
 * @throws IllegalArgumentException naming the setting that is missing or out of range
 */
public record AuditSettings(boolean enabled, String sink, int queueCapacity, FullQueuePolicy policy,
        Duration blockTimeout, AuditFileSettings file) {

    /** Largest {@code queueCapacity}. */
    public static final int MAX_QUEUE_CAPACITY = 1 << 20;
    /** Longest {@code blockTimeout}. */
    public static final Duration MAX_BLOCK_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Enabled, sink {@code jul}, 8192 queued events, {@link FullQueuePolicy#BLOCK} for at most 50 ms: nothing is lost
     * under short bursts, and a stuck sink costs a request at most 50 ms.
     */
    public static final AuditSettings DEFAULTS =
            new AuditSettings(true, JulAuditSink.NAME, 8192, FullQueuePolicy.BLOCK, Duration.ofMillis(50), null);

    public AuditSettings {
        if (sink == null || sink.isBlank()) {
            throw new IllegalArgumentException("sink is required, was " + (sink == null ? null : "'" + sink + "'"));
        }
        sink = sink.strip();
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException(
                    "queueCapacity must be between 1 and " + MAX_QUEUE_CAPACITY + ", was " + queueCapacity);
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy is required (DROP or BLOCK)");
        }
        if (blockTimeout == null || blockTimeout.isNegative() || blockTimeout.compareTo(MAX_BLOCK_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "blockTimeout must be between 0 and " + MAX_BLOCK_TIMEOUT + ", was " + blockTimeout);
        }
        if (file == null && RotatingFileAuditSink.NAME.equals(sink)) {
            throw new IllegalArgumentException("file is required when sink is 'file'");
        }
    }
}
