package dev.gatehouse.cdi.ai.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A response body read from its {@link PlainConnection}: by {@code Content-Length}, chunked (chunk extensions and
 * trailer fields read and dropped), or up to the connection's end. Read to its end, a reusable connection goes back
 * to its pool; closed before, the connection is closed — which is how a call is cancelled, from any thread, a read
 * waiting on another thread included. {@link #available} counts only body bytes that are already here (never chunk
 * framing), so a relay that flushes when nothing more is available never holds back data. Reads from one thread.
 */
final class ResponseBody extends InputStream {

    private final PlainConnection connection;
    private final ResponseHead head;
    private final Consumer<PlainConnection> release;
    /** Body bytes left in the current chunk, or of the Content-Length; for UNTIL_CLOSE, unused. */
    private long left;
    /** Chunked: the zero-size chunk was seen (trailer fields follow). */
    private boolean lastChunk;
    /** A chunk's line end not yet read (it had not arrived with the chunk's last byte). */
    private boolean pendingLineEnd;
    private boolean ended;
    private volatile boolean closed;
    /** Whether the connection was handed back or closed: whichever of the end and {@link #close} comes first. */
    private final AtomicBoolean settled = new AtomicBoolean();

    ResponseBody(PlainConnection connection, ResponseHead head, Consumer<PlainConnection> release) {
        this.connection = connection;
        this.head = head;
        this.release = release;
        switch (head.framing()) {
            case NONE -> end();
            case LENGTH -> {
                left = head.contentLength();
                if (left == 0) {
                    end();
                }
            }
            default -> left = 0;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        try {
            return switch (head.framing()) {
                case LENGTH -> readSized(bytes, offset, length);
                case CHUNKED -> readChunked(bytes, offset, length);
                default -> readToClose(bytes, offset, length);
            };
        } catch (IOException e) {
            settled.set(true);
            connection.close();
            throw closed ? new IOException("the response body is closed", e) : e;
        } catch (RuntimeException e) {
            settled.set(true);
            connection.close();
            throw e;
        }
    }

    private int readSized(byte[] bytes, int offset, int length) throws IOException {
        int read = take(bytes, offset, length, "the connection ended before the body's Content-Length");
        if (left == 0) {
            end();
        }
        return read;
    }

    /** Up to {@code length} of the {@link #left} bytes, waiting for some if none are here. */
    private int take(byte[] bytes, int offset, int length, String endedTooSoon) throws IOException {
        if (connection.buffered() == 0 && connection.fill() == -1) {
            throw new EOFException(endedTooSoon);
        }
        int read = connection.take(bytes, offset, (int) Math.min(length, left));
        left -= read;
        return read;
    }

    private int readChunked(byte[] bytes, int offset, int length) throws IOException {
        while (left == 0) {
            if (lastChunk) {
                readTrailer();
                end();
                return -1;
            }
            startChunk(connection.chunkLine());
        }
        int read = take(bytes, offset, length, "the connection ended inside a chunk");
        if (left == 0) {
            endOfChunk();
        }
        return read;
    }

    /** After a chunk's data: its line end. */
    private void endOfChunk() throws IOException {
        if (connection.buffered() >= 2) { // the common case, without waiting: CRLF already here
            if (!connection.chunkLine().isEmpty()) {
                throw new ProtocolException("a chunk longer than its size");
            }
        } else {
            pendingLineEnd = true;
        }
    }

    private void startChunk(String line) throws IOException {
        if (pendingLineEnd) {
            pendingLineEnd = false;
            if (!line.isEmpty()) {
                throw new ProtocolException("a chunk longer than its size");
            }
            return; // the caller reads the next line: the size
        }
        left = chunkSize(line);
        if (left == 0) {
            lastChunk = true;
        }
    }

    private void readTrailer() throws IOException {
        int fields = 0;
        while (!connection.chunkLine().isEmpty()) {
            if (++fields > 100) {
                throw new ProtocolException("more than 100 trailer fields");
            }
        }
    }

    private static long chunkSize(String line) throws ProtocolException {
        int end = line.indexOf(';');
        String size = (end < 0 ? line : line.substring(0, end)).strip();
        if (size.isEmpty() || size.length() > 15) {
            throw new ProtocolException("a malformed chunk size");
        }
        long value = 0;
        for (int i = 0; i < size.length(); i++) {
            int digit = Character.digit(size.charAt(i), 16);
            if (digit < 0) {
                throw new ProtocolException("a malformed chunk size");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private int readToClose(byte[] bytes, int offset, int length) throws IOException {
        if (connection.buffered() == 0 && connection.fill() == -1) {
            end();
            return -1;
        }
        return connection.take(bytes, offset, length);
    }

    /**
     * Body bytes that a read can take without waiting: the rest of the current chunk or length that has arrived, or,
     * at a chunk boundary, the next chunk's if its size line is here already (0 when unsure).
     */
    @Override
    public int available() throws IOException {
        if (closed || ended) {
            return 0;
        }
        return switch (head.framing()) {
            case LENGTH -> (int) Math.min(left, connection.available());
            case CHUNKED -> availableChunked();
            default -> connection.available();
        };
    }

    private int availableChunked() throws IOException {
        while (left == 0 && !lastChunk) {
            String line = connection.bufferedChunkLine();
            if (line == null && (!connection.fillWithoutWaiting()
                    || (line = connection.bufferedChunkLine()) == null)) {
                return 0; // the next size line is not (wholly) here
            }
            startChunk(line);
        }
        return left == 0 ? 0 : (int) Math.min(left, connection.available());
    }

    private void end() {
        ended = true;
        if (settled.compareAndSet(false, true)) {
            if (head.reusable()) {
                release.accept(connection);
            } else {
                connection.close();
            }
        }
    }

    /** Before its end: closes the connection (cancelling the call). After it: nothing (the connection is pooled). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (settled.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
