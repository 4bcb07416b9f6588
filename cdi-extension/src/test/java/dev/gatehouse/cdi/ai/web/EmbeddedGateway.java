package dev.gatehouse.cdi.ai.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * An embedded Tomcat serving an empty web application with {@code params} as context parameters: Gatehouse's filter
 * and AI gateway activate themselves from their jars' initializers, as in a real WAR. Public for the benchmarks, which
 * use it from this module's test-jar.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private final Tomcat tomcat;

    private EmbeddedGateway(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    public static EmbeddedGateway start(Path dir, Map<String, String> params) throws Exception {
        return start(dir, params, connector -> { });
    }

    /** With the HTTP connector (port 0, Tomcat's defaults) adjusted by {@code connector} before it starts. */
    public static EmbeddedGateway start(Path dir, Map<String, String> params, Consumer<Connector> connector)
            throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        connector.accept(tomcat.getConnector());
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
    public String base() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
