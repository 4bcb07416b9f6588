package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.JsonObject;

/**
 * A scripted {@code text/event-stream} answer: events framed as the API frames them ({@code event: <type>},
 * {@code data: <json>}, blank line), each flushed as written, with optional pauses, ending either normally or with the
 * connection dropped mid-stream (the response promises more bytes than it sends, so the client sees a broken body, not
 * a clean end), or going on until the client closes the connection ({@link #textUntilClosed}), or stalling
 * ({@link #holdOpen}).
 */
public final class FakeAnthropicStream implements FakeAnthropicReply {

    private final List<Object> steps = new ArrayList<>();
    private boolean drop;

    /** Writes {@code event} every {@code interval} until a write fails; then counts {@code closed} down. */
    private record UntilClosed(String event, Duration interval, CountDownLatch closed) {
    }

    FakeAnthropicStream() {
    }

    /**
     * The documented sequence for a text answer: {@code message_start} (usage 12 input, 1 output), a text block with
     * a {@code ping} and one {@code text_delta} per part, {@code message_delta} ({@code end_turn}, one output token
     * per part), {@code message_stop}.
     */
    public static FakeAnthropicStream text(String... parts) {
        FakeAnthropicStream stream = new FakeAnthropicStream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(12, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.ping());
        for (String part : parts) {
            stream.event(AnthropicWire.textDelta(0, part));
        }
        return stream.event(AnthropicWire.blockStop(0))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.outputUsage(parts.length)))
                .event(AnthropicWire.messageStop());
    }

    /** An event named after its {@code type}. */
    public FakeAnthropicStream event(JsonObject data) {
        return event(data.getString("type"), data.toString());
    }

    /** An event with any name and data (e.g. data that is not JSON). */
    public FakeAnthropicStream event(String name, String data) {
        return raw(frame(name, data));
    }

    /**
     * Then a {@code text_delta} of {@code text} in block {@code index} every {@code interval}, for as long as the
     * client reads them (at most 1000): once a write fails because the client closed the connection (or cancelled the
     * call), counts {@code closed} down and ends the answer there.
     */
    public FakeAnthropicStream textUntilClosed(int index, String text, Duration interval, CountDownLatch closed) {
        JsonObject delta = AnthropicWire.textDelta(index, text);
        steps.add(new UntilClosed(frame(delta.getString("type"), delta.toString()), interval, closed));
        return this;
    }

    /** Then nothing, the connection held open as {@code held} says; it finds out with {@code ping}s. */
    public FakeAnthropicStream holdOpen(HeldOpen held) {
        steps.add(held);
        return this;
    }

    /** Bytes as they are (comments, odd framing). */
    public FakeAnthropicStream raw(String text) {
        steps.add(text);
        return this;
    }

    /** A pause before the next step. */
    public FakeAnthropicStream delay(Duration pause) {
        steps.add(pause);
        return this;
    }

    /** Ends the stream by dropping the connection after the steps so far. */
    public FakeAnthropicStream dropConnection() {
        drop = true;
        return this;
    }

    @Override
    public void send(HttpExchange exchange, FakeAnthropicRequest request) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("request-id", "req_fake");
        long length = 0;
        for (Object step : steps) {
            length += step instanceof String text ? text.getBytes(StandardCharsets.UTF_8).length : 0;
        }
        exchange.sendResponseHeaders(200, drop ? length + 1024 : 0);
        OutputStream out = exchange.getResponseBody();
        for (Object step : steps) {
            if (step instanceof Duration pause) {
                sleep(pause);
            } else if (step instanceof UntilClosed until) {
                HeldOpen.writeUntilClosed(out, until.event().getBytes(StandardCharsets.UTF_8), until.interval(),
                        until.closed());
            } else if (step instanceof HeldOpen held) {
                held.writeTo(out, frame("ping", AnthropicWire.ping().toString()).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(((String) step).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        if (drop) {
            sleep(FakeGemini.DISCONNECT_GRACE); // as FakeGemini: let the client read the headers before the reset
        }
        out.close(); // dropping: fewer bytes than promised, so this throws and the server closes the connection
    }

    private static String frame(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
