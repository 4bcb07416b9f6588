package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProviderClientsTest {

    private final ProviderClients clients = ProviderClients.create(Duration.ofSeconds(3));

    @Test
    void forUriWhenHttpsThenDefaultVersionAndPool() {
        HttpClient https = clients.forUri(URI.create("https://api.openai.com/v1/chat/completions"));
        assertEquals(HttpClient.Version.HTTP_2, https.version());
        assertEquals(Optional.empty(), https.executor(), "the client's own pool does TLS and response work");
        assertEquals(HttpClient.Redirect.NEVER, https.followRedirects());
        assertEquals(Optional.of(Duration.ofSeconds(3)), https.connectTimeout());
    }

    @Test
    void forUriWhenPlainHttpThenHttp11WithoutHandoffs() {
        HttpClient plain = clients.forUri(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertEquals(HttpClient.Version.HTTP_1_1, plain.version());
        assertTrue(plain.executor().isPresent());
        Thread[] ranOn = new Thread[1];
        plain.executor().get().execute(() -> ranOn[0] = Thread.currentThread());
        assertSame(Thread.currentThread(), ranOn[0], "tasks run where they are submitted");
        assertEquals(HttpClient.Redirect.NEVER, plain.followRedirects());
        assertEquals(Optional.of(Duration.ofSeconds(3)), plain.connectTimeout());
    }

    @Test
    void forUriWhenSchemeInUpperCaseThenSameChoice() {
        assertSame(clients.forUri(URI.create("http://localhost:8000/v1")),
                clients.forUri(URI.create("HTTP://localhost:8000/v1")));
        assertNotSame(clients.forUri(URI.create("http://localhost:8000/v1")),
                clients.forUri(URI.create("https://localhost:8000/v1")));
    }
}
