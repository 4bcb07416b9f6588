package dev.gatehouse.benchmarks.gateway;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A lean load generator, the benchmark's default client ({@code client=socket}): HTTP/1.1 over a plain blocking
 * {@link Socket} per thread and endpoint (keep-alive, {@code TCP_NODELAY}), each request written in one piece and the
 * answer read on the calling thread — as {@code wrk} does, and unlike the JDK's {@code HttpClient}, whose selector
 * thread reads every answer and hands it to the caller: on this 2-core machine that client took ~200 µs of CPU per
 * call and three or four thread wake-ups, on the cores the gateway and the fake provider run on. Understands what the
 * two servers here send: {@code Content-Length} or chunked bodies, {@code Connection: close}. A connection idle for
 * longer than {@link #IDLE} (between phases) is replaced before it is used, so that no request meets a server that
 * has just timed it out; nothing is ever sent twice. For measuring only, not a general HTTP client.
 */
final class SocketCalls implements ChatClient, AutoCloseable {

    /** Idle time after which a kept connection is replaced (both servers here keep idle connections 20 s or more). */
    static final Duration IDLE = Duration.ofSeconds(5);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

    private final ThreadLocal<Map<URI, Connection>> connections = ThreadLocal.withInitial(HashMap::new);
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final long idleNanos;

    SocketCalls() {
        this(IDLE);
    }

    /** Replaces kept connections idle for longer than {@code idle}. */
    SocketCalls(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    @Override
    public long blocking(Endpoint endpoint, int i) throws IOException {
        Answer answer = call(endpoint, i, ChatCalls.BLOCKING_BODY, false);
        if (answer.status != 200 || answer.length == 0) {
            throw new IllegalStateException(endpoint + " answered " + answer.status + ": " + answer.text());
        }
        return answer.end - answer.start;
    }

    @Override
    public StreamTimes stream(Endpoint endpoint, int i) throws IOException {
        Answer answer = call(endpoint, i, ChatCalls.STREAM_BODY, true);
        if (answer.status != 200 || answer.firstData < 0 || !answer.endsWith(DONE)) {
            throw new IllegalStateException(endpoint + " answered " + answer.status + ", a stream ending "
                    + answer.text().substring(Math.max(0, answer.length - 200)));
        }
        return new StreamTimes(answer.firstData - answer.start, answer.end - answer.start);
    }

    /** Sends one request and reads its answer, timed from just before the write to the answer's last byte. */
    private Answer call(Endpoint endpoint, int i, String body, boolean stream) throws IOException {
        Connection connection = connection(endpoint);
        byte[] request = request(endpoint, i, body);
        long start = System.nanoTime();
        connection.out.write(request);
        Answer answer = connection.read(stream);
        answer.end = System.nanoTime();
        answer.start = start;
        return answer;
    }

    /** Closes every connection this client opened, on any thread. */
    @Override
    public void close() {
        Connection connection;
        while ((connection = opened.poll()) != null) {
            connection.close();
        }
    }

    private Connection connection(Endpoint endpoint) throws IOException {
        Map<URI, Connection> mine = connections.get();
        Connection connection = mine.get(endpoint.uri());
        if (connection != null && (connection.closed || System.nanoTime() - connection.lastUsed > idleNanos)) {
            connection.close();
            connection = null;
        }
        if (connection == null) {
            connection = new Connection(endpoint.uri());
            mine.put(endpoint.uri(), connection);
            opened.add(connection);
        }
        return connection;
    }

    private static byte[] request(Endpoint endpoint, int i, String body) {
        URI uri = endpoint.uri();
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: " + endpoint.authorization(i) + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /** An answer's status and body (de-chunked), and when its first complete {@code data:} line arrived. */
    private static final class Answer {
        int status;
        long start;
        long end;
        byte[] body = new byte[4096];
        int length;
        long firstData = -1;
        /** Where the line being scanned for {@code data:} starts, and how far it was scanned. */
        int lineStart;
        int scanned;

        void append(byte[] bytes, int offset, int count) {
            if (length + count > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, length + count));
            }
            System.arraycopy(bytes, offset, body, length, count);
            length += count;
        }

        /** Notes the time of the first complete line starting with {@code data:} among the bytes appended so far. */
        void scan() {
            for (; firstData < 0 && scanned < length; scanned++) {
                if (body[scanned] == '\n') {
                    if (startsWith(lineStart, DATA)) {
                        firstData = System.nanoTime();
                    }
                    lineStart = scanned + 1;
                }
            }
        }

        /** Whether the last non-empty line of the body is {@code line}. */
        boolean endsWith(byte[] line) {
            int end = length;
            while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r')) {
                end--;
            }
            int start = end - line.length;
            return start >= 0 && (start == 0 || body[start - 1] == '\n') && startsWith(start, line);
        }

        private boolean startsWith(int at, byte[] prefix) {
            if (at + prefix.length > length) {
                return false;
            }
            for (int k = 0; k < prefix.length; k++) {
                if (body[at + k] != prefix[k]) {
                    return false;
                }
            }
            return true;
        }

        String text() {
            return new String(body, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[8192];
        private final StringBuilder line = new StringBuilder();
        private long lastUsed = System.nanoTime();
        private volatile boolean closed;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        /** Reads one answer; a {@code stream}'s body is scanned for its first {@code data:} line as it arrives. */
        Answer read(boolean stream) throws IOException {
            try {
                Answer answer = new Answer();
                boolean scan = stream;
                String status = line();
                if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                    throw new IOException("not an HTTP/1.1 answer: " + status);
                }
                answer.status = Integer.parseInt(status.substring(9, 12));
                long contentLength = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "content-length" -> contentLength = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> close = value.contains("close");
                        default -> {
                        }
                    }
                }
                if (chunked) {
                    for (int size = Integer.parseInt(chunkSize(line()), 16); size > 0;
                            size = Integer.parseInt(chunkSize(line()), 16)) {
                        body(answer, size, scan);
                        line(); // the CRLF after the chunk
                    }
                    while (!line().isEmpty()) {
                        // trailers
                    }
                } else if (contentLength >= 0) {
                    body(answer, contentLength, scan);
                } else {
                    body(answer, Long.MAX_VALUE, scan); // to the end of the connection
                    close = true;
                }
                if (close) {
                    close();
                }
                lastUsed = System.nanoTime();
                return answer;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private void body(Answer answer, long count, boolean scan) throws IOException {
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    if (count == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("the answer ended early");
                }
                answer.append(buffer, 0, n);
                left -= n;
                if (scan) {
                    answer.scan();
                }
            }
        }

        /** One CRLF-ended line of the head or the chunk framing, without its end. */
        private String line() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the connection ended");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private static String chunkSize(String line) {
            int extension = line.indexOf(';');
            return (extension < 0 ? line : line.substring(0, extension)).trim();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
