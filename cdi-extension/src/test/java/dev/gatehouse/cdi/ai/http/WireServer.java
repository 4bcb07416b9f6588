package dev.gatehouse.cdi.ai.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that answers each request with the next scripted answer, written as raw bytes — for the
 * wire-level tests of {@link PlainHttpClient}: framing, interim responses, broken and malformed answers, kept and
 * closed connections. Records each request as text and counts connections, and which of them the client closed.
 */
final class WireServer implements AutoCloseable {

    /** What the server does with one request's connection: writes (and may pause, or close it). */
    @FunctionalInterface
    interface Answer {
        void write(Socket socket, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "wire-server");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final BlockingQueue<Integer> ended = new LinkedBlockingQueue<>();

    WireServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Answers the next request with {@code answer}. */
    WireServer then(Answer answer) {
        answers.add(answer);
        return this;
    }

    /** Answers the next request with {@code bytes}, written at once. */
    WireServer then(String bytes) {
        return then((socket, out) -> write(out, bytes));
    }

    static void write(OutputStream out, String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    List<String> requests() {
        return requests;
    }

    int connections() {
        return connections.get();
    }

    /** Waits until the client has closed {@code count} connections (the server read their end); @return whether it did. */
    boolean awaitClosedByClient(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closedByClient.get() < count) {
            Integer next = ended.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return false;
            }
        }
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    closedByClient.incrementAndGet();
                    ended.add(1);
                    return;
                }
                requests.add(request);
                Answer answer = answers.poll(5, TimeUnit.SECONDS);
                if (answer == null || socket.isClosed()) {
                    return;
                }
                answer.write(socket, out);
                if (socket.isClosed()) {
                    return;
                }
            }
        } catch (Exception e) {
            // the client went away, or the answer closed the socket
        }
    }

    /** One request (head and Content-Length body) as text, or null at the connection's end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        if (matched < 4) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A latch the test opens to let a paused answer go on. */
    static CountDownLatch gate() {
        return new CountDownLatch(1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
