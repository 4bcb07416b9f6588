package dev.gatehouse.cdi.ai.web;

import static dev.gatehouse.cdi.ai.web.GatewayCalls.chat;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * The OpenAI-style API served by a real (embedded) Tomcat behind Gatehouse's filter, both activated by their jars'
 * initializers, with fake providers on loopback.
 */
class GatewayEndpointTest {

    @TempDir
    Path dir;
    private EmbeddedGateway gateway;
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private GatewayCalls calls;

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        anthropic = FakeAnthropic.start();
        Map<String, String> params = new HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.ai.providers", "openai,claude");
        params.put("gatehouse.ai.provider.openai.kind", "openai");
        params.put("gatehouse.ai.provider.openai.base-url", openai.baseUrl().toString());
        params.put("gatehouse.ai.provider.openai.api-key", "sk-gateway-own-key");
        params.put("gatehouse.ai.provider.openai.max-retries", "0");
        params.put("gatehouse.ai.provider.claude.kind", "anthropic");
        params.put("gatehouse.ai.provider.claude.base-url", anthropic.baseUrl().toString());
        params.put("gatehouse.ai.provider.claude.api-key", anthropic.apiKey());
        params.put("gatehouse.ai.provider.claude.max-retries", "0");
        params.put("gatehouse.ai.aliases", "chat,admin-only,cached,shared");
        params.put("gatehouse.ai.alias.cached.targets", "openai/gpt-4o-mini");
        params.put("gatehouse.ai.alias.cached.cache-ttl", "PT5M");
        params.put("gatehouse.ai.alias.shared.targets", "openai/gpt-4o-mini");
        params.put("gatehouse.ai.alias.shared.cache-ttl", "PT5M");
        params.put("gatehouse.ai.alias.shared.cache-shared", "true");
        params.put("gatehouse.ai.prices", "openai/gpt-4o-mini=0.15:0.60:0.075");
        params.put("gatehouse.ai.budgets", "interns");
        params.put("gatehouse.ai.budget.interns.per", "group");
        params.put("gatehouse.ai.budget.interns.group", "intern");
        params.put("gatehouse.ai.budget.interns.requests-per-minute", "1");
        params.put("gatehouse.audit.sink", "file");
        params.put("gatehouse.audit.file.path", dir.resolve("audit.log").toString());
        params.put("gatehouse.ai.alias.chat.targets", "openai/gpt-4o-mini,claude/claude-3-5-haiku-latest");
        params.put("gatehouse.ai.alias.admin-only.targets", "claude/claude-3-5-sonnet-latest");
        params.put("gatehouse.ai.alias.admin-only.roles", "admin");
        gateway = EmbeddedGateway.start(dir, params);
        calls = new GatewayCalls(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        openai.close();
        anthropic.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return calls.call(method, path, token, body);
    }

