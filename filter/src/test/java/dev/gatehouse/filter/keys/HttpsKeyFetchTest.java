package dev.gatehouse.filter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.SelfSignedCertificate;
import dev.gatehouse.filter.testing.TestKeys;

/** Keys over real TLS on loopback, with a certificate made by keytool for this test. */
class HttpsKeyFetchTest {

    @TempDir
    Path dir;
    private HttpsServer server;
    private SSLContext tls;
    private volatile String jwks;

    @BeforeEach
    void start() throws Exception {
        KeyStore keys = SelfSignedCertificate.create(dir, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1").store();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, SelfSignedCertificate.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/jwks", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteKeySource source(HttpClient client) {
        return new RemoteKeySource(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/jwks"),
                KeyPurpose.VERIFY, new KeyPinning(KeyPurpose.VERIFY, Set.of("RS256"), Set.of("A256GCM")),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5), Clock.systemUTC(), client);
    }

    @Test
    void keysWhenServedOverTrustedTlsThenPinnedByKid() {
        jwks = TestKeys.publicJwks(TestKeys.RSA_SIG, TestKeys.RSA_SIG_2);
        KeySet keys = source(HttpClient.newBuilder().sslContext(tls).build()).keys();
        assertEquals(2, keys.keys().size());
        assertEquals(Set.of("RS256"), keys.select("sig-rsa-2", "RS256").orElseThrow().algorithms());
    }

    @Test
    void keysWhenCertificateNotTrustedThenUnavailable() {
        jwks = TestKeys.publicJwks(TestKeys.RSA_SIG);
        assertThrows(KeysUnavailableException.class, () -> source(HttpClient.newHttpClient()).keys());
    }
}
