package dev.gatehouse.cdi.ai.web;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * An embedded Tomcat serving an empty web application with {@code params} as context parameters: Gatehouse's filter
 * and AI gateway activate themselves from their jars' initializers, as in a real WAR; {@link #call} sends it requests.
 */
final class EmbeddedGateway implements AutoCloseable {

    private final Tomcat tomcat;
    private final HttpClient http = HttpClient.newHttpClient();

    private EmbeddedGateway(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    static EmbeddedGateway start(Path dir, Map<String, String> params) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Path docBase = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
        Context context = tomcat.addWebapp("", docBase.getParent().toString());
        params.forEach(context::addParameter);
        // @HandlesTypes scanning only of the (empty) web application, not of this module's test classes, some of which
        // are deliberately broken JAX-RS resources
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        if (!context.getState().isAvailable()) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("deployment failed: " + context.getState());
        }
        return new EmbeddedGateway(tomcat);
    }

    /** {@code http://127.0.0.1:<port>} */
    String base() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    /** Sends {@code method path} with {@code token} as bearer token and {@code body} as JSON (either may be null). */
    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's body as a JSON object. */
    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
