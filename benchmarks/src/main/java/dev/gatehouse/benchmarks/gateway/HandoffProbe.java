package dev.gatehouse.benchmarks.gateway;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * How long it takes right now to wake another thread and be woken back (a ping-pong through two blocking queues,
 * which park and unpark as thread pools do), as a gauge of the machine: a call through the gateway passes its work
 * between threads several times more than a direct call (Tomcat's poller and worker, the HTTP client's selector and
 * workers), so on a machine whose cores are busy with other processes every handoff waits for a core.
 */
final class HandoffProbe {

    private HandoffProbe() {
    }

    /** Round trips, after as many unrecorded ones. */
    static Latencies measure(int roundTrips) throws InterruptedException {
        BlockingQueue<Long> ping = new ArrayBlockingQueue<>(1);
        BlockingQueue<Long> pong = new ArrayBlockingQueue<>(1);
        Thread echo = new Thread(() -> {
            try {
                while (true) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "bench-echo");
        echo.setDaemon(true);
        echo.start();
        Latencies latencies = new Latencies();
        try {
            for (int i = -roundTrips; i < roundTrips; i++) {
                long start = System.nanoTime();
                ping.put(start);
                pong.take();
                if (i >= 0) {
                    latencies.record(System.nanoTime() - start);
                }
            }
        } finally {
            echo.interrupt();
        }
        return latencies;
    }
}