    @Test
    void chatCompletionWhenAuthenticatedThenOpenAiShapedAnswer() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("Hi!"));
        String token = TestTokens.valid().mint();
        HttpResponse<String> response = call("POST", "/v1/chat/completions", token, chat("chat", false));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = json(response);
        assertEquals("chat.completion", body.getString("object"));
        assertEquals("Hi!", body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        String sentAuthorization = openai.lastRequest().header("Authorization").orElse(null);
        assertEquals("Bearer sk-gateway-own-key", sentAuthorization, "only the provider's key goes out");
        assertFalse(openai.lastRequest().body().contains(token.substring(token.length() - 20)), "no caller token");
    }

    @Test
    void chatCompletionWhenProviderIsPlainHttpThenHttp11WithoutH2cUpgradeOffer() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("Hi!"));
        assertEquals(200, call("POST", "/v1/chat/completions", TestTokens.valid().mint(), chat("chat", false))
                .statusCode());
        assertEquals(java.util.Optional.empty(), openai.lastRequest().header("Upgrade"));
        assertEquals(java.util.Optional.empty(), openai.lastRequest().header("HTTP2-Settings"));
    }

    @Test
    void chatCompletionWhenPrimaryDownThenAnswerFromFallbackProvider() throws Exception {
        openai.enqueue(FakeOpenAiReply.error(503, "server_error", "down", null));
        anthropic.enqueue(FakeAnthropicReply.text("Hello from Claude"));
        HttpResponse<String> response = call("POST", "/v1/chat/completions", TestTokens.valid().mint(),
                chat("chat", false));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Hello from Claude", json(response).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
    }

    @Test
    void streamWhenAuthenticatedThenSseChunksEndingInDone() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("one two three"));
        HttpResponse<String> response = call("POST", "/v1/chat/completions", TestTokens.valid().mint(),
                chat("chat", true));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = List.of(response.body().split("\n\n"));
        assertEquals("data: [DONE]", events.get(events.size() - 1).strip());
        assertTrue(events.stream().noneMatch(e -> e.contains("\"usage\":{")),
                "no usage chunk unless stream_options.include_usage");
    }

    @Test
    void modelsListsOnlyTheAliasesTheCallerMayUse() throws Exception {
        JsonObject user = json(call("GET", "/v1/models", TestTokens.valid().mint(), null));
        assertEquals(List.of("cached", "chat", "shared"), user.getJsonArray("data").stream()
                .map(m -> m.asJsonObject().getString("id")).toList());
        JsonObject admin = json(call("GET", "/v1/models", TestTokens.valid().groups("admin").mint(), null));
        assertEquals(List.of("admin-only", "cached", "chat", "shared"), admin.getJsonArray("data").stream()
                .map(m -> m.asJsonObject().getString("id")).toList());
    }

    @Test
    void forbiddenAliasLooksExactlyLikeAnUnknownOne() throws Exception {
        HttpResponse<String> forbidden = call("POST", "/v1/chat/completions", TestTokens.valid().mint(),
                chat("admin-only", false));
        HttpResponse<String> unknown = call("POST", "/v1/chat/completions", TestTokens.valid().mint(),
                chat("no-such-model", false));
        assertEquals(404, forbidden.statusCode());
        assertEquals(unknown.body(), forbidden.body());
        assertEquals("model_not_found", json(forbidden).getJsonObject("error").getString("code"));
        assertEquals(0, anthropic.requests().size());
    }

    @Test
    void noTokenThenFilterChallengeAndNoProviderCall() throws Exception {
        HttpResponse<String> response = call("POST", "/v1/chat/completions", null, chat("chat", false));
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"gatehouse\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(0, openai.requests().size());
    }

    @Test
    void malformedBodyThenOpenAiStyle400() throws Exception {
        HttpResponse<String> response = call("POST", "/v1/chat/completions", TestTokens.valid().mint(), "{\"model\":");
        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_error", json(response).getJsonObject("error").getString("type"));
        assertNull(response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void providerRateLimitThenCallerGets429WithRetryAfter() throws Exception {
        openai.enqueue(FakeOpenAiReply.error(429, "rate_limit_error", "slow down", null).withHeader("Retry-After", "7"));
        anthropic.enqueue(FakeAnthropicReply.error(429, "rate_limit_error", "slow down too"));
        HttpResponse<String> response = call("POST", "/v1/chat/completions", TestTokens.valid().mint(),
                chat("chat", false));
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("rate_limit_error", json(response).getJsonObject("error").getString("type"));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void auditEventCarriesAliasProviderTokensAndFallbacksButNoPrompt() throws Exception {
        openai.enqueue(FakeOpenAiReply.error(503, "server_error", "down", null));
        anthropic.enqueue(FakeAnthropicReply.text("Hello from Claude"));
        assertEquals(200, call("POST", "/v1/chat/completions", TestTokens.valid().mint(), chat("chat", false))
                .statusCode());
        stop(); // drains the audit queue
        String line = Files.readAllLines(dir.resolve("audit.log")).stream()
                .filter(l -> l.contains("/v1/chat/completions")).findFirst().orElseThrow();
        JsonObject event = Json.createReader(new StringReader(line)).readObject();
        assertEquals("chat", event.getString("ai_alias"));
        assertEquals("claude", event.getString("ai_provider"));
        assertEquals("claude-3-5-haiku-latest", event.getString("ai_model"));
        assertEquals(12, event.getInt("ai_tokens_in"));
        assertEquals(List.of("openai/gpt-4o-mini 503", "claude/claude-3-5-haiku-latest ok"),
                event.getJsonArray("ai_attempts").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("AUTHN_OK", event.getString("outcome"));
        assertFalse(line.contains("Say hi"), "no prompt in the audit");
        assertFalse(line.contains("Hello from Claude"), "no answer in the audit");
    }

    @Test
    void usageWhenCallsMadeThenCallerSeesOwnTokensCostAndFailures() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("Hi!").usage(1000, 500, 200, 0));
        openai.enqueue(FakeOpenAiReply.error(400, "invalid_request_error", "bad request", null));
        String alice = TestTokens.valid().mint();
        assertEquals(200, call("POST", "/v1/chat/completions", alice, chat("chat", false)).statusCode());
        assertEquals(400, call("POST", "/v1/chat/completions", alice, chat("chat", false)).statusCode());

        JsonObject usage = json(call("GET", "/v1/usage", alice, null));
        assertEquals("alice", usage.getString("subject"));
        JsonObject totals = usage.getJsonObject("totals");
        assertEquals(2, totals.getInt("calls"));
        assertEquals(1, totals.getInt("failed_calls"));
        assertEquals(1000, totals.getInt("prompt_tokens"));
        assertEquals(500, totals.getInt("completion_tokens"));
        // (800 × 0.15 + 200 × 0.075 + 500 × 0.60) / 1e6
        assertEquals(new java.math.BigDecimal("0.000435"), totals.getJsonNumber("cost").bigDecimalValue());
        JsonObject last = usage.getJsonArray("recent").getJsonObject(0);
        assertEquals(400, last.getInt("status"));
        assertEquals("failed", last.getString("end"));
        JsonObject first = usage.getJsonArray("recent").getJsonObject(1);
        assertEquals("openai", first.getString("provider"));
        assertEquals("provider", first.getString("usage_source"));

        JsonObject bob = json(call("GET", "/v1/usage", TestTokens.valid().claim("sub", "bob").mint(), null));
        assertEquals(0, bob.getJsonObject("totals").getInt("calls"), "callers see only their own usage");
    }

    @Test
    void usageOfEveryCallerOnlyForTheAdminRole() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("Hi!"));
        assertEquals(200, call("POST", "/v1/chat/completions", TestTokens.valid().mint(), chat("chat", false))
                .statusCode());
        HttpResponse<String> user = call("GET", "/v1/usage/all", TestTokens.valid().mint(), null);
        assertEquals(403, user.statusCode());
        assertEquals("permission_error", json(user).getJsonObject("error").getString("type"));
        JsonObject all = json(call("GET", "/v1/usage/all", TestTokens.valid().claim("sub", "root").groups("admin")
                .mint(), null));
        assertEquals(List.of("alice"), all.getJsonArray("data").stream()
                .map(c -> c.asJsonObject().getString("subject")).toList());
    }

    @Test
    void budgetExceededThen429WithRetryAfterAndNoProviderCall() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("first"));
        String intern = TestTokens.valid().groups("intern").mint();
        assertEquals(200, call("POST", "/v1/chat/completions", intern, chat("chat", false)).statusCode());
        HttpResponse<String> second = call("POST", "/v1/chat/completions", intern, chat("chat", false));
        assertEquals(429, second.statusCode(), second.body());
        assertEquals("rate_limit_error", json(second).getJsonObject("error").getString("type"));
        assertEquals("budget_exceeded", json(second).getJsonObject("error").getString("code"));
        int retryAfter = Integer.parseInt(second.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(1, openai.requests().size());
        openai.enqueue(FakeOpenAiReply.answer("others are not limited"));
        assertEquals(200, call("POST", "/v1/chat/completions", TestTokens.valid().mint(), chat("chat", false))
                .statusCode());
    }

    @Test
    void cachedAliasAnswersAnIdenticalRequestFromTheCacheForTheSameCallerOnly() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("computed once").usage(100, 20, 0, 0));
        openai.enqueue(FakeOpenAiReply.answer("computed for bob"));
        String alice = TestTokens.valid().mint();
        String body = "{\"model\":\"cached\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}";
        String reordered = "{\"messages\":[{\"content\":\"Q\",\"role\":\"user\"}],\"temperature\":0,\"model\":\"cached\"}";
        HttpResponse<String> first = call("POST", "/v1/chat/completions", alice, body);
        HttpResponse<String> second = call("POST", "/v1/chat/completions", alice, reordered);
        assertEquals("miss", first.headers().firstValue("X-Gatehouse-Cache").orElse(null));
        assertEquals("hit", second.headers().firstValue("X-Gatehouse-Cache").orElse(null));
        assertEquals(first.body(), second.body());
        assertEquals(1, openai.requests().size());

        HttpResponse<String> bob = call("POST", "/v1/chat/completions", TestTokens.valid().claim("sub", "bob").mint(),
                body);
        assertEquals("miss", bob.headers().firstValue("X-Gatehouse-Cache").orElse(null), "per caller by default");
        assertEquals(2, openai.requests().size());

        JsonObject usage = json(call("GET", "/v1/usage", alice, null));
        JsonObject hit = usage.getJsonArray("recent").getJsonObject(0);
        assertTrue(hit.getBoolean("cache_hit"));
        assertEquals(0, hit.getJsonNumber("cost").intValue());
        assertEquals(100, usage.getJsonObject("totals").getInt("prompt_tokens"), "the hit cost no tokens");
    }

    @Test
    void sharedCacheServesEveryCaller() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("shared answer"));
        String body = chat("shared", false);
        call("POST", "/v1/chat/completions", TestTokens.valid().mint(), body);
        HttpResponse<String> other = call("POST", "/v1/chat/completions", TestTokens.valid().claim("sub", "bob").mint(),
                body);
        assertEquals("hit", other.headers().firstValue("X-Gatehouse-Cache").orElse(null));
        assertEquals(1, openai.requests().size());
    }

    @Test
    void streamedCallsAreNeverCached() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("a"));
        openai.enqueue(FakeOpenAiReply.answer("b"));
        String token = TestTokens.valid().mint();
        call("POST", "/v1/chat/completions", token, chat("cached", true));
        HttpResponse<String> again = call("POST", "/v1/chat/completions", token, chat("cached", true));
        assertTrue(again.headers().firstValue("X-Gatehouse-Cache").isEmpty());
        assertEquals(2, openai.requests().size());
    }
}
