package dev.gatehouse.cdi.ai.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link HttpRequest} as the bytes of an HTTP/1.1 request: request line, {@code Host}, the request's own header
 * fields (already checked by {@link HttpRequest.Builder}: no line breaks in names or values), {@code Content-Length}
 * and the body. Header fields that are the connection's business ({@code Host}, {@code Content-Length},
 * {@code Connection}, {@code Transfer-Encoding}, {@code Upgrade}...) are written here or not at all, never copied.
 */
final class RequestBytes {

    private static final Set<String> OWN_FIELDS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "te", "trailer", "proxy-connection");
    /** The longest a request body may take to be produced (the gateway's are byte arrays and strings: at once). */
    private static final long BODY_WAIT_SECONDS = 10;

    private RequestBytes() {
    }

    static byte[] of(HttpRequest request) throws IOException, InterruptedException {
        byte[] body = body(request);
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(256 + 64 * request.headers().map().size());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        for (Map.Entry<String, List<String>> field : request.headers().map().entrySet()) {
            if (OWN_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : field.getValue()) {
                head.append(field.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (body.length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static byte[] body(HttpRequest request) throws IOException, InterruptedException {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        Collector collector = new Collector();
        request.bodyPublisher().get().subscribe(collector);
        try {
            return collector.bytes.get(BODY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the request body could not be produced", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the request body was not produced in time");
        }
    }

    /** Collects what a body publisher gives (the JDK's publishers of arrays and strings give it while subscribed). */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
        }

        @Override
        public void onError(Throwable error) {
            bytes.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            bytes.complete(out.toByteArray());
        }
    }
}
