package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.hello;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.Streamed;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;

/** Streams that break: error events, malformed chunks, a dropped connection, no end. */
class OpenAiAdapterStreamFailureTest {

    private static final String MODEL = "gpt-4o-mini";

    @RegisterExtension
    final OpenAiFixture openAi = new OpenAiFixture();

    @Test
    void streamWhenErrorChunkMidStreamThenProviderExceptionAndNotComplete() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"par\"},\"finish_reason\":null}"))
                .error("server_error", "The server had an error processing your request. sk-test-0123")
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        ProviderException failure = assertInstanceOf(ProviderException.class, streamed.failure());
        assertEquals("the provider reported an error in the stream", failure.getMessage());
        assertEquals(1, streamed.chunks().size());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenErrorEventThenProviderException() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .event("error", "{\"message\":\"overloaded\"}")
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertInstanceOf(ProviderException.class, streamed.failure());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenFlatVllmErrorChunkThenProviderException() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .data("{\"object\":\"error\",\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\","
                        + "\"param\":null,\"code\":500}")
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertInstanceOf(ProviderException.class, streamed.failure());
    }

    @Test
    void streamWhenChunkIsMalformedJsonThenProviderExceptionWithoutItsText() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .data("{\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"secret prompt echo")
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        ProviderException failure = assertInstanceOf(ProviderException.class, streamed.failure());
        assertEquals("a stream chunk is not valid JSON", failure.getMessage());
        assertNull(failure.getCause());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenChunkIsJsonButNotAnObjectThenProviderException() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().data("[1,2]").done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals("a stream chunk is not a JSON object",
                assertInstanceOf(ProviderException.class, streamed.failure()).getMessage());
    }

    @Test
    void streamWhenConnectionClosedMidStreamThenReadFailsAndNotComplete() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"half\"},\"finish_reason\":null}"))
                .cutConnection()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertInstanceOf(UncheckedIOException.class, streamed.failure());
        assertEquals("half", streamed.content());
        assertFalse(streamed.translator().complete());
        assertEquals(Usage.UNKNOWN, streamed.translator().usage());
    }

    @Test
    void streamWhenEndsWithoutDoneThenNotComplete() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"cut\"},\"finish_reason\":null}"))));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertNull(streamed.failure());
        assertFalse(streamed.translator().complete());
    }

    private static JsonObject chunk(String choice) {
        return json("{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"served-model\",\"choices\":[" + choice + "]}");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}} | 500 | api_error | The provider failed to answer.
            {"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}} | 429 | rate_limit_error | The provider's rate limit was reached; retry later.
            {"error":{"message":"Too many tokens: 9000 > 8192","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}} | 400 | invalid_request_error | Too many tokens: 9000 > 8192
            {"error":{"message":"Incorrect key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}} | 502 | api_error | The provider refused the gateway's credentials.
            {"object":"error","message":"CUDA out of memory","type":"InternalServerError","param":null,"code":500} | 500 | api_error | The provider failed to answer.
            {"error":{"code":502,"message":"Provider returned error"}} | 502 | api_error | The provider failed to answer.
            {"error":{"message":"Overloaded","type":"overloaded_error"}} | 503 | api_error | The provider failed to answer.
            {"error":"model 'llama3' not found, try pulling it first"} | 502 | api_error | The provider failed to answer.
            """)
    void streamWhenErrorObjectThenReportsWhatTheSameHttpErrorMapsTo(String data, int status, String type,
            String message) throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().data(data)));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        ProviderException failure = assertInstanceOf(ProviderException.class, streamed.failure());
        assertEquals(new UpstreamError(status, type, message, null), failure.reported().orElseThrow());
    }

    @Test
    void streamWhenErrorEventWithoutCodeOrTypeThenReportedAsAnUnexpectedAnswer() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().event("error", "{\"message\":\"overloaded\"}")));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals(new UpstreamError(502, "api_error", "The provider failed to answer.", null),
                assertInstanceOf(ProviderException.class, streamed.failure()).reported().orElseThrow());
    }
}
