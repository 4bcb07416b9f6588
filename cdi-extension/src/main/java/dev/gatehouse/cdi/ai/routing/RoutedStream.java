package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.ProviderException;
import dev.gatehouse.cdi.ai.provider.SseEvent;
import dev.gatehouse.cdi.ai.provider.SseParser;
import dev.gatehouse.cdi.ai.provider.StreamTranslator;
import dev.gatehouse.cdi.ai.provider.Usage;

/**
 * An upstream stream that answered 2xx and gave its first chunk, ready to be relayed chunk by chunk. It is
 * {@linkplain #open opened} by reading up to the first event that translates into chunks (and no further, so the
 * caller's time to first byte is the provider's), before the caller has been sent anything: an error event, an
 * unreadable event or a connection that ends before that point is still a failed attempt the router may retry or fall
 * back from. {@link #relay} returns how it ended; the usage seen is kept even when the stream broke. Closing it (or a
 * client gone away) cancels the upstream call. The body is {@linkplain StreamWatchdog watched}: up to the first chunk a
 * read may wait the provider's first-chunk limit, after it the idle limit; a stream silent for longer is cancelled, a
 * failed attempt before the first chunk ({@link StreamStalledException}) and {@link End#UPSTREAM_STALLED} after it.
 */
public final class RoutedStream implements AutoCloseable {

    /** Largest SSE line accepted from a provider (bytes), and largest event (characters). */
    static final int MAX_EVENT_SIZE = 1 << 20;
    /** Most of a provider's body read after its end of stream, to keep the connection. */
    static final int FINISH_BYTES = 64 * 1024;
    /** Longest wait for the rest of a provider's body after its end of stream. */
    static final Duration FINISH_WAIT = Duration.ofSeconds(1);

    private final Target target;
    private final List<Attempt> attempts;
    private final WatchedStream body;
    private final SseLines lines;
    private final SseParser parser = new SseParser(MAX_EVENT_SIZE);
    private final StreamTranslator translator;
    private List<JsonObject> first = List.of();

    /**
     * Where translated chunks go (the servlet writes {@code data: ...}). {@link #flush()} follows the first chunk, and
     * after that every chunk that leaves nothing more of the provider's stream already received: chunks the provider
     * sent together go out together, and none waits for provider data that has not arrived.
     */
    @FunctionalInterface
    public interface ChunkSink {
        /** @throws IOException when the client is gone: the relay stops and the upstream call is cancelled */
        void chunk(JsonObject chunk) throws IOException;

        /** Sends what was handed on so far. @throws IOException when the client is gone, as for {@link #chunk} */
        default void flush() throws IOException {
        }
    }

    /** How the relay ended. */
    public enum End {
        /** The provider's own end of stream: the client gets {@code [DONE]}. */
        COMPLETE,
        /** The provider broke off, sent an error event or garbage: the client gets an error event, no {@code [DONE]}. */
        UPSTREAM_FAILED,
        /**
         * The provider sent nothing for longer than its idle limit; the upstream call was cancelled. The client gets an
         * error event, no {@code [DONE]}.
         */
        UPSTREAM_STALLED,
        /** The client went away; the upstream call was cancelled. */
        CLIENT_GONE
    }

    private RoutedStream(Target target, List<Attempt> attempts, WatchedStream body, StreamTranslator translator) {
        this.target = target;
        this.attempts = List.copyOf(attempts);
        this.body = body;
        this.lines = new SseLines(body, MAX_EVENT_SIZE);
        this.translator = translator;
    }

