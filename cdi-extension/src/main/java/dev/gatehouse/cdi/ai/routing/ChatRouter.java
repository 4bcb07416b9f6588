package dev.gatehouse.cdi.ai.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.http.ProviderResponse;
import dev.gatehouse.cdi.ai.provider.Completion;
import dev.gatehouse.cdi.ai.provider.ProviderAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderException;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.provider.StreamTranslator;
import dev.gatehouse.cdi.ai.provider.UpstreamError;
import dev.gatehouse.cdi.json.Json;

/**
 * Sends one call to an alias's targets: in the order of its strategy, each target up to {@code 1 + maxRetries} times
 * with backoff, falling back to the next on 429, 5xx, timeouts (to response headers) and connection failures — never on
 * another 4xx, which is the caller's and is passed on. A streamed call is served once its first chunk is read, before
 * the caller gets anything: a stream that reports an error or breaks off before that is a failed attempt like an HTTP
 * error (an error event decides as the same error answered over HTTP would); after that a failure ends the relay with
 * an error event. A stream that falls silent for longer than its provider allows (before the first chunk
 * {@code stream-first-chunk-timeout}, after it {@code stream-idle-timeout}) is cancelled by the {@link StreamWatchdog}:
 * before the first chunk a failed attempt ({@code stream_stalled}) like a broken stream. A target's latency is measured
 * to its answer, or to the first chunk of a stream. Thread-safe.
 */
public final class ChatRouter {

    private static final UpstreamError TIMEOUT =
            new UpstreamError(504, "api_error", "The model provider did not answer in time", null);
    private static final UpstreamError UNREACHABLE =
            new UpstreamError(502, "api_error", "The model provider could not be reached", null);
    private static final UpstreamError MALFORMED =
            new UpstreamError(502, "api_error", "The model provider sent an answer that could not be read", null);
    private static final UpstreamError STREAM_CUT =
            new UpstreamError(502, "api_error", "The model provider's stream broke off before it answered", null);
    private static final UpstreamError STREAM_STALLED =
            new UpstreamError(504, "api_error", "The model provider's stream stalled before it answered", null);

    /** Largest non-streamed answer accepted from a provider. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** The limit of a body read when a provider has no response timeout. */
    private static final Duration NO_DEADLINE = Duration.ofDays(1);

    private final AiSettings settings;
    private final Map<String, ProviderAdapter> adapters;
    private final ProviderClients clients;
    private final StreamWatchdog watchdog;
    private final TargetHealth health;
    private final TargetOrder order;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    /** Waits between retries (tests pass one that records instead of sleeping). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param adapters by provider kind
     * @param watchdog watches the streams of streamed calls (the caller closes it when the gateway stops)
     */
    public ChatRouter(AiSettings settings, Map<String, ProviderAdapter> adapters, ProviderClients clients,
            StreamWatchdog watchdog, TargetHealth health, TargetOrder order, Backoff backoff, Sleeper sleeper,
            Clock clock) {
        this.settings = settings;
        this.adapters = Map.copyOf(adapters);
        this.clients = clients;
        this.watchdog = watchdog;
        this.health = health;
        this.order = order;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * A non-streamed call. The provider's {@code response-timeout} bounds the whole answer, body included: the
     * clients' own timeout ends at the response headers, so a body that trickles or stalls after them is read under
     * the {@link StreamWatchdog} with what is left of the timeout (a late answer is a {@code timeout} attempt).
     */
    public RoutedCompletion complete(AliasSettings alias, JsonObject chat) throws GatewayException,
            InterruptedException {
        return route(alias, new Exchange<RoutedCompletion>() {
            private long deadline;

            @Override
            public HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target) {
                Duration timeout = provider.responseTimeout();
                deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
                return adapter.request(provider, target.model(), chat, false);
            }

            @Override
            public String errorBody(ProviderSettings provider, InputStream body) {
                return readErrorBody(watchdog.watch(body, left()));
            }

            @Override
            public RoutedCompletion success(ProviderAdapter adapter, ProviderSettings provider, Target target,
                    InputStream body, List<Attempt> attempts) throws ProviderException, IOException {
                Completion completion = adapter.completion(target.model(), json(readAnswer(body)));
                return new RoutedCompletion(completion, target, attempts);
            }

            /** The whole body within the deadline, at most {@value #MAX_ANSWER_BYTES} bytes. */
            private String readAnswer(InputStream body) throws ProviderException, IOException {
                try (WatchedStream in = watchdog.watch(body, left())) {
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    int read;
                    while ((read = in.read(buffer, 0, buffer.length)) != -1) {
                        answer.write(buffer, 0, read);
                        if (answer.size() > MAX_ANSWER_BYTES) {
                            throw new ProviderException("the provider's answer is larger than "
                                    + MAX_ANSWER_BYTES + " bytes");
                        }
                        in.limit(left());
                    }
                    return answer.toString(StandardCharsets.UTF_8);
                } catch (StreamStalledException late) {
                    throw new HttpTimeoutException("the answer was not whole within the response timeout");
                } catch (IOException broken) {
                    throw new ProviderException("the provider's answer broke off");
                }
            }

            /** What is left until the deadline (at least a millisecond: the watchdog needs a positive limit). */
            private Duration left() {
                return deadline == Long.MAX_VALUE ? NO_DEADLINE
                        : Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
            }
        });
    }

