package dev.gatehouse.cdi.ai.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's client for providers at plain {@code http://} addresses — model servers on the gateway's own host
 * (Ollama, vLLM, LM Studio, llama.cpp; other hosts only behind a dangerous switch), where the gateway's own time is
 * all the latency it adds. HTTP/1.1 with keep-alive, blocking, on the calling thread: the request is written in one
 * piece and the response read by the thread that waits for it, with no selector thread to hand the answer over (the
 * JDK client's design: two thread wake-ups per call, which on two cores cost 0.13 ms at p50 and 0.5 ms at p99 of a
 * stream's first byte — {@code BENCHMARKS.md}, "AI gateway overhead"). https providers keep the JDK client, which does
 * TLS and HTTP/2.
 * <p>
 * What it does, and only that: requests built as {@link HttpRequest}s (their method, URI, header fields, body and
 * {@link HttpRequest#timeout() timeout}, which bounds the wait for the response head, as in the JDK client), responses
 * framed by {@code Content-Length}, chunked or by the connection's end (RFC 9112), parsed strictly ({@link
 * ResponseHead}). No redirects, no proxies, no cookies, no compression, no retries: a request is written once — a
 * connection that failed is the router's to retry or fall back from, counted as an attempt. An idle connection is
 * used again only if it has been idle for less than {@link #MAX_IDLE} and a look without waiting shows the server has
 * not closed it. Thread-safe.
 */
public final class PlainHttpClient implements AutoCloseable {

    /** Longest idle time after which a kept connection is used again; longer-idle ones are closed. */
    static final Duration MAX_IDLE = Duration.ofSeconds(2);
    /** Most idle connections kept per address. */
    static final int MAX_IDLE_PER_ADDRESS = 64;

    private final Duration connectTimeout;
    private final long maxIdleNanos;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PlainHttpClient(Duration connectTimeout) {
        this(connectTimeout, MAX_IDLE);
    }

    PlainHttpClient(Duration connectTimeout, Duration maxIdle) {
        this.connectTimeout = connectTimeout;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /**
     * Sends {@code request} (an {@code http} URI) and returns once the response head is here; the body is read from
     * the returned stream, which must be closed.
     *
     * @throws java.net.http.HttpConnectTimeoutException no connection within the connect timeout
     * @throws java.net.http.HttpTimeoutException no response head within the request's timeout
     * @throws IOException the connection failed or the response head is malformed
     */
    public ProviderResponse send(HttpRequest request) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("the provider client is closed");
        }
        URI uri = request.uri();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http URI with a host");
        }
        long deadline = request.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        byte[] bytes = RequestBytes.of(request);
        String key = uri.getHost() + ":" + port(uri);
        Pool pool = pools.computeIfAbsent(key, k -> new Pool());
        PlainConnection connection = pool.take(System.nanoTime());
        if (connection == null) {
            connection = PlainConnection.open(new InetSocketAddress(uri.getHost(), port(uri)), connectTimeout);
        }
        try {
            connection.write(bytes);
            ResponseHead head = connection.readHead(deadline);
            return new ProviderResponse(head.status(), head.headers(),
                    new ResponseBody(connection, head, pool::put));
        } catch (ClosedByInterruptException e) {
            connection.close();
            throw new InterruptedException("interrupted while calling the provider");
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 80 : uri.getPort();
    }

    /** Closes the idle connections; connections in use are closed when their calls end. */
    @Override
    public void close() {
        closed = true;
        pools.values().forEach(Pool::clear);
    }

    /** Idle connections to one address, most recently used first. */
    private final class Pool {
        private final Deque<PlainConnection> idle = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();

        /** A connection idle for less than the longest idle time that the server has not closed, or null. */
        PlainConnection take(long now) {
            PlainConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                size.decrementAndGet();
                if (now - connection.idleSince() < maxIdleNanos && connection.reusable()) {
                    return connection;
                }
                connection.close();
            }
            return null;
        }

        /** A connection whose response was read to its end. */
        void put(PlainConnection connection) {
            long now = System.nanoTime();
            connection.idle(now);
            if (closed || size.incrementAndGet() > MAX_IDLE_PER_ADDRESS) {
                size.decrementAndGet();
                connection.close();
                return;
            }
            idle.offerFirst(connection);
            PlainConnection oldest = idle.peekLast(); // one look at the other end per call keeps stale ones few
            if (oldest != null && oldest != connection && now - oldest.idleSince() >= maxIdleNanos
                    && idle.removeLastOccurrence(oldest)) {
                size.decrementAndGet();
                oldest.close();
            }
            if (closed) {
                clear();
            }
        }

        void clear() {
            PlainConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                size.decrementAndGet();
                connection.close();
            }
        }
    }
}
