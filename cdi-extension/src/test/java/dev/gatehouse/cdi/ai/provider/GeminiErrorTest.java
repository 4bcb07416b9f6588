package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.GeminiExchange.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;

/** {@link GeminiAdapter#error}: Gemini refusals from {@link FakeGemini} as {@link UpstreamError}s. */
class GeminiErrorTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hello'}]}");

    private FakeGemini gemini;
    private GeminiExchange exchange;

    @BeforeEach
    void start() throws Exception {
        gemini = FakeGemini.start();
        exchange = GeminiExchange.with(gemini);
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
        400 | INVALID_ARGUMENT   | Invalid value at 'generation_config.temperature' (TYPE_FLOAT) | 400 | invalid_request_error | Invalid value at 'generation_config.temperature' (TYPE_FLOAT) | false
        400 | OUT_OF_RANGE       | Too many tokens                                               | 400 | invalid_request_error | Too many tokens                                               | false
        400 | FAILED_PRECONDITION| User location is not supported for the API use.               | 403 | permission_error      | The AI provider cannot serve the gateway's account (billing or region). | false
        401 | UNAUTHENTICATED    | Request had invalid authentication credentials.               | 401 | authentication_error  | The AI provider rejected the gateway's credentials.           | false
        403 | PERMISSION_DENIED  | Permission denied on resource project 12345.                  | 403 | permission_error      | The AI provider denied the gateway access to this model.      | false
        404 | NOT_FOUND          | models/gemini-9 is not found for API version v1beta.          | 404 | not_found_error       | models/gemini-9 is not found for API version v1beta.          | false
        408 | DEADLINE_EXCEEDED  | Request timed out.                                            | 408 | api_error             | The AI provider timed out reading the request.                | true
        413 | INVALID_ARGUMENT   | Request payload size exceeds the limit.                       | 413 | invalid_request_error | Request payload size exceeds the limit.                       | false
        429 | RESOURCE_EXHAUSTED | You exceeded your current quota for project 12345.            | 429 | rate_limit_error      | The AI provider's rate limit or quota was exceeded.           | true
        500 | INTERNAL           | An internal error has occurred; prompt: secret                | 500 | api_error             | The AI provider failed to answer.                             | true
        502 | UNAVAILABLE        | Bad gateway                                                   | 502 | api_error             | The AI provider failed to answer.                             | true
        503 | UNAVAILABLE        | The model is overloaded. Please try again later.              | 503 | overloaded_error      | The AI provider is overloaded or unavailable.                 | true
        504 | DEADLINE_EXCEEDED  | Deadline expired before operation could complete.             | 504 | api_error             | The AI provider timed out.                                    | true
        """)
    void errorWhenGeminiRefusesThenOpenAiStatusTypeAndSafeMessage(int code, String status, String message,
            int expectedStatus, String expectedType, String expectedMessage, boolean retryable) throws Exception {
        gemini.enqueue(FakeGeminiReply.error(code, status, message));

        UpstreamError error = exchange.call(HELLO).error();

        assertEquals(new UpstreamError(expectedStatus, expectedType, expectedMessage, null), error);
        assertEquals(retryable, error.retryable());
    }

    @Test
    void errorWhenApiKeyWrongThenAuthenticationErrorThatShowsNoKey() throws Exception {
        GeminiExchange wrongKey = new GeminiExchange(GeminiExchange.settings(gemini, "AIza" + "0".repeat(35),
                Duration.ofSeconds(5), Map.of()));

        UpstreamError error = wrongKey.call(HELLO).error();

        assertEquals(new UpstreamError(401, "authentication_error", "The AI provider rejected the gateway's API key.",
                null), error);
        assertEquals("API_KEY_INVALID", GeminiErrorBody.parse(FakeGeminiJson.apiKeyInvalid().toString()).reason());
        assertFalse(error.toString().contains("AIza"));
    }

    @Test
    void errorWhenApiKeyMissingThenPermissionError() throws Exception {
        GeminiExchange keyless = new GeminiExchange(GeminiExchange.settings(gemini, null, Duration.ofSeconds(5),
                Map.of()));

        UpstreamError error = keyless.call(HELLO).error();

        assertEquals(new UpstreamError(403, "permission_error",
                "The AI provider denied the gateway access to this model.", null), error);
    }

    @Test
    void errorWhenRateLimitedWithRetryInfoThenRetryAfterIsItsDelay() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(429, FakeGeminiJson.rateLimited("47.5s").toString()));

        UpstreamError error = exchange.call(HELLO).error();

        assertEquals(Duration.ofMillis(47_500), error.retryAfter());
        assertTrue(error.retryable());
    }

    @Test
    void errorWhenRetryAfterHeaderInSecondsThenItWinsOverRetryInfo() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(429, FakeGeminiJson.rateLimited("47s").toString())
                .withHeader("Retry-After", "12"));

        assertEquals(Duration.ofSeconds(12), exchange.call(HELLO).error().retryAfter());
    }

    @Test
    void errorWhenRetryAfterHeaderIsAnHttpDateThenDelayUntilThen() throws Exception {
        gemini.enqueue(FakeGeminiReply.error(503, "UNAVAILABLE", "busy")
                .withHeader("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"));

        assertEquals(Duration.ofSeconds(90), exchange.call(HELLO).error().retryAfter());
    }

    @Test
    void errorWhenRetryAfterUnreadableOrPastThenNoneOrZero() throws Exception {
        gemini.enqueue(FakeGeminiReply.error(503, "UNAVAILABLE", "busy").withHeader("Retry-After", "soon"),
                FakeGeminiReply.error(503, "UNAVAILABLE", "busy").withHeader("Retry-After", "Mon, 01 Jan 2024 00:00:00 GMT"));

        assertNull(exchange.call(HELLO).error().retryAfter());
        assertEquals(Duration.ZERO, exchange.call(HELLO).error().retryAfter());
    }

    @Test
    void errorWhenMessageHasControlAndFormatCharactersThenStrippedAndCapped() throws Exception {
        gemini.enqueue(FakeGeminiReply.error(400, "INVALID_ARGUMENT",
                "Bad\u0000 value\r\n\tat\u202E 'x'\u200B" + " and more".repeat(100)));

        String message = exchange.call(HELLO).error().message();

        assertTrue(message.startsWith("Bad value at 'x' and more and more"), message);
        assertEquals(ProviderText.MAX_CHARS, message.length());
        assertTrue(message.endsWith("\u2026"));
        assertTrue(message.chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT));
    }

    @Test
    void errorWhenMessageContainsSomethingShapedLikeAnApiKeyThenRedacted() throws Exception {
        gemini.enqueue(FakeGeminiReply.error(400, "INVALID_ARGUMENT",
                "Field 'x' is invalid near " + gemini.apiKey() + "."));

        assertEquals("Field 'x' is invalid near [redacted].", exchange.call(HELLO).error().message());
    }

    @Test
    void errorWhenMessageMentionsTheApiKeyWithoutDetailsThenAuthenticationError() throws Exception {
        gemini.enqueue(FakeGeminiReply.error(400, "INVALID_ARGUMENT", "API key expired. Please renew the API key."));

        assertEquals("authentication_error", exchange.call(HELLO).error().type());
    }

    @Test
    void errorWhenBodyIsNotJsonThenFixedMessageAndNothingOfTheBody() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(400, "<html><body>Bad Request: secret</body></html>"));

        assertEquals(new UpstreamError(400, "invalid_request_error", "The AI provider rejected the request.", null),
                exchange.call(HELLO).error());
    }

    @Test
    void errorWhenBodyIsDeeplyNestedJsonThenFixedMessage() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(400, "{\"error\":" + "[".repeat(50_000)));

        assertEquals(new UpstreamError(400, "invalid_request_error", "The AI provider rejected the request.", null),
                exchange.call(HELLO).error());
    }

    @Test
    void errorWhenBodyIsEmptyThenFixedMessage() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(502, ""));

        assertEquals(new UpstreamError(502, "api_error", "The AI provider failed to answer.", null),
                exchange.call(HELLO).error());
    }

    @Test
    void errorWhenErrorIsWrappedInAnArrayThenReadAsTheSame() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(404,
                "[" + FakeGeminiJson.error(404, "NOT_FOUND", "models/x is not found.") + "]"));

        assertEquals(new UpstreamError(404, "not_found_error", "models/x is not found.", null),
                exchange.call(HELLO).error());
    }

    @Test
    void errorWhenStatusIsNeitherClientNorServerErrorThenBadGateway() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(302, "").withHeader("Location", "https://elsewhere.example/"));

        assertEquals(new UpstreamError(502, "api_error", "The AI provider gave an unexpected answer.", null),
                exchange.call(HELLO).error());
    }

    @Test
    void errorWhenBodyIsHugeThenNotParsedAndFixedMessage() {
        String huge = FakeGeminiJson.error(400, "INVALID_ARGUMENT", "x".repeat(100_000)).toString();

        UpstreamError error = exchange.adapter.error(400, HttpHeaders.of(Map.of(), (a, b) -> true), huge);

        assertEquals("The AI provider rejected the request.", error.message());
    }
}
