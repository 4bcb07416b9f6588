package dev.gatehouse.filter.logging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Collects written events. {@link #blocking()} makes each write wait until {@link #release()}, so a test can hold the
 * writer thread and fill the queue without timing; {@link #failingOn} makes writes throw.
 */
final class TestSink implements AuditSink {

    final List<AuditEvent> written = Collections.synchronizedList(new ArrayList<>());
    final Set<String> writerThreads = ConcurrentHashMap.newKeySet();
    /** Counted down when the first write starts. */
    final CountDownLatch entered = new CountDownLatch(1);
    /** Counted down when {@link #close()} is called. */
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger closeCalls = new AtomicInteger();
    final AtomicInteger writesAfterClose = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean blocking;
    private volatile Predicate<AuditEvent> failing = event -> false;
    private volatile Consumer<AuditEvent> beforeWrite = event -> { };

    /** Writes wait until {@link #release()}. */
    TestSink blocking() {
        blocking = true;
        return this;
    }

    /** Writes of matching events throw an IOException whose message holds a secret. */
    TestSink failingOn(Predicate<AuditEvent> when) {
        failing = when;
        return this;
    }

    /** Runs {@code action} at the start of each write, on the writer thread. */
    TestSink beforeWrite(Consumer<AuditEvent> action) {
        beforeWrite = action;
        return this;
    }

    void release() {
        gate.countDown();
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void write(AuditEvent event) throws IOException {
        writerThreads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
        entered.countDown();
        if (blocking) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        }
        beforeWrite.accept(event);
        if (closeCalls.get() > 0) {
            writesAfterClose.incrementAndGet();
        }
        if (failing.test(event)) {
            throw new IOException("eyJhbGciOiJSUzI1NiJ9.secret-token-in-message");
        }
        written.add(event);
    }

    @Override
    public void close() {
        closeCalls.incrementAndGet();
        closed.countDown();
    }
}
