package dev.gatehouse.cdi.ai.web;

import static dev.gatehouse.cdi.ai.web.GatewayCalls.attempts;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.events;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.json;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.streamedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * Streamed calls whose provider fails before or after its first chunk, through the real HTTP endpoint (embedded
 * Tomcat, Gatehouse's filter): written once here, run for each provider kind by a subclass that scripts the faults in
 * that provider's wire format. The provider under test is {@code primary}; a {@link FakeOpenAi} is {@code backup}.
 * Aliases: {@value #FALLBACK} (primary, then backup), {@value #SINGLE} (primary only), {@value #BACKUP_FIRST} (backup,
 * then primary). No retries.
 */
abstract class StreamFailoverTests {

    static final String FALLBACK = "fallback";
    static final String SINGLE = "single";
    static final String BACKUP_FIRST = "backup-first";
    static final String BACKUP = "backup/gpt-4o-mini";

    /** The provider under test, started: its kind, where it is, its key ({@code null} for none) and model. */
    record Primary(String kind, URI baseUrl, String apiKey, String model) {
    }

    /** The OpenAI-style error a caller gets. */
    record Expected(int status, String type, String message) {
    }

    @TempDir
    Path dir;
    FakeOpenAi backup;
    EmbeddedGateway gateway;
    GatewayCalls calls;
    String primary;
    final String token = TestTokens.valid().mint();

    /** Starts the fake provider under test. */
    abstract Primary startPrimary() throws Exception;

    abstract void stopPrimary();

    /** Its next answer: 200 {@code text/event-stream}, then at once an error event saying it is overloaded. */
    abstract void overloadedAfter200();

    /** What the caller gets when that was the only target. */
    abstract Expected overloadedAnswer();

    /** Its next answer: 200, then at once an error event rejecting the request with {@code message}. */
    abstract void rejectsAfter200(String message);

    /** Its next answer: 200, then the connection is cut before anything that translates into a chunk. */
    abstract void cutsBeforeFirstChunk();

    /** Its next answer: 200, the beginning of an answer with {@code text}, then the connection is cut. */
    abstract void cutsAfter(String text);

    @BeforeEach
    void start() throws Exception {
        backup = FakeOpenAi.start();
        Primary fake = startPrimary();
        primary = "primary/" + fake.model();
        Map<String, String> params = new HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.ai.providers", "primary,backup");
        provider(params, "primary", fake.kind(), fake.baseUrl(), fake.apiKey());
        provider(params, "backup", "openai", backup.baseUrl(), null);
        params.put("gatehouse.ai.aliases", String.join(",", FALLBACK, SINGLE, BACKUP_FIRST));
        params.put("gatehouse.ai.alias." + FALLBACK + ".targets", primary + "," + BACKUP);
        params.put("gatehouse.ai.alias." + SINGLE + ".targets", primary);
        params.put("gatehouse.ai.alias." + BACKUP_FIRST + ".targets", BACKUP + "," + primary);
        gateway = EmbeddedGateway.start(dir, params);
        calls = new GatewayCalls(gateway);
    }

    private static void provider(Map<String, String> params, String name, String kind, URI baseUrl, String apiKey) {
        String prefix = "gatehouse.ai.provider." + name + ".";
        params.put(prefix + "kind", kind);
        params.put(prefix + "base-url", baseUrl.toString());
        params.put(prefix + "max-retries", "0");
        if (apiKey != null) {
            params.put(prefix + "api-key", apiKey);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        stopPrimary();
        backup.close();
    }

    @Test
    void streamWhenErrorEventBeforeFirstChunkThenFallsBackToTheNextTarget() throws Exception {
        overloadedAfter200();

        assertBackupServedAfterPrimary("stream_" + overloadedAnswer().status());
    }

    @Test
    void streamWhenOnlyTargetSendsErrorEventFirstThenHttpErrorInsteadOfAStream() throws Exception {
        overloadedAfter200();

        HttpResponse<String> response = calls.chat(token, SINGLE, true);

        Expected expected = overloadedAnswer();
        assertError(expected, response);
        JsonObject record = calls.lastUsage(token);
        assertEquals(expected.status(), record.getInt("status"));
        assertEquals("failed", record.getString("end"));
        assertEquals(List.of(primary + " stream_" + expected.status()), attempts(record));
    }

    @Test
    void streamWhenErrorEventFirstRejectsTheRequestThen400AndNoFallback() throws Exception {
        rejectsAfter200("max_tokens: 100000 is greater than the maximum of 8192 for this model");

        HttpResponse<String> response = calls.chat(token, FALLBACK, true);

        assertError(new Expected(400, "invalid_request_error",
                "max_tokens: 100000 is greater than the maximum of 8192 for this model"), response);
        assertEquals(0, backup.requests().size(), "the caller's mistake is not retried elsewhere");
        assertEquals(List.of(primary + " stream_400"), attempts(calls.lastUsage(token)));
    }

    @Test
    void streamWhenConnectionCutBeforeFirstChunkThenFallsBackToTheNextTarget() throws Exception {
        cutsBeforeFirstChunk();

        assertBackupServedAfterPrimary("stream_cut");
    }

    @Test
    void streamWhenConnectionCutAfterAChunkThenErrorEventWithoutDoneAndRecordKept() throws Exception {
        backup.enqueue(FakeOpenAiReply.error(503, "server_error", "down", null));
        cutsAfter("Half an answer");

        HttpResponse<String> response = calls.chat(token, BACKUP_FIRST, true);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Half an answer", streamedText(response));
        List<String> events = events(response);
        assertFalse(events.contains("[DONE]"), response.body());
        JsonObject error = json(last(events)).getJsonObject("error");
        assertEquals("upstream_stream_error", error.getString("code"));
        assertEquals("api_error", error.getString("type"));
        JsonObject record = calls.lastUsage(token);
        assertEquals(200, record.getInt("status"));
        assertEquals("upstream_failed", record.getString("end"));
        assertEquals(List.of(BACKUP + " 503", primary + " ok"), attempts(record));
    }

    /** Calls {@value #FALLBACK}: the backup's whole stream, after the primary's attempt ended in {@code outcome}. */
    private void assertBackupServedAfterPrimary(String outcome) throws Exception {
        backup.enqueue(FakeOpenAiReply.answer("From the backup"));

        HttpResponse<String> response = calls.chat(token, FALLBACK, true);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("From the backup", streamedText(response));
        assertEquals("[DONE]", last(events(response)));
        assertEquals(List.of(primary + " " + outcome, BACKUP + " ok"), attempts(calls.lastUsage(token)));
    }

    private static void assertError(Expected expected, HttpResponse<String> response) {
        assertEquals(expected.status(), response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "a plain error answer, not a stream");
        JsonObject error = json(response).getJsonObject("error");
        assertEquals(expected.type(), error.getString("type"));
        assertEquals(expected.message(), error.getString("message"));
    }

    private static String last(List<String> events) {
        return events.get(events.size() - 1);
    }
}
