package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.json.Json;

/**
 * A scripted Server-Sent Events body as OpenAI frames it: {@code data: {...}\n\n} per chunk, ending with
 * {@code data: [DONE]\n\n}. Each step is written and flushed on its own, so a client sees it as it comes. Build one
 * with {@link #of()}; end it with {@link #done()}, or leave it unterminated, or {@link #cutConnection()}, or stall it
 * ({@link #holdOpen}).
 */
public final class FakeOpenAiStream {

    /** Thrown into the server to drop the connection without the end of the chunked body. */
    static final class ConnectionCut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionCut() {
            super("connection cut by the script", null, false, false);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(OutputStream out) throws IOException, InterruptedException;
    }

    private final List<Step> steps = new ArrayList<>();

    private FakeOpenAiStream() {
    }

    public static FakeOpenAiStream of() {
        return new FakeOpenAiStream();
    }

    /** {@code data: <chunk>} and a blank line. */
    public FakeOpenAiStream chunk(JsonObject chunk) {
        return data(chunk.toString());
    }

    /**
     * A {@code chat.completion.chunk} whose choice 0 carries {@code delta.content} (and no finish reason yet), as
     * OpenAI sends each piece of an answer.
     */
    public FakeOpenAiStream content(String text) {
        return chunk(Json.createObjectBuilder().add("id", "chatcmpl-fakestream").add("object", "chat.completion.chunk")
                .add("created", 1_760_000_000L).add("model", "gpt-4o-mini").add("choices", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("index", 0)
                                .add("delta", Json.createObjectBuilder().add("content", text)).addNull("logprobs")
                                .addNull("finish_reason")))
                .build());
    }

    /** {@code data: <text>} and a blank line, whatever the text (malformed JSON included). */
    public FakeOpenAiStream data(String text) {
        return raw("data: " + text + "\n\n");
    }

    /** An {@code event:} line, then the data and a blank line. */
    public FakeOpenAiStream event(String name, String text) {
        return raw("event: " + name + "\ndata: " + text + "\n\n");
    }

    /** A comment line (a keep-alive, as OpenRouter sends). */
    public FakeOpenAiStream comment(String text) {
        return raw(": " + text + "\n\n");
    }

    /** OpenAI's error in the middle of a stream: {@code data: {"error":{...}}}. */
    public FakeOpenAiStream error(String type, String message) {
        return chunk(Json.createObjectBuilder().add("error", FakeOpenAi.error(type, message, null)).build());
    }

    /** Bytes exactly as given (framing of your own, CRLF line ends...). */
    public FakeOpenAiStream raw(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        steps.add(out -> {
            out.write(bytes);
            out.flush();
        });
        return this;
    }

    /** Waits before the next step. */
    public FakeOpenAiStream pause(Duration pause) {
        steps.add(out -> Thread.sleep(pause.toMillis()));
        return this;
    }

    /**
     * Waits (at most 30 s, so a broken test cannot hang the server) for the test to count {@code latch} down: proves
     * the client read what came before. {@link FakeOpenAi#repliesFinished()} tells whether the wait is still on.
     */
    public FakeOpenAiStream holdUntil(CountDownLatch latch) {
        steps.add(out -> latch.await(30, TimeUnit.SECONDS));
        return this;
    }

    /** Then nothing, the connection held open as {@code held} says; it finds out with keep-alive comments. */
    public FakeOpenAiStream holdOpen(HeldOpen held) {
        byte[] keepAlive = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
        steps.add(out -> held.writeTo(out, keepAlive));
        return this;
    }

    /** {@code data: [DONE]} and a blank line. */
    public FakeOpenAiStream done() {
        return data("[DONE]");
    }

    /** Drops the connection here: the client's read fails instead of seeing the end of the body. */
    public FakeOpenAiStream cutConnection() {
        steps.add(out -> {
            Thread.sleep(FakeGemini.DISCONNECT_GRACE.toMillis()); // as FakeGemini: the headers are read before the reset
            throw new ConnectionCut();
        });
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        try {
            for (Step step : steps) {
                step.run(out);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new ConnectionCut();
        }
    }
}
