package dev.gatehouse.filter.logging;

/** What {@link AsyncAuditLog#record} does when its queue is full. Either way a lost event is counted and reported. */
public enum FullQueuePolicy {
    /** Drop the event at once: the request never waits for the audit sink. */
    DROP,
    /**
     * Wait up to {@link AuditSettings#blockTimeout()} for room, then drop: short bursts lose nothing, and a stuck sink
     * costs each request at most the timeout.
     */
    BLOCK
}
