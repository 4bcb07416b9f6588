package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;

class OpenAiAdapterErrorTest {

    private static final String MODEL = "gpt-4o-mini";
    private static final String KEY = "sk-proj-gatehouseSecret0123456789";
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final OpenAiAdapter adapter = new OpenAiAdapter(Clock.fixed(NOW, ZoneOffset.UTC));
    private FakeOpenAi openAi;

    @BeforeEach
    void start() throws Exception {
        openAi = FakeOpenAi.requiringKey(KEY);
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    private OpenAiRoundTrip withKey(String key) {
        return new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(openAi.baseUrl(), key));
    }

    @Test
    void errorWhenProviderRefusesTheGatewaysKeyThen502WithFixedMessage() throws Exception {
        String wrongKey = "sk-proj-wrongKey9876543210";

        UpstreamError error = withKey(wrongKey).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(502, "api_error", "The provider refused the gateway's credentials.", null),
                error);
        assertTrue(error.retryable(), "another target may hold a working key");
        assertFalse(error.message().contains("sk-"));
    }

    @Test
    void errorWhenNoKeyConfiguredButProviderWantsOneThen502() throws Exception {
        UpstreamError error = withKey(null).fail(MODEL, hello(), true);

        assertEquals(502, error.status());
        assertEquals("The provider refused the gateway's credentials.", error.message());
    }

    @Test
    void errorWhenProviderForbidsThen502WithFixedMessage() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(403, "invalid_request_error",
                "Project `proj_abc` does not have access to model `gpt-4o` (key sk-proj-gat...6789)",
                "model_not_found"));

        assertEquals(new UpstreamError(502, "api_error", "The provider refused the gateway's credentials.", null),
                withKey(KEY).fail(MODEL, hello(), false));
    }

    @Test
    void errorWhenModelUnknownToProviderThen502NotFoundOfConfiguration() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(404, "invalid_request_error",
                "The model `gpt-9` does not exist or you do not have access to it.", "model_not_found"));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(502, "api_error",
                "The provider does not serve the configured model or endpoint.", null), error);
    }

    @Test
    void errorWhenBaseUrlWrongThenFakes404Becomes502() throws Exception {
        OpenAiRoundTrip wrongBase = new OpenAiRoundTrip(adapter, OpenAiRoundTrip.provider(
                URI.create(openAi.baseUrl().toString().replace("/v1", "/v2")), KEY));

        assertEquals(502, wrongBase.fail(MODEL, hello(), false).status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 409, 413, 422})
    void errorWhenRequestRejectedThenStatusAndProvidersMessagePassOn(int status) throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(status, "invalid_request_error",
                "Invalid 'messages[1].role': expected one of system, user, assistant, tool.", null));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(status, "invalid_request_error",
                "Invalid 'messages[1].role': expected one of system, user, assistant, tool.", null), error);
        assertFalse(error.retryable());
    }

    @Test
    void errorWhenMessageHasControlCharactersAndIsLongThenCleanedAndCapped() throws Exception {
        String message = "Bad\r\nrequest:\u0000\u001b[31m " + "x".repeat(1000);
        openAi.enqueue(FakeOpenAiReply.error(400, "invalid_request_error", message, null));

        String shown = withKey(KEY).fail(MODEL, hello(), false).message();

        assertEquals(OpenAiErrorMessage.MAX_CHARS, shown.length(), shown);
        assertTrue(shown.startsWith("Bad request: [31m x"), shown);
        assertTrue(shown.chars().noneMatch(Character::isISOControl));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Incorrect API key provided: sk-proj-****6789.",
        "Invalid header Authorization: Bearer abc",
        "Your api_key is not allowed for this model",
    })
    void errorWhenRequestMessageLooksLikeItCarriesACredentialThenFixedMessage(String message) throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(400, "invalid_request_error", message, null));

        assertEquals("The provider rejected the request.", withKey(KEY).fail(MODEL, hello(), false).message());
    }

    @Test
    void errorWhenBodyIsNotJsonThenFixedMessage() throws Exception {
        openAi.enqueue(FakeOpenAiReply.raw(400, "text/html", "<html><body>400 Bad Request (nginx)</body></html>"));

        assertEquals(new UpstreamError(400, "invalid_request_error", "The provider rejected the request.", null),
                withKey(KEY).fail(MODEL, hello(), false));
    }

    @Test
    void errorWhenFlatVllmBodyThenItsMessage() throws Exception {
        openAi.enqueue(FakeOpenAiReply.raw(400, "application/json", "{\"object\":\"error\",\"message\":"
                + "\"This model's maximum context length is 8192 tokens.\",\"type\":\"BadRequestError\","
                + "\"param\":null,\"code\":400}"));

        assertEquals("This model's maximum context length is 8192 tokens.",
                withKey(KEY).fail(MODEL, hello(), false).message());
    }

    @Test
    void errorWhenErrorIsPlainStringThenThatMessage() throws Exception {
        openAi.enqueue(FakeOpenAiReply.raw(400, "application/json", "{\"error\":\"invalid message format\"}"));

        assertEquals("invalid message format", withKey(KEY).fail(MODEL, hello(), false).message());
    }

    @Test
    void errorWhenRateLimitedThen429WithRetryAfterSeconds() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(429, "requests",
                "Rate limit reached for gpt-4o-mini in organization org-SECRET on requests per min (RPM)",
                "rate_limit_exceeded").withHeader("Retry-After", "20"));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(429, "rate_limit_error", "The provider's rate limit was reached; retry later.",
                Duration.ofSeconds(20)), error);
        assertTrue(error.retryable());
    }

    @Test
    void errorWhenRateLimitedWithHttpDateThenWaitUntilThen() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(429, "tokens", "slow down", null)
                .withHeader("Retry-After", "Mon, 30 Nov 2026 10:01:30 GMT"));

        assertEquals(Duration.ofSeconds(90), withKey(KEY).fail(MODEL, hello(), false).retryAfter());
    }

    @Test
    void errorWhenRateLimitedWithOpenAisHeadersThenTheirWait() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(429, "tokens", "slow down", "rate_limit_exceeded")
                .withHeader("x-ratelimit-remaining-requests", "4999")
                .withHeader("x-ratelimit-reset-requests", "12ms")
                .withHeader("x-ratelimit-remaining-tokens", "0")
                .withHeader("x-ratelimit-reset-tokens", "6m0s"));

        assertEquals(Duration.ofMinutes(6), withKey(KEY).fail(MODEL, hello(), false).retryAfter());
    }

    @Test
    void errorWhenRetryAfterMsAndRetryAfterThenMillisecondsWin() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(429, "tokens", "slow down", null)
                .withHeader("retry-after-ms", "1500").withHeader("Retry-After", "2"));

        assertEquals(Duration.ofMillis(1500), withKey(KEY).fail(MODEL, hello(), false).retryAfter());
    }

    @Test
    void errorWhenRateLimitedWithoutHintsThenNoWait() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(429, "tokens", "slow down", null).withHeader("Retry-After", "soon"));

        assertNull(withKey(KEY).fail(MODEL, hello(), false).retryAfter());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500", "502", "503", "504"})
    void errorWhenProviderFailsThenRetryableApiErrorWithFixedMessage(int status) throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(status, "server_error",
                "Internal trace id 77, upstream host 10.0.0.7, key sk-proj-gatehouseSecret", null)
                .withHeader("Retry-After", "3"));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(status, "api_error", "The provider failed to answer.", Duration.ofSeconds(3)),
                error);
        assertTrue(error.retryable());
    }

    @Test
    void errorWhenRequestTimeoutThen408Retryable() throws Exception {
        openAi.enqueue(FakeOpenAiReply.raw(408, "text/plain", "timeout"));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), false);

        assertEquals(new UpstreamError(408, "api_error", "The provider timed out.", null), error);
        assertTrue(error.retryable());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {302, 402, 405, 418})
    void errorWhenStatusUnexpectedThen502(int status) throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(status, "x", "Insufficient balance on account acct_123", null));

        assertEquals(new UpstreamError(502, "api_error", "The provider gave an unexpected answer.", null),
                withKey(KEY).fail(MODEL, hello(), false));
    }

    @Test
    void errorWhenStreamRefusedThenMappedLikeAnyAnswer() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(503, "server_error", "The engine is currently overloaded.", null));

        UpstreamError error = withKey(KEY).fail(MODEL, hello(), true);

        assertEquals(503, error.status());
        assertEquals("The provider failed to answer.", error.message());
    }

    @Test
    void errorWhenBodyEmptyThenFixedMessage() throws Exception {
        openAi.enqueue(FakeOpenAiReply.raw(422, "application/json", ""));

        assertEquals("The provider rejected the request.", withKey(KEY).fail(MODEL, hello(), false).message());
    }

    @Test
    void errorWhenNotARequestErrorThenNeverShowsTheUpstreamMessage() {
        for (int status : new int[] {401, 403, 404, 429, 500}) {
            UpstreamError error = adapter.error(status, HttpHeaders.of(Map.of(), (a, b) -> true),
                    "{\"error\":{\"message\":\"leak " + KEY + "\",\"type\":\"x\"}}");
            assertFalse(error.message().contains("leak"), status + ": " + error.message());
            assertFalse(error.toString().contains(KEY));
        }
    }
}