    /**
     * A streamed call: returns once a target answered 2xx and its first chunk was read (falling back until then); the
     * caller relays the stream.
     */
    public RoutedStream stream(AliasSettings alias, JsonObject chat, String id, long created)
            throws GatewayException, InterruptedException {
        return route(alias, new Exchange<RoutedStream>() {
            @Override
            public HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target) {
                return adapter.request(provider, target.model(), chat, true);
            }

            @Override
            public String errorBody(ProviderSettings provider, InputStream body) {
                return readErrorBody(watchdog.watch(body, provider.streamIdleTimeout()));
            }

            @Override
            public RoutedStream success(ProviderAdapter adapter, ProviderSettings provider, Target target,
                    InputStream body, List<Attempt> attempts) throws ProviderException, IOException {
                StreamTranslator translator = adapter.stream(target.model(), id, created);
                return RoutedStream.open(target, attempts, watchdog.watch(body, provider.streamFirstChunkTimeout()),
                        provider.streamIdleTimeout(), translator);
            }
        });
    }

    /** The two kinds of call differ only in how a body is read and what a success makes of it. */
    private interface Exchange<T> {
        HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target);

        String errorBody(ProviderSettings provider, InputStream body);

        /**
         * @param attempts every attempt, this one ({@code ok}) included
         * @throws ProviderException the 2xx answer cannot be used (or, in a stream, reported an error)
         * @throws StreamStalledException a stream was silent for too long before its first chunk
         * @throws IOException a stream broke off before its first chunk
         */
        T success(ProviderAdapter adapter, ProviderSettings provider, Target target, InputStream body,
                List<Attempt> attempts) throws ProviderException, IOException;
    }

    /** One try of one target: what it served, or how it failed ({@link Attempt#outcome()}) and the error to answer. */
    private record Tried<T>(T served, String outcome, UpstreamError error) {

        static <T> Tried<T> failed(String outcome, UpstreamError error) {
            return new Tried<>(null, outcome, error);
        }
    }

    private <T> T route(AliasSettings alias, Exchange<T> exchange) throws GatewayException,
            InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        UpstreamError last = null;
        for (Target target : order.of(alias)) {
            ProviderSettings provider = settings.providers().get(target.provider());
            ProviderAdapter adapter = adapters.get(provider.kind());
            for (int attempt = 0; attempt <= provider.maxRetries(); attempt++) {
                if (attempt > 0) {
                    sleeper.sleep(backoff.delay(attempt, last == null ? null : last.retryAfter()));
                    if (!health.available(target)) {
                        break;
                    }
                }
                HttpRequest request;
                try {
                    request = exchange.request(adapter, provider, target);
                } catch (IllegalArgumentException e) {
                    // the adapter refuses what this provider cannot do (n > 1, tools, images...): the caller's request,
                    // with the adapter's fixed message
                    attempts.add(new Attempt(target, "refused"));
                    throw new GatewayException(new UpstreamError(400, "invalid_request_error", e.getMessage(), null),
                            attempts);
                }
                Tried<T> tried = send(exchange, adapter, provider, target, request, attempts);
                if (tried.served() != null) {
                    return tried.served();
                }
                UpstreamError error = tried.error();
                attempts.add(new Attempt(target, tried.outcome()));
                if (!error.retryable()) {
                    throw new GatewayException(error, attempts);
                }
                health.failure(target, error.retryAfter());
                last = error;
                if (error.retryAfter() != null && error.retryAfter().compareTo(settings.routing().retryMaxDelay()) > 0) {
                    break; // the target asked for a longer pause than a retry waits: fall back now
                }
            }
        }
        throw new GatewayException(exhausted(alias, last), attempts);
    }

    private <T> Tried<T> send(Exchange<T> exchange, ProviderAdapter adapter, ProviderSettings provider,
            Target target, HttpRequest request, List<Attempt> attempts) throws InterruptedException {
        Instant start = clock.instant();
        ProviderResponse response;
        try {
            response = clients.send(request);
        } catch (HttpConnectTimeoutException e) {
            return Tried.failed("connect", UNREACHABLE);
        } catch (HttpTimeoutException e) {
            return Tried.failed("timeout", TIMEOUT);
        } catch (IOException e) {
            return Tried.failed("connect", UNREACHABLE);
        }
        if (response.statusCode() / 100 != 2) {
            return Tried.failed(Integer.toString(response.statusCode()), adapter.error(response.statusCode(),
                    response.headers(), exchange.errorBody(provider, response.body())));
        }
        List<Attempt> served = new ArrayList<>(attempts);
        served.add(new Attempt(target, "ok"));
        try {
            T result = exchange.success(adapter, provider, target, response.body(), served);
            health.success(target, Duration.between(start, clock.instant()));
            return new Tried<>(result, "ok", null);
        } catch (ProviderException e) {
            return e.reported().map(reported -> Tried.<T>failed("stream_" + reported.status(), reported))
                    .orElseGet(() -> Tried.failed("malformed", MALFORMED));
        } catch (HttpTimeoutException e) {
            return Tried.failed("timeout", TIMEOUT); // a non-streamed answer not whole within the response timeout
        } catch (StreamStalledException e) {
            return Tried.failed("stream_stalled", STREAM_STALLED);
        } catch (IOException e) {
            return Tried.failed("stream_cut", STREAM_CUT);
        }
    }

    /**
     * What to answer when no target served: the last failure, or 503 when every target is paused. A 429 or 503 says
     * when to come back: its own {@code Retry-After}, else the earliest moment one of the alias's targets is back.
     */
    private UpstreamError exhausted(AliasSettings alias, UpstreamError last) {
        Instant now = clock.instant();
        java.util.Optional<Instant> earliest = alias.targets().stream().map(health::blockedUntil)
                .filter(t -> t.isAfter(now)).min(Instant::compareTo);
        if (last == null) {
            return new UpstreamError(503, "api_error", "No model provider of this alias is available right now",
                    Duration.between(now, earliest.orElse(now.plusSeconds(1))));
        }
        if (last.retryAfter() == null && (last.status() == 429 || last.status() == 503) && earliest.isPresent()) {
            return new UpstreamError(last.status(), last.type(), last.message(), Duration.between(now, earliest.get()));
        }
        return last;
    }

    private static JsonObject json(String body) throws ProviderException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // JsonException, IllegalStateException, and Parsson's plain RuntimeException for over-deep nesting
            throw new ProviderException("the provider's answer is not a JSON object");
        }
    }

    private static String readErrorBody(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