    /**
     * Reads {@code body} up to its first chunk (or the provider's end of a stream without any), which {@link #relay}
     * then hands on first; from then on a read of {@code body} may wait at most {@code idleLimit}.
     *
     * @throws ProviderException an error event ({@link ProviderException#reported()} says what it maps to) or an event
     *         that cannot be read, before the first chunk
     * @throws StreamStalledException the stream was silent for longer than {@code body}'s limit before the first chunk
     * @throws IOException the connection broke, or the stream ended, before the first chunk
     */
    static RoutedStream open(Target target, List<Attempt> attempts, WatchedStream body, Duration idleLimit,
            StreamTranslator translator) throws ProviderException, IOException {
        RoutedStream stream = new RoutedStream(target, attempts, body, translator);
        try {
            stream.readFirstChunk();
            body.limit(idleLimit);
            return stream;
        } catch (ProviderException | IOException e) {
            stream.close();
            throw e;
        } catch (RuntimeException e) {
            // a translator's unexpected failure; its message may quote the event, so it is not kept
            stream.close();
            throw new ProviderException("the provider's first stream event could not be read");
        }
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

    /**
     * Relays the first chunk, then the rest until the stream ends, fails, or the client goes away (the caller flushes
     * what follows the last chunk: {@code [DONE]} or an error event).
     */
    public End relay(ChunkSink sink) {
        try {
            List<JsonObject> read = first;
            first = List.of();
            if (!handedOn(read, sink) || !flushed(sink)) {
                return End.CLIENT_GONE;
            }
            String line;
            while (!translator.complete() && (line = lines.next()) != null) {
                if (!relayed(parser.line(line), sink) || !lines.ready() && !flushed(sink)) {
                    return End.CLIENT_GONE;
                }
            }
            if (!translator.complete() && !relayed(parser.line(""), sink)) { // an event not closed by a blank line
                return End.CLIENT_GONE;
            }
            return translator.complete() ? End.COMPLETE : End.UPSTREAM_FAILED;
        } catch (StreamStalledException e) {
            return End.UPSTREAM_STALLED; // the watchdog closed the body: the upstream call is cancelled
        } catch (ProviderException | IOException | RuntimeException e) {
            // a broken connection, an error event, or an answer no translator could read: never a clean [DONE]
            return End.UPSTREAM_FAILED;
        }
    }

    private void readFirstChunk() throws ProviderException, IOException {
        String line = "";
        while (first.isEmpty() && !translator.complete() && line != null) {
            line = lines.next();
            SseEvent event = parser.line(line == null ? "" : line); // at the end, an event not closed by a blank line
            if (event != null) {
                first = translator.onEvent(event);
            }
        }
        if (first.isEmpty() && !translator.complete()) {
            throw new IOException("the stream ended before its first chunk");
        }
    }

    /** Translates {@code event} (if any) and hands its chunks on; {@code false} when the client is gone. */
    private boolean relayed(SseEvent event, ChunkSink sink) throws ProviderException {
        return event == null || handedOn(translator.onEvent(event), sink);
    }

    /** {@code false} when the client is gone. */
    private static boolean flushed(ChunkSink sink) {
        try {
            sink.flush();
            return true;
        } catch (IOException clientGone) {
            return false;
        }
    }

    private static boolean handedOn(List<JsonObject> chunks, ChunkSink sink) {
        for (JsonObject chunk : chunks) {
            try {
                sink.chunk(chunk);
            } catch (IOException clientGone) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lets the provider's call go: after the provider's own end of stream, the rest of its body (normally only the end
     * of its chunked encoding, a few bytes behind {@code [DONE]}) is read first, so that the connection goes back to
     * the client's pool — closing a body not read to its end cancels the exchange and closes the connection, and the
     * next call pays for a new one. At most {@value #FINISH_BYTES} bytes, and no read waits longer than
     * {@link #FINISH_WAIT} (give or take the watchdog's tick); a provider that sends more or ends later loses its
     * connection. Any other stream (broken, stalled, a client gone) is cancelled at once.
     */
    @Override
    public void close() {
        if (translator.complete()) {
            body.limit(FINISH_WAIT);
            try {
                lines.skipToEnd(FINISH_BYTES);
            } catch (IOException e) {
                // broken or stalled after its end: closed below all the same
            }
        }
        body.close();
    }
}
