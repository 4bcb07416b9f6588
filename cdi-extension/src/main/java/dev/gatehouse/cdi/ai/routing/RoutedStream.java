package dev.gatehouse.cdi.ai.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.ProviderException;
import dev.gatehouse.cdi.ai.provider.SseEvent;
import dev.gatehouse.cdi.ai.provider.SseParser;
import dev.gatehouse.cdi.ai.provider.StreamTranslator;
import dev.gatehouse.cdi.ai.provider.Usage;

/**
 * An upstream stream that answered 2xx, ready to be relayed chunk by chunk. {@link #relay} returns how it ended; the
 * usage seen is kept even when the stream broke. Closing it (or a client gone away) cancels the upstream call.
 */
public final class RoutedStream implements AutoCloseable {

    /** Largest single SSE event accepted from a provider. */
    static final int MAX_EVENT_CHARS = 1 << 20;

    private final Target target;
    private final List<Attempt> attempts;
    private final InputStream body;
    private final StreamTranslator translator;

    /** Where translated chunks go (the servlet writes {@code data: ...} and flushes). */
    @FunctionalInterface
    public interface ChunkSink {
        /** @throws IOException when the client is gone: the relay stops and the upstream call is cancelled */
        void chunk(JsonObject chunk) throws IOException;
    }

    /** How the relay ended. */
    public enum End {
        /** The provider's own end of stream: the client gets {@code [DONE]}. */
        COMPLETE,
        /** The provider broke off, sent an error event or garbage: the client gets an error event, no {@code [DONE]}. */
        UPSTREAM_FAILED,
        /** The client went away; the upstream call was cancelled. */
        CLIENT_GONE
    }

    RoutedStream(Target target, List<Attempt> attempts, InputStream body, StreamTranslator translator) {
        this.target = target;
        this.attempts = List.copyOf(attempts);
        this.body = body;
        this.translator = translator;
    }

    public Target target() {
        return target;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The usage seen so far (complete once {@link #relay} returned {@link End#COMPLETE}). */
    public Usage usage() {
        return translator.usage();
    }

    /** Relays until the stream ends, fails, or the client goes away. */
    public End relay(ChunkSink sink) {
        SseParser parser = new SseParser(MAX_EVENT_CHARS);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = boundedLine(lines)) != null) {
                if (!relayed(parser.line(line), sink)) {
                    return End.CLIENT_GONE;
                }
                if (translator.complete()) {
                    return End.COMPLETE;
                }
            }
            if (!relayed(parser.line(""), sink)) { // an event the upstream did not close with a blank line
                return End.CLIENT_GONE;
            }
            return translator.complete() ? End.COMPLETE : End.UPSTREAM_FAILED;
        } catch (ProviderException | IOException | RuntimeException e) {
            // a broken connection, an error event, or an answer no translator could read: never a clean [DONE]
            return End.UPSTREAM_FAILED;
        }
    }

    /** Translates {@code event} (if any) and hands its chunks on; {@code false} when the client is gone. */
    private boolean relayed(SseEvent event, ChunkSink sink) throws ProviderException {
        if (event == null) {
            return true;
        }
        for (JsonObject chunk : translator.onEvent(event)) {
            try {
                sink.chunk(chunk);
            } catch (IOException clientGone) {
                return false;
            }
        }
        return true;
    }

    /**
     * The next line (without its terminator: LF, CR or CRLF), or {@code null} at the end; a line longer than
     * {@link #MAX_EVENT_CHARS} is refused, so a hostile upstream cannot make the gateway buffer without bound.
     */
    static String boundedLine(BufferedReader in) throws IOException, ProviderException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                return line.toString();
            }
            if (line.length() == MAX_EVENT_CHARS) {
                throw new ProviderException("stream line longer than " + MAX_EVENT_CHARS + " characters");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing is cancelling; nothing more to do
        }
    }
}
