package dev.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A Gatehouse configuration error must stop the deployment, and the server log must name the property. The WAR is
 * deployed by hand ({@link Deployer}) so the test sees the failure on every server, whatever form it takes there.
 */
@ArquillianTest
public abstract class BrokenConfigurationTests {

    static final String PROPERTY = "mp.jwt.decrypt.key.location";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenSample() {
        Map<String, String> config = SampleWar.testConfiguration();
        config.put(PROPERTY, Path.of(System.getProperty("it.work", "target/it-work"), "no-such-dir", "decrypt.jwk")
                .toAbsolutePath().toString());
        return SampleWar.withConfiguration("gatehouse-broken.war", config);
    }

    @Test
    void deployWhenDecryptionKeyMissingThenFailsAndLogNamesTheProperty() throws InterruptedException {
        ServerLog log = ServerLog.mark();
        Exception failure = deployExpectingFailure();
        String line = log.awaitLine("Gatehouse configuration error: " + PROPERTY, Duration.ofSeconds(20));
        assertNotNull(line, () -> "no log line names " + PROPERTY + "; deployment failed with:\n" + stackTrace(failure)
                + "\nnew log text:\n" + log.newText());
    }

    private Exception deployExpectingFailure() {
        try {
            deployer.deploy("broken");
        } catch (Exception e) {
            return e;
        } finally {
            undeployQuietly();
        }
        return fail("the deployment with a missing " + PROPERTY + " succeeded");
    }

    private void undeployQuietly() {
        try {
            deployer.undeploy("broken");
        } catch (Exception e) {
            // expected where a failed deployment leaves nothing behind; Tomcat keeps the stopped context otherwise
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
