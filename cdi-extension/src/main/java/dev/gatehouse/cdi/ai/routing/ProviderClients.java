package dev.gatehouse.cdi.ai.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The JDK HTTP clients the gateway calls model providers with, one per kind of provider address:
 * <ul>
 * <li><b>https</b> (hosted providers: OpenAI, Anthropic, Gemini, Mistral...): the client's defaults — HTTP/2 when
 * the server offers it by ALPN, and the client's own thread pool for TLS and response work, so that no connection's
 * decryption or handshake waits for another's.</li>
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
 * Neither follows redirects (a provider's API key must not travel to another host). Thread-safe.
 */
public final class ProviderClients {

    /** Runs each task where it is submitted: on the calling thread, or the selector thread. */
    private static final Executor SAME_THREAD = Runnable::run;

    private final HttpClient https;
    private final HttpClient plainHttp;

    public ProviderClients(HttpClient https, HttpClient plainHttp) {
        this.https = https;
        this.plainHttp = plainHttp;
    }

    /** The clients described above, both with {@code connectTimeout}. */
    public static ProviderClients create(Duration connectTimeout) {
        HttpClient https = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient plainHttp = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(SAME_THREAD).build();
        return new ProviderClients(https, plainHttp);
    }

    /** The client for a request to {@code uri}. */
    public HttpClient forUri(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) ? plainHttp : https;
    }
}
