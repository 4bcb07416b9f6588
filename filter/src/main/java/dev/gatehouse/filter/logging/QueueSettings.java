package dev.gatehouse.filter.logging;

import java.time.Duration;

/**
 * The bounded queue in front of an {@link AsyncWriter}. Validated when built, so a bad setting fails deployment rather
 * than a request.
 *
 * @param queueCapacity how many items may wait for the sink, 1 to {@value #MAX_QUEUE_CAPACITY} (the queue's array is
 *     allocated up front)
 * @param policy what happens to an item that finds the queue full
 * @param blockTimeout how long {@link FullQueuePolicy#BLOCK} waits for room, 0 to {@link #MAX_BLOCK_TIMEOUT} (a
 *     request thread is held that long); ignored with {@link FullQueuePolicy#DROP}
 * @throws IllegalArgumentException naming the setting that is missing or out of range
 */
public record QueueSettings(int queueCapacity, FullQueuePolicy policy, Duration blockTimeout) {

    /** Largest {@code queueCapacity}. */
    public static final int MAX_QUEUE_CAPACITY = 1 << 20;
    /** Longest {@code blockTimeout}. */
    public static final Duration MAX_BLOCK_TIMEOUT = Duration.ofSeconds(10);
    /**
     * 8192 queued items, {@link FullQueuePolicy#BLOCK} for at most 50 ms: nothing is lost under short bursts, and a
     * stuck sink costs a request at most 50 ms.
     */
    public static final QueueSettings DEFAULTS = new QueueSettings(8192, FullQueuePolicy.BLOCK, Duration.ofMillis(50));

    public QueueSettings {
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
    }
}
