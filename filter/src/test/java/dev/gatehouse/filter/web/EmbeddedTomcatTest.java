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
}
