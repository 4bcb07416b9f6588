package dev.gatehouse.filter.logging;

/** What {@link AsyncWriter#record} does when its queue is full. Either way a lost item is counted and reported. */
public enum FullQueuePolicy {
    /** Drop the item at once: the request never waits for the sink. */
    DROP,
    /**
     * Wait up to {@link QueueSettings#blockTimeout()} for room, then drop: short bursts lose nothing, and a stuck sink
     * costs each request at most the timeout.
     */
    BLOCK
}
