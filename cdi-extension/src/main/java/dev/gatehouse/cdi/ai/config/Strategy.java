package dev.gatehouse.cdi.ai.config;

/** How an alias orders its targets for one call; the next target in the order is the fallback. */
public enum Strategy {
    /** In the configured order. */
    PRIORITY,
    /** First target drawn by weight, the rest by weight among those left. */
    WEIGHTED,
    /** Lowest recent latency first (targets without measurements first, in configured order). */
    LEAST_LATENCY
}
