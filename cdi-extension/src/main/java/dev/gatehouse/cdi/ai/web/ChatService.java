package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.cache.ResponseCache;
import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.provider.UpstreamError;
import dev.gatehouse.cdi.ai.routing.ChatRouter;
import dev.gatehouse.cdi.ai.routing.GatewayException;
import dev.gatehouse.cdi.ai.routing.RoutedCompletion;
import dev.gatehouse.cdi.ai.routing.RoutedStream;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.usage.UsageRecord;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * One gateway call, for the HTTP endpoint and injected model clients alike: the alias must exist and allow the caller
 * (else it is "not found"), a cached answer is served when the alias caches, budgets are reserved and settled, the
 * router serves it, and the usage record and audit fields are written whatever happens. Thread-safe.
 */
public final class ChatService {

    private final AiSettings settings;
    private final ChatRouter router;
    private final UsageLedger ledger;
    private final Budgets budgets;
    private final ResponseCache cache;
    private final Clock clock;

    /** A served non-streamed call. */
    public record Answer(JsonObject response, boolean cacheHit, boolean cacheable) {
    }

    /** Where a streamed answer goes, once a provider answered. */
    public interface StreamSink extends RoutedStream.ChunkSink {
        /** Called once, before the first chunk: the call is being served (the HTTP endpoint sends its headers). */
        void open() throws IOException;

        /**
         * Called once after the last chunk, with how the stream ended, before the provider's connection is let go
         * (the HTTP endpoint writes {@code [DONE]} or an error event and flushes, so the caller is not kept waiting
         * while the rest of the provider's body is read). Not called when the sink never {@linkplain #open opened}.
         *
         * @throws IOException when the client is gone (nothing changes: the stream has ended)
         */
        default void ended(RoutedStream.End end) throws IOException {
        }
    }

    public ChatService(AiSettings settings, ChatRouter router, UsageLedger ledger, Budgets budgets,
            ResponseCache cache, Clock clock) {
        this.settings = settings;
        this.router = router;
        this.ledger = ledger;
        this.budgets = budgets;
        this.cache = cache;
        this.clock = clock;
    }

