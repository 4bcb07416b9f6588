package dev.gatehouse.it;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.gatehouse.filter.testing.TestConfig;

/**
 * The real sample WAR (copied to {@code target/wars} by the build; {@code -Dit.war} names the variant for the server
 * under test) with its configuration replaced by one for the test key set. Keys are generated in this JVM
 * ({@code TestKeys}) and written under {@code target/it-work}; nothing secret is committed.
 */
public final class SampleWar {

    /** Where the sample keeps its MicroProfile Config; replaced, never added beside. */
    public static final ArchivePath CONFIG = ArchivePaths.create("WEB-INF/classes/META-INF/microprofile-config.properties");
    /** The realm, given through an MP Config expression: it resolves only when MicroProfile Config reads the file. */
    public static final String REALM = "gatehouse";

    private SampleWar() {
    }

    /** The WAR file of the server under test. */
    public static File file() {
        File war = new File(System.getProperty("it.war", "target/wars/gatehouse-sample.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Sample WAR not found: " + war.getAbsolutePath()
                    + " (the build copies it there in pre-integration-test)");
        }
        return war;
    }

    /** Which server the suite runs on: {@code tomcat}, {@code wildfly} or {@code payara}. */
    public static String server() {
        return System.getProperty("it.server", "unknown");
    }

    /**
     * The sample's rules and public path with the test key set: issuer and audience of {@code TestTokens}, the
     * decryption key of {@code TestKeys.RSA_ENC}, the verification key of {@code TestKeys.RSA_SIG}.
     */
    public static Map<String, String> testConfiguration() {
        Map<String, String> config = new LinkedHashMap<>(TestConfig.in(keyFolder()).properties());
        config.put("gatehouse.public-paths", "/health");
        config.put("gatehouse.rules", "admin");
        config.put("gatehouse.rule.admin.paths", "/api/admin/*");
        config.put("gatehouse.rule.admin.roles", "admin");
        config.put("it.realm", REALM);
        config.put("gatehouse.ai.providers", "fake");
        config.put("gatehouse.ai.provider.fake.kind", "openai");
        config.put("gatehouse.ai.provider.fake.base-url", FakeProvider.baseUrl());
        config.put("gatehouse.ai.provider.fake.api-key", FakeProvider.API_KEY);
        config.put("gatehouse.ai.aliases", "chat");
        config.put("gatehouse.ai.alias.chat.targets", "fake/gpt-test");
        config.put("gatehouse.realm", "${it.realm}");
        return config;
    }

    /** The sample WAR named {@code name} whose configuration file is exactly {@code config}. */
    public static WebArchive withConfiguration(String name, Map<String, String> config) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name).importFrom(file()).as(WebArchive.class);
        if (war.delete(CONFIG) == null) {
            throw new IllegalStateException(file() + " has no " + CONFIG.get() + " to replace");
        }
        return war.add(new StringAsset(properties(config)), CONFIG);
    }

    /**
     * Drops the server descriptors that can fix a context root ({@code jboss-web.xml} puts the sample at {@code /}), so
     * that {@code war} is served under its own name and can be deployed beside the sample.
     */
    public static WebArchive contextRootFromName(WebArchive war) {
        for (String descriptor : List.of("WEB-INF/jboss-web.xml", "WEB-INF/glassfish-web.xml", "WEB-INF/payara-web.xml")) {
            war.delete(descriptor);
        }
        return war;
    }

    /**
     * Another copy of the sample, to deploy beside it: the test configuration, served under its own name, with
     * {@code classes} of the suite added to its {@code WEB-INF/classes}.
     */
    public static WebArchive beside(String name, Class<?>... classes) {
        return contextRootFromName(withConfiguration(name, testConfiguration())).addClasses(classes);
    }

    private static String properties(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "Gatehouse integration tests: test key set");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Path keyFolder() {
        try {
            Path work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
            return Files.createDirectories(work.resolve("keys-" + server()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
