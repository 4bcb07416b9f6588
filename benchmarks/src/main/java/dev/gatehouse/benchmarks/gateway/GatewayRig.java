package dev.gatehouse.benchmarks.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.gatehouse.benchmarks.TokenSuite;
import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.web.EmbeddedGateway;

/**
 * What the gateway benchmark talks to, all in this JVM on loopback: one {@link FakeOpenAi} answering every request
 * with the same short completion (or its chunks), and one Gatehouse gateway per token suite — an embedded Tomcat with
 * Gatehouse's filter and AI gateway activated by their jars, as in a WAR — whose only alias {@value #ALIAS} routes to
 * that fake. Audit events go to a rotating file (asynchronously, as configured by default); no cache, no budgets.
 */
final class GatewayRig implements AutoCloseable {

    /** The alias the gateways serve, and the model the direct calls name. */
    static final String ALIAS = "bench";
    /** The fake provider's API key: sent by direct calls, and by the gateways (their own key, not the caller's). */
    static final String PROVIDER_KEY = "sk-bench-provider-key";
    /** The fake's answer: 1 role chunk, 8 content chunks, 1 finish chunk and 1 usage chunk when streamed. */
    static final String ANSWER = "Hello from the fake provider.";
    /** Distinct tokens per suite, taken in turn (Gatehouse keeps no token cache, but nothing may profit from one). */
    static final int TOKENS = 64;

    private final Path dir;
    private final FakeOpenAi fake;
    private final List<EmbeddedGateway> tomcats = new ArrayList<>();
    private final Map<String, Endpoint> gateways = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> filterProperties = new HashMap<>();
    private final Map<String, String[]> tokens = new HashMap<>();
    private final Endpoint direct;

    private GatewayRig(Path dir, FakeOpenAi fake) {
        this.dir = dir;
        this.fake = fake;
        this.direct = new Endpoint("direct", URI.create(fake.baseUrl() + "/chat/completions"),
                new String[] {"Bearer " + PROVIDER_KEY});
    }

    /** Starts the fake and one gateway for each of {@code suites} (e.g. {@code dir/A256GCM/RS256}). */
    static GatewayRig start(List<String> suites) throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-gateway-bench");
        FakeOpenAi fake = FakeOpenAi.requiringKey(PROVIDER_KEY).withoutRecording()
                .otherwise(FakeOpenAiReply.answer(ANSWER));
        GatewayRig rig = new GatewayRig(dir, fake);
        try {
            for (String suite : suites) {
                rig.addGateway(suite);
            }
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    private void addGateway(String suite) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gateway-" + gateways.size()));
        TokenSuite keys = TokenSuite.generate(suite);
        Map<String, String> filter = keys.writeConfig(home);
        Map<String, String> params = new HashMap<>(filter);
        params.put("gatehouse.ai.providers", "fake");
        params.put("gatehouse.ai.provider.fake.kind", "openai");
        params.put("gatehouse.ai.provider.fake.base-url", fake.baseUrl().toString());
        params.put("gatehouse.ai.provider.fake.api-key", PROVIDER_KEY);
        params.put("gatehouse.ai.aliases", ALIAS);
        params.put("gatehouse.ai.alias." + ALIAS + ".targets", "fake/gpt-4o-mini");
        params.put("gatehouse.audit.sink", "file");
        params.put("gatehouse.audit.file.path", home.resolve("audit.log").toString());
        // Tomcat closes a keep-alive connection after 100 requests by default; the direct side (the JDK's server)
        // never does. Unlimited here, so both sides reuse one connection per client and 1% of the gateway's samples
        // are not TCP handshakes.
        EmbeddedGateway tomcat = EmbeddedGateway.start(home, params,
                connector -> connector.setProperty("maxKeepAliveRequests", "-1"));
        tomcats.add(tomcat);
        String[] minted = keys.mint(TOKENS, Duration.ofHours(12));
        String[] authorizations = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            authorizations[i] = "Bearer " + minted[i];
        }
        filterProperties.put(suite, filter);
        tokens.put(suite, minted);
        gateways.put(suite, new Endpoint("gateway " + suite, URI.create(tomcat.base() + "/v1/chat/completions"),
                authorizations));
    }

    /** The fake provider, called as a client calls OpenAI. */
    Endpoint direct() {
        return direct;
    }

    /** The gateway accepting tokens of {@code suite}. */
    Endpoint gateway(String suite) {
        Endpoint gateway = gateways.get(suite);
        if (gateway == null) {
            throw new IllegalArgumentException("no gateway for " + suite);
        }
        return gateway;
    }

    /** The filter properties of the gateway for {@code suite} (key files included), to build its validator alone. */
    Map<String, String> filterProperties(String suite) {
        return Map.copyOf(filterProperties.get(suite));
    }

    /** The tokens that gateway's callers send. */
    String[] tokens(String suite) {
        return tokens.get(suite).clone();
    }

    @Override
    public void close() throws Exception {
        for (EmbeddedGateway tomcat : tomcats) {
            tomcat.close();
        }
        fake.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
