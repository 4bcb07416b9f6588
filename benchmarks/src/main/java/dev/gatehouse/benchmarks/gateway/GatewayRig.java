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
 * with the same short completion (or its chunks), and one Gatehouse gateway per {@link Setup} — an embedded Tomcat with
 * Gatehouse's filter and AI gateway activated by their jars, as in a WAR — whose only alias {@value #ALIAS} routes to
 * that fake. Audit events go to a rotating file (asynchronously, as configured by default); no response cache, no
 * budgets.
 */
final class GatewayRig implements AutoCloseable {

    /** The alias the gateways serve, and the model the direct calls name. */
    static final String ALIAS = "bench";
    /** The fake provider's API key: sent by direct calls, and by the gateways (their own key, not the caller's). */
    static final String PROVIDER_KEY = "sk-bench-provider-key";
    /** The fake's answer: 1 role chunk, 8 content chunks, 1 finish chunk and 1 usage chunk when streamed. */
    static final String ANSWER = "Hello from the fake provider.";
    /**
     * Distinct tokens per suite, one per caller, taken in turn: each caller sends its own token on every call, as
     * clients do until it expires — a gateway with the token cache validates each once; one without validates each
     * call's.
     */
    static final int TOKENS = 64;

    private final Path dir;
    private final FakeOpenAi fake;
    private final List<EmbeddedGateway> tomcats = new ArrayList<>();
    /**
     * One gateway to build: the token suite it accepts and whether it keeps its validated-token cache
     * ({@code gatehouse.jwt.cache.size}, on by default; off, every call decrypts and verifies its token).
     */
    record Setup(String suite, boolean tokenCache) {

        /** How tables name it, e.g. {@code dir/A256GCM/RS256, token cache}. */
        String label() {
            return suite + (tokenCache ? ", token cache" : ", no token cache");
        }
    }

    /** The token cache's property, and its size in the gateways that keep one (the default). */
    static final String TOKEN_CACHE_SIZE = "gatehouse.jwt.cache.size";

    private final Map<Setup, Endpoint> gateways = new LinkedHashMap<>();
    private final Map<Setup, Map<String, String>> filterProperties = new HashMap<>();
    private final Map<String, String[]> tokens = new HashMap<>();
    private final Endpoint direct;

    private GatewayRig(Path dir, FakeOpenAi fake) {
        this.dir = dir;
        this.fake = fake;
        this.direct = new Endpoint("direct", URI.create(fake.baseUrl() + "/chat/completions"),
                new String[] {"Bearer " + PROVIDER_KEY});
    }

    /** Starts the fake and one gateway for each of {@code setups}. */
    static GatewayRig start(List<Setup> setups) throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-gateway-bench");
        FakeOpenAi fake = FakeOpenAi.requiringKey(PROVIDER_KEY).withoutRecording()
                .otherwise(FakeOpenAiReply.answer(ANSWER));
        GatewayRig rig = new GatewayRig(dir, fake);
        try {
            Map<String, TokenSuite> keys = new HashMap<>();
            for (Setup setup : setups) {
                rig.addGateway(setup, keys.computeIfAbsent(setup.suite(), TokenSuite::generate));
            }
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    private void addGateway(Setup setup, TokenSuite keys) throws Exception {
        String suite = setup.suite();
        Path home = Files.createDirectories(dir.resolve("gateway-" + gateways.size()));
        Map<String, String> filter = new HashMap<>(keys.writeConfig(home));
        if (setup.tokenCache()) {
            filter.remove(TOKEN_CACHE_SIZE); // the default
        } else {
            filter.put(TOKEN_CACHE_SIZE, "0");
        }
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
        String[] minted = tokens.containsKey(suite) ? tokens.get(suite) : keys.mint(TOKENS, Duration.ofHours(12));
        String[] authorizations = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            authorizations[i] = "Bearer " + minted[i];
        }
        filterProperties.put(setup, filter);
        tokens.put(suite, minted);
        gateways.put(setup, new Endpoint("gateway " + setup.label(), URI.create(tomcat.base() + "/v1/chat/completions"),
                authorizations));
    }

    /** The fake provider, called as a client calls OpenAI. */
    Endpoint direct() {
        return direct;
    }

    /** The gateway built for {@code setup}. */
    Endpoint gateway(Setup setup) {
        Endpoint gateway = gateways.get(setup);
        if (gateway == null) {
            throw new IllegalArgumentException("no gateway for " + setup);
        }
        return gateway;
    }

    /** The filter properties of the gateway for {@code setup} (key files included), to build its validator alone. */
    Map<String, String> filterProperties(Setup setup) {
        return Map.copyOf(filterProperties.get(setup));
    }

    /** The tokens the callers of the gateways accepting {@code suite} send (the same for each such gateway). */
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