    public AiSettings settings() {
        return settings;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    /** The aliases {@code caller} may use, sorted. */
    public List<String> aliases(Optional<ValidatedToken> caller) {
        Set<String> roles = caller.map(ValidatedToken::groups).orElse(Set.of());
        return settings.aliases().values().stream().filter(a -> a.allows(roles)).map(AliasSettings::name).sorted()
                .toList();
    }

    /** A non-streamed call ({@code chat} in OpenAI's shape, {@code model} naming the alias). */
    public Answer complete(Optional<ValidatedToken> caller, JsonObject chat, Map<String, Object> audit)
            throws ChatException {
        AliasSettings alias = alias(caller, chat);
        String subject = subject(caller);
        Optional<String> cacheKey = cache.key(alias, subject, chat);
        Optional<JsonObject> hit = cacheKey.flatMap(cache::get);
        if (hit.isPresent()) {
            CallRecord record = CallRecord.of(audit, subject, alias.name(), chat, false, clock);
            record.cacheHit();
            record.finish(200, ledger, settings.prices());
            return new Answer(hit.get(), true, true);
        }
        Budgets.Reservation reservation = reserve(caller, alias, chat);
        CallRecord record = CallRecord.of(audit, subject, alias.name(), chat, false, clock);
        record.countedIn(reservation);
        return routed(record, reservation, () -> {
            RoutedCompletion done = router.complete(alias, chat);
            record.served(done.target(), done.attempts(), done.completion().usage(), "complete");
            record.answered(answerChars(done.completion().response()));
            cacheKey.ifPresent(key -> cache.put(key, alias, done.completion().response()));
            return new Answer(done.completion().response(), false, cacheKey.isPresent());
        });
    }

    /**
     * A streamed call: relays OpenAI chunks to {@code sink} (the usage chunk only when the caller asked for it) and
     * says how the stream ended. Refusals and failures before the provider's first chunk are thrown, before
     * {@link StreamSink#open()}: the HTTP endpoint then answers a plain error instead of a 200 stream.
     */
    public RoutedStream.End stream(Optional<ValidatedToken> caller, JsonObject chat, Map<String, Object> audit,
            StreamSink sink) throws ChatException {
        AliasSettings alias = alias(caller, chat);
        Budgets.Reservation reservation = reserve(caller, alias, chat);
        CallRecord record = CallRecord.of(audit, subject(caller), alias.name(), chat, true, clock);
        record.countedIn(reservation);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        return routed(record, reservation, () -> {
            try (RoutedStream upstream = router.stream(alias, chat, id, clock.instant().getEpochSecond())) {
                RoutedStream.End end = relay(upstream, includeUsage(chat), record, sink);
                record.served(upstream.target(), upstream.attempts(), upstream.usage(),
                        end.name().toLowerCase(java.util.Locale.ROOT));
                ended(sink, end);
                return end; // closing the upstream now finishes reading the provider's body, after the caller's end
            }
        });
    }

    /** A call through the router, as {@link #routed} runs it. */
    @FunctionalInterface
    private interface RoutedCall<T> {
        T call() throws GatewayException, InterruptedException;
    }

    /**
     * Runs a routed call so that its usage record ends whatever happens, with 200 when the call returns, the mapped
     * status when the router gave up, 503 when the server is shutting down (500 for anything unexpected), and the
     * budget reservation is settled from that record.
     */
    private <T> T routed(CallRecord record, Budgets.Reservation reservation, RoutedCall<T> call) throws ChatException {
        int status = 500;
        try {
            T result = call.call();
            status = 200;
            return result;
        } catch (GatewayException e) {
            record.failed(e.attempts());
            status = e.error().status();
            throw new ChatException(e.error(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            throw new ChatException(new UpstreamError(503, "api_error", "The server is shutting down", null), null);
        } finally {
            settle(reservation, record.finish(status, ledger, settings.prices()));
        }
    }

    /** Opens the sink and relays to it; a client gone before the first chunk is gone all the same. */
    private static RoutedStream.End relay(RoutedStream upstream, boolean includeUsage, CallRecord record,
            StreamSink sink) {
        try {
            sink.open();
        } catch (IOException clientGone) {
            return RoutedStream.End.CLIENT_GONE;
        }
        return upstream.relay(new RoutedStream.ChunkSink() {
            @Override
            public void chunk(JsonObject chunk) throws IOException {
                if (!includeUsage && isUsageChunk(chunk)) {
                    return; // adapters always ask for usage (it is recorded); the caller sees it only if it asked
                }
                record.answered(answerChars(chunk));
                sink.chunk(chunk);
            }

            @Override
            public void flush() throws IOException {
                sink.flush();
            }
        });
    }

    /** Tells an opened sink how its stream ended; a client gone by then changes nothing. */
    private static void ended(StreamSink sink, RoutedStream.End end) {
        if (end == RoutedStream.End.CLIENT_GONE) {
            return; // possibly never opened; nothing more to send anyway
        }
        try {
            sink.ended(end);
        } catch (IOException clientGone) {
            // the stream has ended either way; the record says how
        }
    }

    private AliasSettings alias(Optional<ValidatedToken> caller, JsonObject chat) throws ChatException {
        Set<String> roles = caller.map(ValidatedToken::groups).orElse(Set.of());
        JsonValue model = chat.get("model");
        Optional<AliasSettings> alias = model instanceof JsonString name
                ? settings.alias(name.getString()).filter(a -> a.allows(roles)) : Optional.empty();
        if (alias.isEmpty()) {
            throw new ChatException(new UpstreamError(404, "invalid_request_error",
                    "The model does not exist or you do not have access to it", null), "model_not_found");
        }
        return alias.get();
    }

    private Budgets.Reservation reserve(Optional<ValidatedToken> caller, AliasSettings alias, JsonObject chat)
            throws ChatException {
        if (caller.isEmpty() || budgets.isEmpty()) {
            return null;
        }
        Budgets.Outcome outcome = BudgetEstimate.reserve(budgets, caller.get(), alias, chat, settings.prices());
        if (outcome instanceof Budgets.Exceeded exceeded) {
            throw new ChatException(new UpstreamError(429, "rate_limit_error", "Budget '" + exceeded.budget()
                    + "' exceeded (" + exceeded.limit() + ")", exceeded.retryAfter()), "budget_exceeded");
        }
        return (Budgets.Reservation) outcome;
    }

    private static void settle(Budgets.Reservation reservation, UsageRecord used) {
        if (reservation != null) {
            reservation.settle(used.promptTokens() + used.completionTokens(), used.cost());
        }
    }

    private static String subject(Optional<ValidatedToken> caller) {
        return caller.map(t -> t.subject() != null ? t.subject() : t.getName()).orElse("anonymous");
    }

    private static boolean includeUsage(JsonObject chat) {
        return chat.get("stream_options") instanceof JsonObject options
                && options.get("include_usage") == JsonValue.TRUE;
    }

    private static boolean isUsageChunk(JsonObject chunk) {
        return chunk.get("choices") instanceof JsonArray choices && choices.isEmpty()
                && chunk.get("usage") instanceof JsonObject;
    }

    /** Characters of text in a completion's messages or a chunk's deltas. */
    private static long answerChars(JsonObject completionOrChunk) {
        long chars = 0;
        if (completionOrChunk.get("choices") instanceof JsonArray choices) {
            for (JsonValue choice : choices) {
                JsonObject c = choice.asJsonObject();
                JsonObject part = c.containsKey("message") ? c.getJsonObject("message") : c.getJsonObject("delta");
                if (part != null && part.get("content") instanceof JsonString text) {
                    chars += text.getString().length();
                }
            }
        }
        return chars;
    }
}
