package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.cdi.ai.http.PlainHttpClient;
import dev.gatehouse.cdi.ai.http.ProviderResponse;

/**
 * The clients the gateway calls model providers with, one per kind of provider address:
 * <ul>
 * <li><b>https</b> (hosted providers: OpenAI, Anthropic, Gemini, Mistral...): the JDK's {@link HttpClient} with its
 * defaults — HTTP/2 when the server offers it by ALPN, and a thread pool for TLS and response work (a cached pool, like
 * the client's own default, but one the gateway can stop), so that no connection's decryption or handshake waits for
 * another's.</li>
 * <li><b>http</b> (a model server on this host: Ollama, vLLM, LM Studio; remote plain http needs a dangerous switch):
 * {@link PlainHttpClient}, HTTP/1.1 read by the calling thread. The JDK client hands every response from its selector
 * thread to the waiting request thread (and wakes the selector thread to register each call): on loopback, where
 * nothing else adds latency, those wake-ups were most of what a proxy adds, and cost 0.13 ms at p50 and ~0.5 ms at
 * p99 of a stream's first byte on this project's 2-core machine ({@code BENCHMARKS.md}, "AI gateway overhead"). The
 * JDK client for plain http, tried first, ran its tasks on the calling and selector threads (no pool) to save two more
 * handoffs; the library alternatives measured slower ({@code BENCHMARKS.md}).</li>
 * </ul>
 * Neither follows redirects (a provider's API key must not travel to another host).
 * <p>
 * The JDK client's threads (its selector thread, the https pool's threads) are started with the platform class loader
 * as their context class loader, not the application's: a thread still running after the application stopped would
 * otherwise keep its class loader, and all its classes, from being collected (and Tomcat warns about each such thread
 * at undeployment). The plain-http client has no threads. {@link #close} stops the pool, closes idle plain-http
 * connections and, on Java 21 and later, shuts the JDK client down; on Java 17 its selector thread ends by itself a
 * few seconds after the client is no longer referenced. Thread-safe.
 */
public final class ProviderClients implements AutoCloseable {

    /** {@code HttpClient.shutdown()} (Java 21 and later: no new requests, threads end after the last), or null. */
    private static final Method SHUTDOWN = shutdownMethod();

    private final HttpClient https;
    /** Null when the JDK client takes plain-http calls too (a test's choice: {@link #jdkOnly}). */
    private final PlainHttpClient plainHttp;
    private final ExecutorService pool;

    private ProviderClients(HttpClient https, PlainHttpClient plainHttp, ExecutorService pool) {
        this.https = https;
        this.plainHttp = plainHttp;
        this.pool = pool;
    }

    /** The clients described above, both with {@code connectTimeout}. */
    public static ProviderClients create(Duration connectTimeout) {
        return create(connectTimeout, true);
    }

    /** The JDK client for every call, plain http included: lets tests run the same calls through both clients. */
    static ProviderClients jdkOnly(Duration connectTimeout) {
        return create(connectTimeout, false);
    }

    private static ProviderClients create(Duration connectTimeout, boolean ownPlainHttp) {
        ExecutorService pool = Executors.newCachedThreadPool(new PoolThreads());
        Thread current = Thread.currentThread();
        ClassLoader application = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader()); // inherited by the selector thread
        try {
            HttpClient https = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).executor(pool).build();
            return new ProviderClients(https, ownPlainHttp ? new PlainHttpClient(connectTimeout) : null, pool);
        } catch (RuntimeException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            current.setContextClassLoader(application);
        }
    }

    /**
     * Sends {@code request} and returns once the response head is here; the caller reads and closes the body (closing
     * it before its end cancels the call).
     *
     * @throws java.net.http.HttpConnectTimeoutException no connection within the connect timeout
     * @throws java.net.http.HttpTimeoutException no response head within the request's timeout
     * @throws IOException the connection failed
     */
    public ProviderResponse send(HttpRequest request) throws IOException, InterruptedException {
        if (plainHttp != null && "http".equalsIgnoreCase(request.uri().getScheme())) {
            return plainHttp.send(request);
        }
        HttpResponse<InputStream> response = https.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new ProviderResponse(response.statusCode(), response.headers(), response.body());
    }

    /** The JDK client (https calls). */
    HttpClient jdkClient() {
        return https;
    }

    /**
     * Stops the clients when the application stops: no new requests (Java 21 and later), the https pool's threads end
     * once their tasks are done. Calls still running (streams) are cancelled by the stream watchdog, not here.
     */
    @Override
    public void close() {
        shutdown(https);
        if (plainHttp != null) {
            plainHttp.close();
        }
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
