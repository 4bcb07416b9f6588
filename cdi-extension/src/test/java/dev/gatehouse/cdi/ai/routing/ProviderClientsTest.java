package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.http.ProviderResponse;
import dev.gatehouse.cdi.ai.testing.FakeOpenAi;

class ProviderClientsTest {

    private final ProviderClients clients = ProviderClients.create(Duration.ofSeconds(3));

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void forUriWhenHttpsThenDefaultVersionAndACachedPool() throws Exception {
        HttpClient https = clients.jdkClient();
        assertEquals(HttpClient.Version.HTTP_2, https.version());
        assertTrue(https.executor().isPresent(), "a pool does TLS and response work");
        Thread ranOn = CompletableFuture.supplyAsync(Thread::currentThread, https.executor().get()).get(5,
                TimeUnit.SECONDS);
        assertNotSame(Thread.currentThread(), ranOn);
        assertTrue(ranOn.getName().startsWith("gatehouse-provider-"), ranOn.getName());
        assertTrue(ranOn.isDaemon());
        assertEquals(HttpClient.Redirect.NEVER, https.followRedirects());
        assertEquals(Optional.of(Duration.ofSeconds(3)), https.connectTimeout());
    }

    @Test
    void threadsOfTheClientsDoNotHoldTheApplicationsClassLoader() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        try (FakeOpenAi fake = FakeOpenAi.start()) {
            current.setContextClassLoader(application); // as while an application deploys
            ProviderClients created = ProviderClients.create(Duration.ofSeconds(3));
            try {
                URI uri = URI.create(fake.baseUrl() + "/models");
                ProviderResponse plain = created.send(HttpRequest.newBuilder(uri).build());
                plain.body().close();
                assertEquals(404, plain.statusCode(), "FakeOpenAi has no GET /v1/models");
                try (ProviderClients jdk = ProviderClients.jdkOnly(Duration.ofSeconds(3))) {
                    ProviderResponse answer = jdk.send(HttpRequest.newBuilder(uri).build());
                    answer.body().close();
                    assertEquals(404, answer.statusCode());
                    assertTrue(fake.lastRequest().header("User-Agent").orElse("").startsWith("Java-http-client"));
                }
                ExecutorService pool = (ExecutorService) created.jdkClient().executor().orElseThrow();
                ClassLoader poolLoader = pool.submit(() -> Thread.currentThread().getContextClassLoader())
                        .get(5, TimeUnit.SECONDS);
                assertNotSame(application, poolLoader);
                assertSame(application, current.getContextClassLoader(), "the caller's loader is given back");
                List<String> holding = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread != current && thread.getContextClassLoader() == application)
                        .map(Thread::getName).collect(Collectors.toList());
                assertEquals(List.of(), holding);
            } finally {
                created.close();
            }
        } finally {
            current.setContextClassLoader(before);
        }
    }

    @Test
    void closeStopsThePoolOnceItsTasksAreDone() throws Exception {
        ExecutorService pool = (ExecutorService) clients.jdkClient().executor().orElseThrow();
        pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
        clients.close();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }

    @Test
    void sendWhenPlainHttpThenTheOwnClientOverOneKeptConnection() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.start()) {
            URI uri = URI.create(fake.baseUrl() + "/models");
            for (int i = 0; i < 3; i++) {
                ProviderResponse answer = clients.send(HttpRequest.newBuilder(uri).build());
                assertEquals(404, answer.statusCode());
                answer.body().readAllBytes();
                answer.body().close();
            }
            assertEquals(1, fake.connections(), "one connection, kept");
            assertEquals(Optional.empty(), fake.lastRequest().header("User-Agent"), "not the JDK client's request");
            assertEquals(Optional.empty(), fake.lastRequest().header("Upgrade"));
        }
    }

    @Test
    void sendWhenSchemeInUpperCaseThenPlainHttpAllTheSame() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.start()) {
            URI uri = URI.create(fake.baseUrl().toString().replace("http:", "HTTP:") + "/models");
            ProviderResponse answer = clients.send(HttpRequest.newBuilder(uri).build());
            answer.body().close();
            assertEquals(404, answer.statusCode());
            assertEquals(Optional.empty(), fake.lastRequest().header("User-Agent"), "not the JDK client's request");
        }
    }
}
