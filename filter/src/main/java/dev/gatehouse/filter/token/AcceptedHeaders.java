package dev.gatehouse.filter.token;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded protected headers that most recently passed a layer's header checks. Those checks depend on nothing but
 * the header (and the fixed configuration), and an issuer's tokens all carry the same few headers, so one string
 * comparison replaces them for the usual token. Only accepted headers are remembered, in a handful of slots reused
 * round-robin: a stream of distinct headers costs a few failed comparisons each, never memory. Thread-safe.
 */
final class AcceptedHeaders {

    /** Slots; a power of two. Enough for an issuer rotating keys (one header per {@code kid}) and a few issuers. */
    private static final int SLOTS = 8;

    private final AtomicReferenceArray<String> slots = new AtomicReferenceArray<>(SLOTS);
    private final AtomicInteger next = new AtomicInteger();

    /** Whether {@code encodedHeader}, exactly as received, passed the checks before. */
    boolean contains(String encodedHeader) {
        for (int i = 0; i < SLOTS; i++) {
            String accepted = slots.get(i);
            if (accepted == null) {
                return false; // slots fill in order
            }
            if (accepted.equals(encodedHeader)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers a header that passed the checks, replacing the oldest one when all slots are taken. */
    void add(String encodedHeader) {
        slots.set(next.getAndIncrement() & (SLOTS - 1), encodedHeader);
    }
}
