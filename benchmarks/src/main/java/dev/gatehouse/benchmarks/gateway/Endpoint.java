package dev.gatehouse.benchmarks.gateway;

import java.net.URI;

/**
 * Where a benchmark client sends {@code POST /chat/completions}, and the {@code Authorization} values it sends in turn
 * (the provider's key when calling the provider directly; the callers' tokens when calling the gateway).
 */
record Endpoint(String name, URI uri, String[] authorizations) {

    /** The {@code i}-th request's {@code Authorization} value. */
    String authorization(int i) {
        return authorizations[Math.floorMod(i, authorizations.length)];
    }

    @Override
    public String toString() {
        return name + " " + uri;
    }
}
