package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import jakarta.json.JsonObject;

/** Anthropic's refusals as the gateway's status, OpenAI error type, safe message and Retry-After. */
class AnthropicErrorTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hi'}]}");

    @RegisterExtension
    final AnthropicFixture anthropic = AnthropicFixture.withDefaultMaxTokens(4096);

    private UpstreamError refused(FakeAnthropicReply reply) throws Exception {
        anthropic.fake().enqueue(reply);
        return anthropic.roundTrip().fail(HELLO);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}, retryable {4}")
    @CsvSource({
        "400, invalid_request_error, 400, invalid_request_error, false",
        "401, authentication_error,  502, authentication_error,  true",
        "402, billing_error,         502, permission_error,      true",
        "403, permission_error,      502, permission_error,      true",
        "404, not_found_error,       502, not_found_error,       true",
        "409, conflict_error,        409, invalid_request_error, false",
        "413, request_too_large,     413, invalid_request_error, false",
        "429, rate_limit_error,      429, rate_limit_error,      true",
        "500, api_error,             502, api_error,             true",
        "503, api_error,             503, overloaded_error,      true",
        "504, timeout_error,         504, api_error,             true",
        "529, overloaded_error,      503, overloaded_error,      true" })
    void errorWhenAnthropicRefusesThenGatewayStatusTypeAndRetryability(int status, String anthropicType,
            int gatewayStatus, String openAiType, boolean retryable) throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.error(status, anthropicType, "Something about it"));

        assertEquals(gatewayStatus, error.status());
        assertEquals(openAiType, error.type());
        assertEquals(retryable, error.retryable());
    }

    @Test
    void errorWhenRequestIsInvalidThenProviderMessagePassedOn() throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.error(400, "invalid_request_error",
                "prompt is too long: 250000 tokens > 200000 maximum"));

        assertEquals(new UpstreamError(400, "invalid_request_error",
                "prompt is too long: 250000 tokens > 200000 maximum", null), error);
    }

    @Test
    void errorWhenProviderFailsThenFixedMessageNotTheProviders() throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.error(500, "api_error", "Internal error on node 10.1.2.3"));

        assertEquals("The provider failed to answer", error.message());
    }

    @Test
    void errorWhenRateLimitedThenFixedMessageWithoutAccountDetails() throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.error(429, "rate_limit_error",
                "This request would exceed the rate limit for your organization (4f1c-org) of 50 requests per minute",
                "retry-after", "17"));

        assertEquals(new UpstreamError(429, "rate_limit_error", "The provider's rate limit was reached",
                Duration.ofSeconds(17)), error);
    }

    @Test
    void errorWhenOverloadedWithRetryAfterDateThenDurationUntilThatDate() throws Exception {
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(AnthropicFixture.NOW.plusSeconds(30).atZone(ZoneOffset.UTC));

        UpstreamError error = refused(FakeAnthropicReply.error(529, "overloaded_error", "Overloaded",
                "retry-after", inThirtySeconds));

        assertEquals(Duration.ofSeconds(30), error.retryAfter());
    }

    @Test
    void errorWhenRetryAfterIsNotSecondsNorDateThenNoRetryAfter() throws Exception {
        assertNull(refused(FakeAnthropicReply.error(429, "rate_limit_error", "x", "retry-after", "soon"))
                .retryAfter());
    }

    @Test
    void errorWhenProviderMessageHasControlCharactersThenStrippedAndCapped() throws Exception {
        String hostile = "bad\u0000\u001b[31m request\r\n\u202eevil\u2028" + "x".repeat(1000);

        String message = refused(FakeAnthropicReply.error(400, "invalid_request_error", hostile)).message();

        assertTrue(message.startsWith("bad [31m request evil x"), message);
        assertEquals(ProviderText.MAX_CHARS, message.length());
        assertFalse(message.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x202e || c == 0x2028));
    }

    @Test
    void errorWhenBodyIsNotJsonThenFixedMessage() throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.status(413, "<html><body>Request Entity Too Large</body>"));

        assertEquals(new UpstreamError(413, "invalid_request_error", "The provider rejected the request", null),
                error);
    }

    @Test
    void errorWhenBodyIsEmptyThenFixedMessage() throws Exception {
        UpstreamError error = refused(FakeAnthropicReply.status(502, ""));

        assertEquals(new UpstreamError(502, "api_error", "The provider failed to answer", null), error);
    }

    @Test
    void errorWhenKeyIsWrongThenNeitherKeyAppearsInTheError() throws Exception {
        String wrongKey = "sk-ant-api03-wrong-" + "k".repeat(40);
        ProviderSettings wrong = new ProviderSettings("anthropic", "anthropic", anthropic.fake().baseUrl(), wrongKey,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 0, Map.of());

        UpstreamError error = new AnthropicRoundTrip(new AnthropicAdapter(), wrong).fail(HELLO);

        assertEquals(new UpstreamError(502, "authentication_error", "The provider rejected the gateway's credentials",
                null), error);
        assertFalse(error.toString().contains(wrongKey) || error.toString().contains(anthropic.fake().apiKey()));
    }
}
