package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.routing.ChatRouter;
import dev.gatehouse.cdi.ai.routing.GatewayException;
import dev.gatehouse.cdi.ai.routing.RoutedCompletion;
import dev.gatehouse.cdi.ai.routing.RoutedStream;
import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.cache.ResponseCache;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.usage.UsageRecord;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/**
 * The OpenAI-style API under the configured base path: {@code POST .../chat/completions} (blocking or
 * {@code "stream": true}) and {@code GET .../models} (the aliases the caller may use). The caller is the one
 * Gatehouse's filter accepted; an alias the caller may not use is answered exactly like an unknown one (404
 * {@code model_not_found}). The caller's token is never forwarded: only the provider's own credentials go out.
 */
public final class ChatCompletionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Response header saying whether a cacheable call was answered from the cache ({@code hit}) or not. */
    static final String CACHE_HEADER = "X-Gatehouse-Cache";

    private final transient AiSettings settings;
    private final transient ChatRouter router;
    private final transient UsageLedger ledger;
    private final transient Budgets budgets;
    private final transient ResponseCache cache;
    private final transient Clock clock;

    public ChatCompletionsServlet(AiSettings settings, ChatRouter router, UsageLedger ledger, Budgets budgets,
            ResponseCache cache, Clock clock) {
        this.settings = settings;
        this.router = router;
        this.ledger = ledger;
        this.budgets = budgets;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if ("/usage".equals(path)) {
            writeJson(response, 200, ledger.report(subject()));
            return;
        }
        if ("/usage/all".equals(path)) {
            if (caller().map(t -> t.groups().contains(settings.usageAdminRole())).orElse(false)) {
                writeJson(response, 200, ledger.reportAll());
            } else {
                OpenAiErrors.write(response, 403, "permission_error", "Reading every caller's usage needs the role "
                        + settings.usageAdminRole(), "forbidden", null);
            }
            return;
        }
        if (!"/models".equals(path)) {
            OpenAiErrors.write(response, 404, "invalid_request_error", "Unknown endpoint", "not_found", null);
            return;
        }
        Set<String> roles = caller().map(ValidatedToken::groups).orElse(Set.of());
        JsonArrayBuilder data = Json.createArrayBuilder();
        settings.aliases().values().stream().filter(a -> a.allows(roles)).map(AliasSettings::name).sorted()
                .forEach(name -> data.add(Json.createObjectBuilder().add("id", name).add("object", "model")
                        .add("created", 0).add("owned_by", "gatehouse")));
        writeJson(response, 200, Json.createObjectBuilder().add("object", "list").add("data", data).build());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/chat/completions".equals(request.getPathInfo())) {
            OpenAiErrors.write(response, 404, "invalid_request_error", "Unknown endpoint", "not_found", null);
            return;
        }
        JsonObject chat;
        try {
            chat = ChatRequests.read(request.getInputStream());
        } catch (ChatRequests.Invalid e) {
            OpenAiErrors.write(response, e.status, "invalid_request_error", e.getMessage(), null, null);
            return;
        }
        Set<String> roles = caller().map(ValidatedToken::groups).orElse(Set.of());
        Optional<AliasSettings> alias = settings.alias(chat.getString("model")).filter(a -> a.allows(roles));
        if (alias.isEmpty()) {
            OpenAiErrors.write(response, 404, "invalid_request_error",
                    "The model does not exist or you do not have access to it", "model_not_found", null);
            return;
        }
        Optional<String> cacheKey = ChatRequests.streamed(chat) ? Optional.empty()
                : cache.key(alias.get(), subject(), chat);
        if (cacheKey.isPresent()) {
            Optional<JsonObject> hit = cache.get(cacheKey.get());
            response.setHeader(CACHE_HEADER, hit.isPresent() ? "hit" : "miss");
            if (hit.isPresent()) {
                CallRecord record = CallRecord.of(request, subject(), alias.get().name(), chat, false, clock);
                record.cacheHit();
                writeJson(response, 200, hit.get());
                record.finish(200, ledger, settings.prices());
                return;
            }
        }
        Budgets.Outcome budget = caller().map(c -> BudgetEstimate.reserve(budgets, c, alias.get(), chat,
                settings.prices())).orElse(null);
        if (budget instanceof Budgets.Exceeded exceeded) {
            OpenAiErrors.write(response, 429, "rate_limit_error", "Budget '" + exceeded.budget() + "' exceeded ("
                    + exceeded.limit() + ")", "budget_exceeded", exceeded.retryAfter());
            return;
        }
        CallRecord record = CallRecord.of(request, subject(), alias.get().name(), chat, ChatRequests.streamed(chat),
                clock);
        try {
            if (ChatRequests.streamed(chat)) {
                stream(response, alias.get(), chat, record);
            } else {
                RoutedCompletion done = router.complete(alias.get(), chat);
                record.served(done.target(), done.attempts(), done.completion().usage(), "complete");
                record.answered(answerChars(done.completion().response()));
                cacheKey.ifPresent(key -> cache.put(key, alias.get(), done.completion().response()));
                writeJson(response, 200, done.completion().response());
            }
        } catch (GatewayException e) {
            record.failed(e.attempts());
            OpenAiErrors.write(response, e.error());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            OpenAiErrors.write(response, 503, "api_error", "The server is shutting down", null, null);
        } finally {
            UsageRecord used = record.finish(response.getStatus(), ledger, settings.prices());
            if (budget instanceof Budgets.Reservation reservation) {
                reservation.settle(used.promptTokens() + used.completionTokens(), used.cost());
            }
        }
    }

    private void stream(HttpServletResponse response, AliasSettings alias, JsonObject chat, CallRecord record)
            throws IOException, GatewayException, InterruptedException {
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        try (RoutedStream upstream = router.stream(alias, chat, id, clock.instant().getEpochSecond())) {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            PrintWriter out = response.getWriter();
            boolean includeUsage = includeUsage(chat);
            RoutedStream.End end = upstream.relay(chunk -> {
                if (!includeUsage && isUsageChunk(chunk)) {
                    return; // adapters always ask for usage (it is recorded); the caller sees it only if it asked
                }
                record.answered(answerChars(chunk));
                out.write("data: " + chunk + "\n\n");
                out.flush();
                if (out.checkError()) {
                    throw new IOException("client gone");
                }
            });
            record.served(upstream.target(), upstream.attempts(), upstream.usage(), end.name().toLowerCase(java.util.Locale.ROOT));
            if (end == RoutedStream.End.COMPLETE) {
                out.write("data: [DONE]\n\n");
            } else if (end == RoutedStream.End.UPSTREAM_FAILED) {
                out.write("data: " + OpenAiErrors.body("api_error",
                        "The model provider's stream broke off", "upstream_stream_error") + "\n\n");
            }
            out.flush();
        }
    }

    private static boolean includeUsage(JsonObject chat) {
        return chat.get("stream_options") instanceof JsonObject options
                && options.get("include_usage") == jakarta.json.JsonValue.TRUE;
    }

    private static boolean isUsageChunk(JsonObject chunk) {
        return chunk.get("choices") instanceof jakarta.json.JsonArray choices && choices.isEmpty()
                && chunk.get("usage") instanceof JsonObject;
    }

    /** Characters of text in a completion's messages or a chunk's deltas. */
    private static long answerChars(JsonObject completionOrChunk) {
        long chars = 0;
        if (completionOrChunk.get("choices") instanceof jakarta.json.JsonArray choices) {
            for (jakarta.json.JsonValue choice : choices) {
                JsonObject c = choice.asJsonObject();
                JsonObject part = c.containsKey("message") ? c.getJsonObject("message") : c.getJsonObject("delta");
                if (part != null && part.get("content") instanceof jakarta.json.JsonString text) {
                    chars += text.getString().length();
                }
            }
        }
        return chars;
    }

    private static String subject() {
        return caller().map(t -> t.subject() != null ? t.subject() : t.getName()).orElse("anonymous");
    }

    private static Optional<ValidatedToken> caller() {
        return CurrentCaller.token();
    }

    private static void writeJson(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body.toString());
    }
}
