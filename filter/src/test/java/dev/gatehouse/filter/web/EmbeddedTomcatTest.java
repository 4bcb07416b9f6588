package dev.gatehouse.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * The jar on a real Servlet 6 container: Tomcat finds {@link GatehouseInitializer} through
 * {@code META-INF/services}, configuration comes from context parameters (no MicroProfile Config), and every answer
 * travels over real HTTP on loopback.
 */
class EmbeddedTomcatTest {

    @TempDir
    Path dir;
    private Tomcat tomcat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Echoes who the application sees. */
    public static final class WhoAmI extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print(req.getRemoteUser() + " admin=" + req.isUserInRole("admin"));
        }
    }

    /** Answers 202 from another thread, after the filter chain has returned. */
    public static final class Later extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            jakarta.servlet.AsyncContext async = req.startAsync();
            new Thread(() -> {
                ((HttpServletResponse) async.getResponse()).setStatus(202);
                async.complete();
            }).start();
        }
    }

    private Context start(Map<String, String> params) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Path docBase = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
        Context context = tomcat.addWebapp("", docBase.getParent().toString());
        params.forEach(context::addParameter);
        Tomcat.addServlet(context, "who", new WhoAmI());
        context.addServletMappingDecoded("/*", "who");
        Tomcat.addServlet(context, "async", new Later()).setAsyncSupported(true);
        context.addServletMappingDecoded("/async", "async");
        tomcat.start();
        return context;
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + tomcat.getConnector().getLocalPort() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> config() {
        Map<String, String> params = new java.util.HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.public-paths", "/health");
        params.put("gatehouse.rules", "admin");
        params.put("gatehouse.rule.admin.paths", "/admin/*");
        params.put("gatehouse.rule.admin.roles", "admin");
        params.put("gatehouse.realm", "sample");
        return params;
    }

    @Test
    void jarActivatesItselfAndProtectsEveryPath() throws Exception {
        start(config());

        HttpResponse<String> none = get("/api/me", null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"sample\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(none.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));

        HttpResponse<String> ok = get("/api/me", "Bearer " + TestTokens.valid().mint());
        assertEquals(200, ok.statusCode());
        assertEquals("alice admin=false", ok.body());

        HttpResponse<String> forbidden = get("/admin/stats", "bearer " + TestTokens.valid().mint());
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"insufficient_scope\""));

        assertEquals("alice admin=true", get("/admin/stats", "Bearer " + TestTokens.valid().groups("admin").mint()).body());
        assertEquals(200, get("/health", null).statusCode());

        String forged = TestTokens.valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint();
        HttpResponse<String> invalid = get("/api/me", "Bearer " + forged);
        assertEquals(401, invalid.statusCode());
        assertEquals("Bearer realm=\"sample\", error=\"invalid_token\", error_description=\"The access token is invalid\"",
                invalid.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertFalse(invalid.body().contains(forged.substring(0, 30)));

        assertEquals(400, get("/admin;x=y/stats", "Bearer " + TestTokens.valid().mint()).statusCode());
    }

    @Test
    void brokenConfigurationFailsTheDeployment() throws Exception {
        Map<String, String> params = config();
        params.put("mp.jwt.decrypt.key.location", "/nonexistent/decrypt.pem");
        Context context = start(params);
        assertFalse(context.getState().isAvailable(), "state " + context.getState());
        assertEquals(404, get("/api/me", null).statusCode(), "nothing is served by a failed deployment");
    }

    @Test
    void disabledSwitchLeavesApplicationUnprotected() throws Exception {
        start(Map.of("gatehouse.enabled", "false"));
        assertEquals("null admin=false", get("/api/me", null).body());
    }

    /**
     * Tokens and secrets sent every way a client can (header, cookie, query, form body, other schemes, forged,
     * expired and mangled tokens) leave no trace in the audit file or in any log record (Gatehouse's and jose4j's at every
     * level, everyone's at INFO and above); the claims of a refused token appear at FINE at most.
     */
    @Test
    void secretsSentEveryWayNeverReachTheAuditOrAnyLog() throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        StringBuilder all = new StringBuilder();
        StringBuilder aboveFine = new StringBuilder();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            private final java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();

            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                String text = format.format(record);
                all.append(text);
                if (record.getLevel().intValue() > java.util.logging.Level.FINE.intValue()) {
                    aboveFine.append(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(java.util.logging.Level.ALL);
        // everything at INFO and above (Tomcat's own FINER dumps of raw requests are the container's business),
        // and Gatehouse's and jose4j's records at every level
        root.addHandler(capture);
        java.util.List<java.util.logging.Logger> verbose = java.util.List.of(
                java.util.logging.Logger.getLogger("dev.gatehouse"), java.util.logging.Logger.getLogger("org.jose4j"));
        verbose.forEach(l -> l.setLevel(java.util.logging.Level.ALL));
        Path auditFile = dir.resolve("audit/audit.log");
        String claimSecret = "claim-" + java.util.UUID.randomUUID();
        String valid = TestTokens.valid().claim("secret_note", claimSecret).mint();
        String expired = TestTokens.valid().claim("secret_note", claimSecret).issuedAgo(Duration.ofMinutes(10))
                .ttl(Duration.ofMinutes(5)).mint();
        String wrongAudience = TestTokens.valid().claim("secret_note", claimSecret).audience("other-api").mint();
        String forged = TestTokens.valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint();
        String signedOnly = TestTokens.valid().claim("secret_note", claimSecret).signed();
        String mangled = valid.substring(0, valid.length() - 10) + "AAAAAAAAAA";
        String password = "pw-" + java.util.UUID.randomUUID();
        String cookie = "session-" + java.util.UUID.randomUUID();
        String apiKey = "sk-" + java.util.UUID.randomUUID();
        java.util.List<String> secrets = java.util.List.of(valid, expired, wrongAudience, forged, signedOnly, mangled,
                password, cookie, apiKey);
        try {
            Map<String, String> params = config();
            params.put("gatehouse.audit.sink", "file");
            params.put("gatehouse.audit.file.path", auditFile.toString());
            start(params);
            for (String token : java.util.List.of(valid, expired, wrongAudience, forged, signedOnly, mangled)) {
                for (String path : java.util.List.of("/api/me", "/health", "/admin/stats")) {
                    send(path, "Authorization", "Bearer " + token);
                    send(path + "?access_token=" + token, "X-Api-Key", apiKey);
                    send(path, "Cookie", "Bearer=" + token + "; session=" + cookie);
                }
                send("/api/me", "Authorization", "Bearer " + token + ", Bearer " + token);
                post("/api/me", "access_token=" + token + "&password=" + password);
            }
            send("/api/me", "Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(("alice:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } finally {
            stop();
            tomcat = null;
            root.removeHandler(capture);
            verbose.forEach(l -> l.setLevel(null));
        }
        String audit = Files.readString(auditFile);
        assertEquals(6 * 9 + 6 * 2 + 1, audit.lines().count(), "one audit event per request");
        for (String secret : secrets) {
            for (int i = 0; i + 12 <= secret.length(); i += 6) {
                String window = secret.substring(i, i + 12);
                assertFalse(audit.contains(window), () -> "audit file contains " + window);
                int at = all.indexOf(window);
                assertFalse(at >= 0, () -> "a log record contains " + window + ": "
                        + all.substring(Math.max(0, at - 300), Math.min(all.length(), at + 100)));
            }
        }
        assertFalse(aboveFine.toString().contains(claimSecret), "claims of a token above FINE");
        assertTrue(audit.contains("\"outcome\":\"AUTHN_OK\""), audit);
        assertTrue(audit.contains("\"reason\":\"EXPIRED\""), audit);
    }

    @Test
    void asynchronousRequestIsAuditedOnceWhenComplete() throws Exception {
        Path auditFile = dir.resolve("async-audit/audit.log");
        Map<String, String> params = config();
        params.put("gatehouse.audit.sink", "file");
        params.put("gatehouse.audit.file.path", auditFile.toString());
        start(params);
        HttpResponse<String> response = get("/async", "Bearer " + TestTokens.valid().mint());
        assertEquals(202, response.statusCode());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        stop();
        tomcat = null;
        java.util.List<String> events = Files.readAllLines(auditFile);
        assertEquals(1, events.size(), events::toString);
        assertTrue(events.get(0).contains("\"request_id\":\"" + requestId + "\""), events::toString);
        assertTrue(events.get(0).contains("\"status\":202"), events::toString);
        assertTrue(events.get(0).contains("\"outcome\":\"AUTHN_OK\""), events::toString);
    }

    private void send(String path, String header, String value) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private void post(String path, String form) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
