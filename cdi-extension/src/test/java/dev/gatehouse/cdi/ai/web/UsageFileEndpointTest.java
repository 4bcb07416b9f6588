package dev.gatehouse.cdi.ai.web;

import static dev.gatehouse.cdi.ai.web.GatewayCalls.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;
import dev.gatehouse.cdi.testing.LogCapture;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * The usage file through the HTTP API of a real (embedded) Tomcat: a restart is a new deployment reading the same
 * file, as after a redeploy.
 */
class UsageFileEndpointTest {

    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private EmbeddedGateway gateway;
    private GatewayCalls calls;
    private Map<String, String> params;

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        params = new HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.ai.providers", "openai");
        params.put("gatehouse.ai.provider.openai.kind", "openai");
        params.put("gatehouse.ai.provider.openai.base-url", openai.baseUrl().toString());
        params.put("gatehouse.ai.provider.openai.api-key", "sk-gateway-own-key");
        params.put("gatehouse.ai.provider.openai.max-retries", "0");
        params.put("gatehouse.ai.aliases", "chat");
        params.put("gatehouse.ai.alias.chat.targets", "openai/gpt-4o-mini");
        params.put("gatehouse.ai.prices", "openai/gpt-4o-mini=0.15:0.60");
        params.put("gatehouse.ai.budgets", "monthly");
        params.put("gatehouse.ai.budget.monthly.cost", "0.01");
        params.put("gatehouse.ai.budget.monthly.cost-period", "P30D");
        params.put("gatehouse.ai.usage.file.path", dir.resolve("usage/usage.log").toString());
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
    }

    /** Undeploys (the usage file is drained and closed) and deploys again with the same configuration. */
    private void restart() throws Exception {
        gateway.close();
        gateway = null;
        gateway = EmbeddedGateway.start(dir, params);
        calls = new GatewayCalls(gateway);
    }

    /** A chat call reserving little: a short prompt and {@code max_tokens} 10. */
    private static String chat(String prompt, boolean stream) {
        return Json.createObjectBuilder().add("model", "chat").add("stream", stream).add("max_tokens", 10)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                        .add("content", prompt))).build().toString();
    }

    @Test
    void chatWhenMonthlyCostUsedUpBeforeRestartThenSame429AfterRestartAndNoProviderCall() throws Exception {
        String alice = TestTokens.valid().mint();
        openai.enqueue(FakeOpenAiReply.answer("Expensive answer").usage(100_000, 1000, 0, 0)); // 0.0156
        assertEquals(200, calls.call("POST", "/v1/chat/completions", alice, chat("Say hi", false)).statusCode());
        HttpResponse<String> before = calls.call("POST", "/v1/chat/completions", alice, chat("Say hi", false));
        assertEquals(429, before.statusCode(), before.body());

        restart();
        HttpResponse<String> after = calls.call("POST", "/v1/chat/completions", alice, chat("Say hi", false));

        assertEquals(429, after.statusCode(), after.body());
        assertEquals(before.body(), after.body());
        assertEquals("budget_exceeded", json(after).getJsonObject("error").getString("code"));
        long retryBefore = Long.parseLong(before.headers().firstValue("Retry-After").orElseThrow());
        long retryAfter = Long.parseLong(after.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter <= retryBefore && retryAfter > retryBefore - 120,
                "the period ends when it did before the restart: " + retryBefore + " then " + retryAfter);
        assertEquals(1, openai.requests().size());
        JsonObject totals = json(calls.call("GET", "/v1/usage", alice, null)).getJsonObject("totals");
        assertEquals(1, totals.getInt("calls"), "refused calls leave no record");
        assertEquals(100_000, totals.getInt("prompt_tokens"));
        String bob = TestTokens.valid().claim("sub", "bob").mint();
        openai.enqueue(FakeOpenAiReply.answer("Hi Bob"));
        assertEquals(200, calls.call("POST", "/v1/chat/completions", bob, chat("Say hi", false)).statusCode(),
                "the budget is per subject");
    }

    @Test
    void streamWhenProviderBreaksOffMidStreamThenItsRecordSurvivesRestart() throws Exception {
        String alice = TestTokens.valid().mint();
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(Json.createObjectBuilder().add("id", "x").add("object", "chat.completion.chunk")
                        .add("created", 1).add("model", "gpt-4o-mini").add("choices", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("index", 0).add("delta",
                                        Json.createObjectBuilder().add("content", "partial answer")))).build())
                .cutConnection()));
        HttpResponse<String> stream = calls.call("POST", "/v1/chat/completions", alice, chat("Tell a story", true));
        assertEquals(200, stream.statusCode());
        assertTrue(stream.body().contains("upstream_stream_error"), stream.body());

        restart();
        JsonObject usage = json(calls.call("GET", "/v1/usage", alice, null));

        JsonObject record = usage.getJsonArray("recent").getJsonObject(0);
        assertEquals("upstream_failed", record.getString("end"));
        assertEquals("openai", record.getString("provider"));
        assertEquals("estimated", record.getString("usage_source"));
        assertTrue(record.getInt("completion_tokens") > 0, "what was relayed before the break counts");
        assertEquals("monthly", record.getJsonArray("budgets").getJsonObject(0).getString("budget"));
        assertEquals(1, usage.getJsonObject("totals").getInt("calls"));
    }

    @Test
    void usageFileHoldsNoPromptAnswerKeyOrToken() throws Exception {
        String alice = TestTokens.valid().mint();
        openai.enqueue(FakeOpenAiReply.answer("The secret answer"));
        assertEquals(200, calls.call("POST", "/v1/chat/completions", alice, chat("My secret prompt", false))
                .statusCode());
        gateway.close(); // drains the usage file
        gateway = null;

        String file = Files.readString(dir.resolve("usage/usage.log"));
        assertTrue(file.contains("\"subject\":\"alice\""), file);
        for (String secret : List.of("My secret prompt", "The secret answer", "sk-gateway-own-key",
                alice.substring(alice.length() - 24))) {
            assertFalse(file.contains(secret), "the usage file holds " + secret);
        }
    }

    @Test
    void deployWhenUsageDirectoryCannotBeCreatedThenFailsNamingTheProperty() throws Exception {
        gateway.close();
        gateway = null;
        Path plainFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        params.put("gatehouse.ai.usage.file.path", plainFile.resolve("usage.log").toString());

        try (LogCapture log = LogCapture.of(AiGatewayInitializer.class)) {
            assertThrows(IllegalStateException.class, () -> EmbeddedGateway.start(dir, params));

            assertEquals(List.of("Gatehouse configuration error: gatehouse.ai.usage.file.path: cannot create the directory "
                    + plainFile + " (FileAlreadyExistsException)"), log.messages(Level.SEVERE));
        }
    }
}
