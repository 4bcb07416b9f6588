package dev.gatehouse.cdi.ai.routing;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP clients the gateway calls model providers with, one per kind of provider address:
 * <ul>
 * <li><b>https</b> (hosted providers: OpenAI, Anthropic, Gemini, Mistral...): the client's defaults — HTTP/2 when
 * the server offers it by ALPN, and a thread pool for TLS and response work (a cached pool, like the client's own
 * default, but one the gateway can stop), so that no connection's decryption or handshake waits for another's.</li>
 * <li><b>http</b> (a model server on this host: Ollama, vLLM, LM Studio; remote plain http needs a dangerous switch):
 * HTTP/1.1, since with the client's default every request would carry an {@code Upgrade: h2c} offer that such
 * servers ignore or warn about; and no thread pool: the exchange starts on the calling (request) thread and the
 * response is completed on the client's selector thread, instead of being handed to a pool thread at each end. On
 * loopback, dropping those two handoffs halved the outbound client's CPU per call (~245 to ~116 µs) and took
 * 0.05–0.1 ms off the gateway's added latency ({@code BENCHMARKS.md}, "AI gateway overhead"). This is safe because
 * nothing the gateway asks the client to run blocks: its body handlers only collect bytes ({@code ofString}) or
 * queue them for the reading thread as it asks for more ({@code ofInputStream}, demand-driven), and calls are made
 * with {@code send}, whose future completes the waiting request thread and carries no dependent stages. (Not
 * {@code sendAsync}: the JDK completes its future through the common fork-join pool, one more handoff per call — the
 * first streamed byte came ~0.4 ms later when the router tried it with a timed wait.)</li>
 * </ul>
 * Neither follows redirects (a provider's API key must not travel to another host).
 * <p>
 * The clients' threads (each client's selector thread, the https pool's threads) are started with the platform class
 * loader as their context class loader, not the application's: a thread still running after the application stopped
 * would otherwise keep its class loader, and all its classes, from being collected (and Tomcat warns about each such
 * thread at undeployment). {@link #close} stops the pool and, on Java 21 and later, shuts both clients down; on Java 17
 * a client's selector thread ends by itself a few seconds after the client is no longer referenced. Thread-safe.
 */
public final class ProviderClients implements AutoCloseable {

    /** Runs each task where it is submitted: on the calling thread, or the selector thread. */
    private static final Executor SAME_THREAD = Runnable::run;
    /** {@code HttpClient.shutdown()} (Java 21 and later: no new requests, threads end after the last), or null. */
    private static final Method SHUTDOWN = shutdownMethod();

    private final HttpClient https;
    private final HttpClient plainHttp;
    private final ExecutorService pool;

    private ProviderClients(HttpClient https, HttpClient plainHttp, ExecutorService pool) {
        this.https = https;
        this.plainHttp = plainHttp;
        this.pool = pool;
    }

    /** The clients described above, both with {@code connectTimeout}. */
    public static ProviderClients create(Duration connectTimeout) {
        ExecutorService pool = Executors.newCachedThreadPool(new PoolThreads());
        Thread current = Thread.currentThread();
        ClassLoader application = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader()); // inherited by the selector threads
        try {
            HttpClient https = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).executor(pool).build();
            HttpClient plainHttp = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                    .executor(SAME_THREAD).build();
            return new ProviderClients(https, plainHttp, pool);
        } catch (RuntimeException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            current.setContextClassLoader(application);
        }
    }

    /** The client for a request to {@code uri}. */
    public HttpClient forUri(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) ? plainHttp : https;
    }

    /**
     * Stops the clients when the application stops: no new requests (Java 21 and later), the https pool's threads end
     * once their tasks are done. Calls still running (streams) are cancelled by the stream watchdog, not here.
     */
    @Override
    public void close() {
        shutdown(https);
        shutdown(plainHttp);
        pool.shutdown();
    }

    private static void shutdown(HttpClient client) {
        if (SHUTDOWN != null) {
            try {
                SHUTDOWN.invoke(client);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // stopping anyway: the client's threads end once it is no longer referenced
            }
        }
    }

    private static Method shutdownMethod() {
        try {
            return HttpClient.class.getMethod("shutdown");
        } catch (NoSuchMethodException java17) {
            return null;
        }
    }

    /** Daemon threads named {@code gatehouse-provider-P-N}, with the platform class loader as context class loader. */
    private static final class PoolThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            // no inherited thread locals: the thread may be created by any request thread
            Thread thread = new Thread(null, task, "gatehouse-provider-" + pool + "-" + threads.incrementAndGet(), 0,
                    false);
            thread.setDaemon(true);
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            return thread;
        }
    }
}
