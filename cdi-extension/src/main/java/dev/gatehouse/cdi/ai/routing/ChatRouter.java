package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import dev.gatehouse.cdi.ai.provider.Completion;
import dev.gatehouse.cdi.ai.provider.ProviderAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderException;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.provider.UpstreamError;
import dev.gatehouse.cdi.json.Json;

/**
 * Sends one call to an alias's targets: in the order of its strategy, each target up to {@code 1 + maxRetries} times
 * with backoff, falling back to the next on 429, 5xx, timeouts (to response headers) and connection failures — never on
 * another 4xx, which is the caller's and is passed on. A streamed call can fall back only until its first byte; after
 * that a failure ends the relay with an error event. Thread-safe.
 */
public final class ChatRouter {

    private final AiSettings settings;
    private final Map<String, ProviderAdapter> adapters;
    private final HttpClient client;
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

    /** @param adapters by provider kind */
    public ChatRouter(AiSettings settings, Map<String, ProviderAdapter> adapters, HttpClient client,
            TargetHealth health, TargetOrder order, Backoff backoff, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.adapters = Map.copyOf(adapters);
        this.client = client;
        this.health = health;
        this.order = order;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** A non-streamed call. */
    public RoutedCompletion complete(AliasSettings alias, JsonObject chat) throws GatewayException,
            InterruptedException {
        return route(alias, new Exchange<String, RoutedCompletion>() {
            @Override
            public HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target) {
                return adapter.request(provider, target.model(), chat, false);
            }

            @Override
            public HttpResponse.BodyHandler<String> handler() {
                return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
            }

            @Override
            public String errorBody(String body) {
                return body;
            }

            @Override
            public RoutedCompletion success(ProviderAdapter adapter, Target target, String body,
                    List<Attempt> attempts) throws ProviderException {
                Completion completion = adapter.completion(target.model(), json(body));
                return new RoutedCompletion(completion, target, attempts);
            }
        });
    }

    /**
     * A streamed call: returns once a target answered 2xx (falling back until then); the caller relays the stream.
     */
    public RoutedStream stream(AliasSettings alias, JsonObject chat, String id, long created)
            throws GatewayException, InterruptedException {
        return route(alias, new Exchange<InputStream, RoutedStream>() {
            @Override
            public HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target) {
                return adapter.request(provider, target.model(), chat, true);
            }

            @Override
            public HttpResponse.BodyHandler<InputStream> handler() {
                return HttpResponse.BodyHandlers.ofInputStream();
            }

            @Override
            public String errorBody(InputStream body) {
                return readErrorBody(body);
            }

            @Override
            public RoutedStream success(ProviderAdapter adapter, Target target, InputStream body,
                    List<Attempt> attempts) {
                return new RoutedStream(target, attempts, body, adapter.stream(target.model(), id, created));
            }
        });
    }

    /** The two kinds of call differ only in how a body is read and what a success makes of it. */
    private interface Exchange<B, T> {
        HttpRequest request(ProviderAdapter adapter, ProviderSettings provider, Target target);

        HttpResponse.BodyHandler<B> handler();

        String errorBody(B body);

        T success(ProviderAdapter adapter, Target target, B body, List<Attempt> attempts) throws ProviderException;
    }

    private <B, T> T route(AliasSettings alias, Exchange<B, T> exchange) throws GatewayException,
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
                Instant start = clock.instant();
                HttpResponse<B> response;
                try {
                    response = client.send(request, exchange.handler());
                } catch (IOException e) {
                    last = failed(target, attempts, e, null);
                    continue;
                }
                if (response.statusCode() / 100 == 2) {
                    try {
                        attempts.add(new Attempt(target, "ok"));
                        T result = exchange.success(adapter, target, response.body(), attempts);
                        health.success(target, Duration.between(start, clock.instant()));
                        return result;
                    } catch (ProviderException e) {
                        attempts.remove(attempts.size() - 1);
                        last = failed(target, attempts, null, "malformed");
                        continue;
                    }
                }
                UpstreamError error = adapter.error(response.statusCode(), response.headers(),
                        exchange.errorBody(response.body()));
                attempts.add(new Attempt(target, Integer.toString(response.statusCode())));
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

    private UpstreamError failed(Target target, List<Attempt> attempts, IOException e, String outcome) {
        String what = outcome != null ? outcome
                : e instanceof HttpConnectTimeoutException ? "connect"
                : e instanceof HttpTimeoutException ? "timeout" : "connect";
        attempts.add(new Attempt(target, what));
        health.failure(target, null);
        return what.equals("timeout")
                ? new UpstreamError(504, "api_error", "The model provider did not answer in time", null)
                : what.equals("malformed")
                ? new UpstreamError(502, "api_error", "The model provider sent an answer that could not be read", null)
                : new UpstreamError(502, "api_error", "The model provider could not be reached", null);
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
