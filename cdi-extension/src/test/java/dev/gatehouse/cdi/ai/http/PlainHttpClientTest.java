package dev.gatehouse.cdi.ai.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainHttpClientTest {

    private static final String OK_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final WireServer server = new WireServer();
    private final PlainHttpClient client = new PlainHttpClient(Duration.ofSeconds(2));

    PlainHttpClientTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(server.uri("/v1/chat/completions?x=1")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String text(ProviderResponse response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendWritesOneHttp11RequestWithHostLengthAndTheRequestsOwnFieldsOnly() throws Exception {
        server.then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        text(client.send(post("{\"a\":\"é\"}")));
        String request = server.requests().get(0);
        List<String> lines = List.of(request.split("\r\n"));
        assertEquals("POST /v1/chat/completions?x=1 HTTP/1.1", lines.get(0));
        assertTrue(lines.contains("Host: 127.0.0.1:" + server.uri("/").getPort()), request);
        assertTrue(lines.contains("Authorization: Bearer sk-test"), request);
        assertTrue(lines.contains("Content-Type: application/json"), request);
        assertTrue(lines.contains("Content-Length: 10"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":\"é\"}"), request);
        assertFalse(request.toLowerCase().contains("connection:") || request.toLowerCase().contains("upgrade:"),
                request);
    }

    @Test
    void bodyWhenContentLengthThenReadExactlyAndTheConnectionKept() throws Exception {
        server.then("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                .then("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nX-Thing: a\r\nx-thing: b\r\n\r\nnot");
        ProviderResponse first = client.send(post("{}"));
        assertEquals(200, first.statusCode());
        assertEquals("hello", text(first));
        ProviderResponse second = client.send(post("{}"));
        assertEquals(404, second.statusCode());
        assertEquals(List.of("a", "b"), second.headers().allValues("X-THING"));
        assertEquals("not", text(second));
        assertEquals(1, server.connections());
    }

    @Test
    void bodyWhenChunkedWithExtensionsAndTrailersThenReadWholeAndTheConnectionKept() throws Exception {
        server.then(OK_CHUNKED + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n")
                .then(OK_CHUNKED + "2\r\nok\r\n0\r\n\r\n");
        assertEquals("hello 0123456789", text(client.send(post("{}"))));
        assertEquals("ok", text(client.send(post("{}"))));
        assertEquals(1, server.connections());
    }

    @Test
    void bodyWhenChunksArriveInPiecesThenEachByteAsItComes() throws Exception {
        CountDownLatch more = WireServer.gate();
        CountDownLatch rest = WireServer.gate();
        server.then((socket, out) -> {
            WireServer.write(out, OK_CHUNKED + "6\r\nhel");
            more.await(5, TimeUnit.SECONDS);
            WireServer.write(out, "lo\n\r");
            rest.await(5, TimeUnit.SECONDS);
            WireServer.write(out, "\n3\r\nabc\r\n0\r\n\r\n");
        });
        ProviderResponse response = client.send(post("{}"));
        InputStream body = response.body();
        byte[] buffer = new byte[64];
        assertEquals("hel", new String(buffer, 0, body.read(buffer), StandardCharsets.UTF_8));
        more.countDown();
        assertEquals("lo\n", new String(buffer, 0, body.read(buffer), StandardCharsets.UTF_8));
        assertEquals(0, body.available(), "the chunk's line end is no body byte, nor is the next size line");
        rest.countDown();
        assertEquals("abc", new String(buffer, 0, body.read(buffer), StandardCharsets.UTF_8));
        assertEquals(-1, body.read(buffer));
    }

    @Test
    void availableWhenTheNextChunkIsHereThenCountsItsBytesOnly() throws Exception {
        CountDownLatch more = WireServer.gate();
        server.then((socket, out) -> {
            WireServer.write(out, OK_CHUNKED + "5\r\nhello\r\n");
            more.await(5, TimeUnit.SECONDS);
            WireServer.write(out, "3\r\nabc\r\n");
            Thread.sleep(200);
            WireServer.write(out, "0\r\n\r\n");
        });
        InputStream body = client.send(post("{}")).body();
        assertEquals("hello", new String(body.readNBytes(5), StandardCharsets.UTF_8));
        assertEquals(0, body.available(), "nothing of the next chunk has come");
        more.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (body.available() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(3, body.available());
        assertEquals("abc", new String(body.readNBytes(3), StandardCharsets.UTF_8));
        assertEquals(0, body.available());
        assertEquals(-1, body.read());
    }

    @Test
    void bodyWhenNeitherLengthNorChunkedThenReadToTheEndAndTheConnectionNotKept() throws Exception {
        server.then((socket, out) -> {
            WireServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"all\":true}");
            socket.close();
        }).then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals("{\"all\":true}", text(client.send(post("{}"))));
        assertEquals("{}", text(client.send(post("{}"))));
        assertEquals(2, server.connections());
    }

    @Test
    void headWhenInterimResponsesComeFirstThenTheyAreSkipped() throws Exception {
        server.then("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        ProviderResponse response = client.send(post("{}"));
        assertEquals(201, response.statusCode());
        assertEquals("ok", text(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
        "HTTP/2 200\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo-Colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n"
    })
    void headWhenMalformedThenProtocolExceptionAndTheConnectionClosed(String answer) throws Exception {
        server.then(answer);
        assertThrows(ProtocolException.class, () -> client.send(post("{}")));
        assertTrue(server.awaitClosedByClient(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n", "-1\r\n", "1234567890abcdef0\r\n", "5\r\nhello!!\r\n0\r\n\r\n"})
    void bodyWhenChunkFramingMalformedThenProtocolExceptionAndTheConnectionClosed(String chunks) throws Exception {
        server.then(OK_CHUNKED + chunks);
        ProviderResponse response = client.send(post("{}"));
        assertThrows(ProtocolException.class, () -> response.body().readAllBytes());
        assertTrue(server.awaitClosedByClient(1));
    }

    @Test
    void bodyWhenTheConnectionEndsInsideAChunkThenEofException() throws Exception {
        server.then((socket, out) -> {
            WireServer.write(out, OK_CHUNKED + "a\r\nabc");
            socket.close();
        });
        ProviderResponse response = client.send(post("{}"));
        assertThrows(EOFException.class, () -> response.body().readAllBytes());
    }

    @Test
    void bodyWhenTheConnectionEndsBeforeItsLengthThenEofException() throws Exception {
        server.then((socket, out) -> {
            WireServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            socket.close();
        });
        ProviderResponse response = client.send(post("{}"));
        assertThrows(EOFException.class, () -> response.body().readAllBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\nok\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"
    })
    void connectionWhenTheAnswerDoesNotAllowReuseThenClosedAfterIt(String answer) throws Exception {
        server.then(answer).then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals("ok", text(client.send(post("{}"))));
        assertEquals("{}", text(client.send(post("{}"))));
        assertEquals(2, server.connections());
    }

    @Test
    void connectionWhenHttp10KeepAliveThenKept() throws Exception {
        server.then("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok")
                .then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        text(client.send(post("{}")));
        text(client.send(post("{}")));
        assertEquals(1, server.connections());
    }

    @Test
    void sendWhenTheServerClosedTheIdleConnectionThenANewOneCarriesTheRequest() throws Exception {
        server.then((socket, out) -> {
            WireServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            socket.close(); // as a server's keep-alive timeout does, without saying so
        }).then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals("ok", text(client.send(post("{}"))));
        Thread.sleep(100); // the close reaches the client
        assertEquals("{}", text(client.send(post("{}"))));
        assertEquals(2, server.connections());
        assertEquals(2, server.requests().size(), "each request written once");
    }

    @Test
    void sendWhenTheConnectionWasIdleTooLongThenANewOne() throws Exception {
        try (PlainHttpClient shortIdle = new PlainHttpClient(Duration.ofSeconds(2), Duration.ofMillis(50))) {
            server.then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                    .then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            text(shortIdle.send(post("{}")));
            Thread.sleep(100);
            text(shortIdle.send(post("{}")));
            assertEquals(2, server.connections());
            assertTrue(server.awaitClosedByClient(1), "the idle one is closed");
        }
    }

    @Test
    void sendWhenNoHeadWithinTheTimeoutThenHttpTimeoutExceptionAndTheConnectionClosed() throws Exception {
        server.then((socket, out) -> { }); // no answer: the server waits for the connection's next request
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1")).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long start = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> client.send(request));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 150 && waited < 3000, waited + " ms");
        assertTrue(server.awaitClosedByClient(1));
    }

    @Test
    void sendWhenTheHeadComesInPiecesWithinTheTimeoutThenRead() throws Exception {
        server.then((socket, out) -> {
            WireServer.write(out, "HTTP/1.1 200 OK\r\nContent-");
            Thread.sleep(100);
            WireServer.write(out, "Length: 2\r\n\r");
            Thread.sleep(100);
            WireServer.write(out, "\nok");
        });
        assertEquals("ok", text(client.send(post("{}"))));
    }

    @Test
    void headWhenLongerThanTheLimitThenProtocolException() throws Exception {
        StringBuilder answer = new StringBuilder("HTTP/1.1 200 OK\r\n");
        while (answer.length() <= PlainConnection.MAX_HEAD_BYTES) {
            answer.append("X-Padding: ").append("p".repeat(1000)).append("\r\n");
        }
        server.then(answer.append("\r\n").toString());
        assertThrows(ProtocolException.class, () -> client.send(post("{}")));
    }

    @Test
    void closeBeforeTheEndClosesTheConnectionAndTheNextCallOpensAnother() throws Exception {
        server.then(OK_CHUNKED + "5\r\nhello\r\n").then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        ProviderResponse response = client.send(post("{}"));
        assertEquals("hello", new String(response.body().readNBytes(5), StandardCharsets.UTF_8));
        response.body().close();
        assertTrue(server.awaitClosedByClient(1), "the server sees the call cancelled");
        assertEquals("{}", text(client.send(post("{}"))));
        assertEquals(2, server.connections());
    }

    @Test
    void closeFromAnotherThreadEndsAReadThatIsWaiting() throws Exception {
        CountDownLatch never = WireServer.gate();
        server.then((socket, out) -> {
            WireServer.write(out, OK_CHUNKED + "5\r\nhello\r\n");
            never.await(5, TimeUnit.SECONDS);
        });
        InputStream body = client.send(post("{}")).body();
        body.readNBytes(5);
        CompletableFuture<Throwable> reading = CompletableFuture.supplyAsync(() -> {
            try {
                body.read();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(100);
        body.close();
        assertTrue(reading.get(2, TimeUnit.SECONDS) instanceof IOException);
        never.countDown();
    }

    @Test
    void sendWhenNothingListensThenConnectException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThrows(ConnectException.class, () -> client.send(request));
    }

    @Test
    void sendWhenClosedThenRefusedAndIdleConnectionsClosed() throws Exception {
        server.then("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        text(client.send(post("{}")));
        client.close();
        assertTrue(server.awaitClosedByClient(1));
        assertThrows(IOException.class, () -> client.send(post("{}")));
    }

    @Test
    void sendWhenNotPlainHttpThenRefused() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1")).GET().build();
        assertThrows(IllegalArgumentException.class, () -> client.send(request));
    }
}
