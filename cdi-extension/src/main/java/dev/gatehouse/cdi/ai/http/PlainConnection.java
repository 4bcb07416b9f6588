package dev.gatehouse.cdi.ai.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain-http connection to a provider, used by one call at a time: the request is written in one piece (with
 * {@code TCP_NODELAY}) and the answer read by the calling thread from a buffer of its own. Blocking, except for
 * {@link #reusable()}'s look at an idle connection. {@link #close} may come from any thread and ends a read that is
 * waiting (that is how a stalled stream is cancelled).
 */
final class PlainConnection implements AutoCloseable {

    /** Longest response head (status line and header fields) accepted. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Longest chunk-size line accepted (a size and chunk extensions). */
    static final int MAX_CHUNK_LINE = 1024;

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private long idleSince;
    private int headBytes;

    private PlainConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** @throws HttpConnectTimeoutException no connection within {@code connectTimeout} */
    static PlainConnection open(InetSocketAddress address, Duration connectTimeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            return new PlainConnection(channel);
        } catch (SocketTimeoutException e) {
            channel.close();
            throw new HttpConnectTimeoutException("no connection to the provider within " + connectTimeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether this idle connection can carry another request: open, and nothing arrived since its last answer (the
     * server closing it, or bytes it should not have sent). Looks without waiting.
     */
    boolean reusable() {
        if (position < limit || !channel.isOpen()) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            int read = channel.read(ByteBuffer.wrap(buffer, 0, 1));
            channel.configureBlocking(true);
            return read == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    long idleSince() {
        return idleSince;
    }

    /** Marks the start of an idle time (bytes left over in the buffer make it unusable: {@link #reusable()}). */
    void idle(long now) {
        idleSince = now;
    }

    /** Writes a whole request. */
    void write(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /**
     * Reads the response head, skipping interim (1xx) responses, waiting no later than {@code deadline}
     * ({@link System#nanoTime()}; {@link Long#MAX_VALUE}: no limit). Later reads wait without a limit (the caller
     * watches them).
     *
     * @throws HttpTimeoutException no head by the deadline
     * @throws ProtocolException a malformed head, or a switch of protocols nobody asked for
     * @throws EOFException the connection ended before the head did
     */
    ResponseHead readHead(long deadline) throws IOException {
        headBytes = 0;
        try {
            while (true) {
                String statusLine = headLine(deadline);
                List<String> fields = new ArrayList<>();
                String field;
                while (!(field = headLine(deadline)).isEmpty()) {
                    fields.add(field);
                }
                ResponseHead head = ResponseHead.parse(statusLine, fields);
                if (head.status() == 101) {
                    throw new ProtocolException("the provider switched protocols");
                }
                if (head.status() >= 200) {
                    return head;
                }
            }
        } finally {
            timeout(0);
        }
    }

    private String headLine(long deadline) throws IOException {
        int scanned = 0;
        while (true) {
            int lf = newline(scanned);
            if (lf >= 0) {
                headBytes += lf + 1 - position;
                if (headBytes > MAX_HEAD_BYTES) {
                    throw new ProtocolException("the response head is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                return takeLine(lf);
            }
            scanned = limit - position;
            if (headBytes + scanned > MAX_HEAD_BYTES) {
                throw new ProtocolException("the response head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            timeout(deadline);
            if (fill() == -1) {
                throw new EOFException("the connection ended before the response head");
            }
        }
    }

    /** The index of the first line feed among the buffered bytes after the first {@code skip}, or -1. */
    private int newline(int skip) {
        for (int i = position + skip; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Takes the buffered line that ends with the line feed at {@code lf}; @return it without CR LF or LF. */
    private String takeLine(int lf) {
        int end = lf > position && buffer[lf - 1] == '\r' ? lf - 1 : lf;
        String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
        position = lf + 1;
        return line;
    }

    private void timeout(long deadline) throws IOException {
        if (deadline == 0 || deadline == Long.MAX_VALUE) {
            socket.setSoTimeout(0);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException("no response head within the response timeout");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000)));
    }

    /**
     * Reads more bytes into the buffer (moving what is left to its start first).
     *
     * @return how many were read, or -1 at the connection's end
     * @throws HttpTimeoutException the read waited longer than the socket's timeout
     */
    int fill() throws IOException {
        compact();
        if (limit == buffer.length) {
            throw new ProtocolException("a line longer than the connection's buffer");
        }
        int read;
        try {
            read = in.read(buffer, limit, buffer.length - limit);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no response head within the response timeout");
        }
        if (read > 0) {
            limit += read;
        }
        return read;
    }

    /** Reads into the buffer what the socket already holds, without waiting; @return whether anything was read. */
    boolean fillWithoutWaiting() throws IOException {
        int ready = in.available();
        if (ready <= 0) {
            return false;
        }
        compact();
        int read = in.read(buffer, limit, Math.min(ready, buffer.length - limit));
        if (read > 0) {
            limit += read;
        }
        return read > 0;
    }

    /** Moves the bytes not yet taken to the buffer's start. */
    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }

    /** Bytes read from the connection and not yet taken. */
    int buffered() {
        return limit - position;
    }

    /** Bytes the connection holds that no read has taken yet (buffered here or waiting in the socket). */
    int available() throws IOException {
        return limit - position + (limit == position ? in.available() : 0);
    }

    /** Copies up to {@code length} buffered bytes to {@code target}; @return how many. */
    int take(byte[] target, int offset, int length) {
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * A line of a chunked body (a chunk-size line or a trailer field), without its line end: blocking until it is
     * whole, at most {@value #MAX_CHUNK_LINE} bytes.
     */
    String chunkLine() throws IOException {
        int scanned = 0;
        while (true) {
            int lf = newline(scanned);
            if (lf >= 0) {
                return takeLine(lf);
            }
            scanned = limit - position;
            if (scanned > MAX_CHUNK_LINE) {
                throw new ProtocolException("a chunk line longer than " + MAX_CHUNK_LINE + " bytes");
            }
            if (fill() == -1) {
                throw new EOFException("the connection ended inside a chunked body");
            }
        }
    }

    /**
     * The next chunk-size line if it is already whole in the buffer (it is then taken), else null and nothing is
     * taken: lets {@code available()} look past a chunk boundary without waiting.
     */
    String bufferedChunkLine() {
        int lf = newline(0);
        return lf >= 0 && lf - position <= MAX_CHUNK_LINE ? takeLine(lf) : null;
    }

    /** Closes the connection; a read waiting on another thread ends with an exception. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed all the same
        }
    }
}
