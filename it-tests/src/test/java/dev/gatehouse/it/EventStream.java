package dev.gatehouse.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * A Server-Sent Events answer read while it arrives, line by line: {@link #next()} waits for the next event, so a test
 * can act between two events. Only {@code data:} lines count (one per event, as OpenAI frames its chunks).
 */
public final class EventStream implements AutoCloseable {

    private static final String DATA = "data: ";

    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;

    EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    public int status() {
        return response.statusCode();
    }

    /** The {@code Content-Type} header, or {@code ""}. */
    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The data of the next event, once it has arrived; fails when the body ends first. */
    public String next() {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith(DATA)) {
                return line.substring(DATA.length());
            }
        }
        throw new AssertionError("the event stream ended");
    }

    /** The next chunk with text in its first choice's delta, skipping the others (role, finish, usage). */
    public JsonObject nextWithContent() {
        while (true) {
            JsonObject chunk = Http.object(next());
            if (!content(List.of(chunk)).isEmpty()) {
                return chunk;
            }
        }
    }

    /** The data of every remaining event, to the end of the body. */
    public List<String> rest() {
        List<String> data = new ArrayList<>();
        lines.forEachRemaining(line -> {
            if (line.startsWith(DATA)) {
                data.add(line.substring(DATA.length()));
            }
        });
        return data;
    }

    /** The rest of the body as it came, for failure messages. */
    public String remainingText() {
        StringBuilder text = new StringBuilder();
        lines.forEachRemaining(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The text of the chunks' first choices' deltas, joined: what a client shows. */
    public static String content(List<JsonObject> chunks) {
        StringBuilder text = new StringBuilder();
        for (JsonObject chunk : chunks) {
            if (chunk.get("choices") instanceof JsonArray choices && !choices.isEmpty()
                    && choices.getJsonObject(0).get("delta") instanceof JsonObject delta
                    && delta.get("content") instanceof JsonString piece) {
                text.append(piece.getString());
            }
        }
        return text.toString();
    }

    /** Stops reading; the connection is dropped if the body has not ended. */
    @Override
    public void close() {
        response.body().close();
    }
}
