package dev.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;
import dev.gatehouse.it.app.GreetingPrompt;
import dev.gatehouse.it.app.ModelClientResource;
import dev.gatehouse.it.app.MpJwtLoginApplication;
import dev.gatehouse.it.app.UnknownAliasClient;

/**
 * The sample application on a real server, over real HTTP: written once, run on every server by an empty subclass
 * ({@code TomcatSampleApplicationIT}, ...). The WAR is the real sample with the test key set's configuration; a
 * copy of it with application code that uses the AI gateway in process is deployed beside it
 * ({@link ModelApplicationTests}). Streaming through the gateway is in {@link ChatStreamTests}.
 * <p>
 * The deployments that must fail run last: on Payara 6.2025.9 every deployment after a failed one gets no
 * application MicroProfile Config in its {@code ServletContainerInitializer} until the server restarts.
 */
@ArquillianTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SampleApplicationTests implements ChatStreamTests, ModelApplicationTests {

    static final String CHALLENGE = "Bearer realm=\"" + SampleWar.REALM + "\"";
    static final String INVALID = CHALLENGE + ", error=\"invalid_token\", error_description=\"The access token is invalid\"";
    static final String EXPIRED = CHALLENGE + ", error=\"invalid_token\", error_description=\"The access token expired\"";
    static final String FORBIDDEN = CHALLENGE + ", error=\"insufficient_scope\", "
            + "error_description=\"The access token does not grant access to this resource\"";

    static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";

    static final String BROKEN = "broken";
    static final String BROKEN_PROPERTY = "mp.jwt.decrypt.key.location";
    static final String MP_JWT = "mp-jwt";
    static final String UNKNOWN_ALIAS = "unknown-alias";
    static final String MODEL_APPLICATION = "model-application";

    @ArquillianResource
    URL base;
    @ArquillianResource
    @OperateOnDeployment(MODEL_APPLICATION)
    URL modelApplicationBase;
    @ArquillianResource
    Deployer deployer;
    Http http;

    @Deployment(testable = false)
    static WebArchive sample() {
        return SampleWar.withConfiguration("gatehouse-sample.war", SampleWar.testConfiguration());
    }

    /** The sample with a decryption key that does not exist; deployed by {@link #deployWhenDecryptionKeyMissingThenFailsAndLogNamesTheProperty}. */
    @Deployment(name = BROKEN, managed = false, testable = false)
    static WebArchive brokenSample() {
        Map<String, String> config = SampleWar.testConfiguration();
        config.put(BROKEN_PROPERTY, Path.of(System.getProperty("it.work", "target/it-work"), "no-such-dir", "decrypt.jwk")
                .toAbsolutePath().toString());
        return SampleWar.contextRootFromName(SampleWar.withConfiguration("gatehouse-broken.war", config));
    }

    /** The sample plus an application class with {@code @LoginConfig(authMethod = "MP-JWT")}; must be refused. */
    @Deployment(name = MP_JWT, managed = false, testable = false)
    static WebArchive mpJwtSample() {
        return SampleWar.beside("gatehouse-mp-jwt.war", MpJwtLoginApplication.class);
    }

    /** The sample plus a bean injecting {@code @Model("no-such-alias") ModelClient}; must be refused. */
    @Deployment(name = UNKNOWN_ALIAS, managed = false, testable = false)
    static WebArchive unknownAliasSample() {
        return SampleWar.beside("gatehouse-unknown-alias.war", UnknownAliasClient.class);
    }

    /**
     * The sample plus application code using the AI gateway in process; deployed with the sample, undeployed after
     * the class like it.
     */
    @Deployment(name = MODEL_APPLICATION, testable = false, order = 2)
    static WebArchive modelApplicationSample() {
        return SampleWar.beside("gatehouse-model.war", ModelClientResource.class, GreetingPrompt.class);
    }

    @BeforeEach
    void client() {
        http = Http.at(base);
    }

    @Override
    public Http sampleApplication() {
        return http;
    }

    @Override
    public Http modelApplication() {
        return Http.at(modelApplicationBase);
    }

    /** alice, groups {@code user}, with a {@code upn} that must become the principal name. */
    static TokenMinter alice() {
        return TestTokens.valid().claim("upn", "alice@idp.test");
    }

    @Test
    void healthWhenNoTokenThenServedAsPublicPath() {
        HttpResponse<String> response = http.get("health", null);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("UP", Http.json(response).get("status"));
    }

    @ParameterizedTest
    @CsvSource({"api/me", "servlet/whoami", "api/admin/stats", "api/roles/user"})
    void protectedPathWhenNoTokenThenChallengesWithoutError(String path) {
        HttpResponse<String> response = http.get(path, null);
        assertAll(() -> assertEquals(401, response.statusCode(), response::body),
                () -> assertEquals(CHALLENGE, Http.challenge(response)),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json"), response.headers()::toString));
    }

    @Test
    void meWhenValidTokenThenJaxRsSeesThePrincipal() {
        Instant now = Instant.now();
        String token = alice().clock(Clock.fixed(now, ZoneOffset.UTC)).ttl(Duration.ofMinutes(5)).mint();

        HttpResponse<String> response = http.get("api/me", token);

        assertEquals(200, response.statusCode(), response::body);
        Map<String, Object> me = Http.json(response);
        assertAll(() -> assertEquals("alice", me.get("sub")),
                () -> assertEquals("alice@idp.test", me.get("name")),
                () -> assertEquals(List.of("user"), me.get("groups")),
                () -> assertEquals(now.plus(Duration.ofMinutes(5)).getEpochSecond(), ((Number) me.get("exp")).longValue()));
    }

    @ParameterizedTest
    @CsvSource({"user, false", "admin, true"})
    void whoamiWhenValidTokenThenServletSeesThePrincipal(String group, boolean admin) {
        HttpResponse<String> response = http.get("servlet/whoami", alice().groups(group).mint());

        assertEquals(200, response.statusCode(), response::body);
        Map<String, Object> whoami = Http.json(response);
        assertAll(() -> assertEquals("alice@idp.test", whoami.get("name")),
                () -> assertEquals(admin, whoami.get("admin")),
                () -> assertEquals("Bearer", whoami.get("authType")));
    }

    @Test
    void adminStatsWhenNotInAdminGroupThenForbidden() {
        HttpResponse<String> response = http.get("api/admin/stats", alice().groups("user", "operator").mint());

        assertEquals(403, response.statusCode(), response::body);
        assertEquals(FORBIDDEN, Http.challenge(response));
    }

    @Test
    void adminStatsWhenInAdminGroupThenServed() {
        HttpResponse<String> response = http.get("api/admin/stats", alice().groups("admin").mint());

        assertEquals(200, response.statusCode(), response::body);
    }

    static Stream<Arguments> rejectedTokens() {
        String signed = TestTokens.valid().signed();
        String signatureStripped = signed.substring(0, signed.lastIndexOf('.') + 1);
        return Stream.of(
                Arguments.of("expired", TestTokens.valid().issuedAgo(Duration.ofMinutes(10)).mint(), EXPIRED),
                Arguments.of("signature stripped", TestTokens.valid().encrypt(signatureStripped), INVALID),
                Arguments.of("wrong audience", TestTokens.valid().audience("another-api").mint(), INVALID),
                Arguments.of("signed with another key", TestTokens.valid()
                        .signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", TestKeys.RSA_SIG.getKeyId()).mint(), INVALID),
                Arguments.of("encrypted for another key", TestTokens.valid().encryptFor(TestKeys.ATTACKER_ENC.getPublicKey(),
                        "RSA-OAEP-256", "A256GCM", TestKeys.RSA_ENC.getKeyId()).mint(), INVALID),
                Arguments.of("signed, not encrypted", signed, INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void protectedPathsWhenTokenRejectedThenChallengeWithInvalidToken(String what, String token, String challenge) {
        for (String path : List.of("api/me", "servlet/whoami")) {
            HttpResponse<String> response = http.get(path, token);
            assertAll(path, () -> assertEquals(401, response.statusCode(), response::body),
                    () -> assertEquals(challenge, Http.challenge(response)),
                    () -> assertFalse(response.body().contains(token.substring(0, 20)), "token echoed"));
        }
    }

    /** The servlet API and JAX-RS answer role questions the same way, from the token's groups. */
    @ParameterizedTest
    @CsvSource({"user, user, true", "user, admin, false", "'admin,user', admin, true", "'admin,user', user, true",
            "admin, auditor, false"})
    void rolesWhenAskedThroughServletAndJaxRsThenBothAgree(String groups, String role, boolean expected) {
        HttpResponse<String> response = http.get("api/roles/" + role, alice().groups(groups.split(",")).mint());

        assertEquals(200, response.statusCode(), response::body);
        Map<String, Object> roles = Http.json(response);
        assertAll(() -> assertEquals(role, roles.get("role")),
                () -> assertEquals(expected, roles.get("servlet"), "HttpServletRequest.isUserInRole"),
                () -> assertEquals(expected, roles.get("jaxrs"), "SecurityContext.isUserInRole"),
                () -> assertEquals("alice@idp.test", roles.get("principal")));
    }

    /**
     * The realm comes from {@code ${it.realm}}: only MicroProfile Config resolves expressions (Gatehouse's own reader
     * would use the text as is), so an exact realm proves the filter read the server's (or, on Tomcat, the WAR's) MP
     * Config.
     */
    @Test
    void configurationWhenWrittenWithExpressionsThenMicroProfileConfigResolvesThem() {
        assertEquals(CHALLENGE, Http.challenge(http.get("api/me", null)));
    }

    /** WildFly and Payara bring MicroProfile Config; the WAR for them must not bring a second one. */
    @Test
    void warForFullServerBundlesNoMicroProfileConfig() throws IOException {
        Assumptions.assumeFalse(SampleWar.server().equals("tomcat"), "Tomcat's WAR bundles SmallRye Config");
        try (ZipFile war = new ZipFile(SampleWar.file())) {
            List<String> config = war.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("WEB-INF/lib/"))
                    .filter(name -> name.contains("microprofile-config") || name.contains("smallrye-config")
                            || name.contains("geronimo-config") || name.contains("helidon-config"))
                    .toList();
            assertEquals(List.of(), config);
        }
    }

    /**
     * One audit event per request reaches the server's own log (java.util.logging), with the request id the client
     * sent, the outcome and the caller, and without the token.
     */
    @ParameterizedTest
    @CsvSource({"api/me, true, AUTHN_OK, 200", "api/me, false, AUTHN_REJECTED, 401", "api/admin/stats, true, AUTHZ_DENIED, 403"})
    void requestWhenHandledThenAuditEventInServerLog(String path, boolean withToken, String outcome, int status)
            throws InterruptedException {
        String requestId = "it-" + java.util.UUID.randomUUID();
        String token = alice().claim("jti", requestId + "-jti").mint();
        ServerLog log = ServerLog.mark();

        HttpResponse<String> response = http.get(path, withToken ? token : null, Map.of("X-Request-Id", requestId));

        assertEquals(status, response.statusCode(), response::body);
        assertEquals(requestId, response.headers().firstValue("X-Request-Id").orElse(null));
        String line = log.awaitLine("\"request_id\":\"" + requestId + "\"", Duration.ofSeconds(20));
        assertNotNull(line, () -> "no audit event for " + requestId + " in:\n" + log.newText());
        assertAll(() -> assertTrue(line.contains("\"outcome\":\"" + outcome + "\""), line),
                () -> assertTrue(line.contains("\"status\":" + status), line),
                () -> assertEquals(withToken, line.contains("\"sub\":\"alice\""), line),
                () -> assertFalse(line.contains(token.substring(token.length() - 24)), "token in the audit log"),
                () -> assertFalse(log.newText().contains(token.substring(token.length() - 24)), "token in the server log"));
    }

    /** The AI gateway: an OpenAI-style call answered by the fake provider, with only the provider's key sent. */
    @Test
    void chatCompletionWhenAuthenticatedThenAnsweredByTheProvider() {
        String token = alice().mint();
        HttpResponse<String> response = http.post("v1/chat/completions", token, CHAT);

        assertEquals(200, response.statusCode(), response::body);
        Map<String, Object> body = Http.json(response);
        assertEquals("chat.completion", body.get("object"));
        assertTrue(response.body().contains(FakeProvider.ANSWER), response::body);
        FakeProvider.assertLastRequestCarriedOnlyTheProviderKey(token);
    }

    @Test
    void modelsWhenAuthenticatedThenTheCallersAliases() {
        HttpResponse<String> response = http.get("v1/models", alice().mint());
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.body().contains("\"id\":\"chat\""), response::body);
    }

    @Test
    void chatCompletionWhenNoTokenThenChallengeAndNoProviderCall() {
        int before = FakeProvider.server().requests().size();
        HttpResponse<String> response = http.post("v1/chat/completions", null, CHAT);
        assertEquals(401, response.statusCode(), response::body);
        assertEquals(CHALLENGE, Http.challenge(response));
        assertEquals(before, FakeProvider.server().requests().size());
    }

    /** JsonWebToken, raw, ClaimValue and Optional @Claim injection in a request-scoped resource. */
    @Test
    void claimsWhenValidTokenThenInjectedFromTheToken() {
        HttpResponse<String> response = http.get("api/claims", alice().groups("user", "ops").claim("tenant", "acme").mint());

        assertEquals(200, response.statusCode(), response::body);
        Map<String, Object> claims = Http.json(response);
        assertAll(() -> assertEquals("alice@idp.test", claims.get("name")),
                () -> assertEquals(TestTokens.ISSUER, claims.get("issuer")),
                () -> assertEquals("alice", claims.get("subject")),
                () -> assertEquals(List.of("ops", "user"), claims.get("groups")),
                () -> assertEquals(List.of(TestTokens.AUDIENCE), claims.get("audience")),
                () -> assertEquals("acme", claims.get("tenant")));
    }

    @Test
    void claimsWhenOptionalClaimMissingThenEmpty() {
        HttpResponse<String> response = http.get("api/claims", alice().mint());

        assertEquals(200, response.statusCode(), response::body);
        assertTrue(Http.json(response).containsKey("tenant"), response::body);
        assertEquals(null, Http.json(response).get("tenant"));
    }

    @Test
    void permitAllMethodWhenNoTokenThenServedAlthoughConfigProtectsApi() {
        HttpResponse<String> response = http.get("api/annotated/open", null);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals(false, Http.json(response).get("authenticated"));
    }

    /** A public endpoint cannot lend its openness to the protected service bean it calls. */
    @Test
    void protectedBeanCalledFromPublicEndpointWhenNoTokenThenChallenge() {
        HttpResponse<String> anonymous = http.get("api/annotated/open/report", null);
        assertEquals(401, anonymous.statusCode(), anonymous::body);
        assertEquals(CHALLENGE, Http.challenge(anonymous));

        HttpResponse<String> user = http.get("api/annotated/open/report", alice().mint());
        assertEquals(403, user.statusCode(), user::body);
        assertEquals(FORBIDDEN, Http.challenge(user));

        HttpResponse<String> auditor = http.get("api/annotated/open/report", alice().groups("auditor").mint());
        assertEquals(200, auditor.statusCode(), auditor::body);
    }

    @Test
    void rolesAllowedClassWhenNoTokenThenChallenge() {
        HttpResponse<String> response = http.get("api/annotated/ops", null);
        assertEquals(401, response.statusCode(), response::body);
        assertEquals(CHALLENGE, Http.challenge(response));
    }

    @ParameterizedTest
    @CsvSource({"api/annotated/ops, user", "api/reports/q3, user", "servlet/audit, ops"})
    void annotatedRoleWhenCallerLacksItThenInsufficientScope(String path, String group) {
        HttpResponse<String> response = http.get(path, alice().groups(group).mint());
        assertAll(() -> assertEquals(403, response.statusCode(), response::body),
                () -> assertEquals(FORBIDDEN, Http.challenge(response)),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json"), response.headers()::toString));
    }

    @ParameterizedTest
    @CsvSource({"api/annotated/ops, ops, ops", "api/reports/q3, auditor, report", "servlet/audit, auditor, auditor"})
    void annotatedRoleWhenCallerHasItThenServed(String path, String group, String field) {
        HttpResponse<String> response = http.get(path, alice().groups(group).mint());
        assertEquals(200, response.statusCode(), response::body);
        assertNotNull(Http.json(response).get(field), response::body);
    }

    /**
     * An injected model client naming an alias the configuration does not list is refused at deployment, naming the
     * injection point. With the other refused deployments at the end (see the class comment).
     */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void deployWhenModelAliasUnknownThenRefusedNamingTheInjectionPoint() throws InterruptedException {
        assertDeploymentRefusedWithLogLine(UNKNOWN_ALIAS,
                UnknownAliasClient.class.getName() + "#chat: @Model(\"" + UnknownAliasClient.ALIAS + "\")");
    }

    /**
     * The server's own MicroProfile JWT next to Gatehouse is refused at deployment, naming the class. Second to last:
     * a failed deployment on Payara spoils the MP Config of the following ones.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void deployWhenLoginConfigMpJwtThenRefusedNamingTheClass() throws InterruptedException {
        assertDeploymentRefusedWithLogLine(MP_JWT, MpJwtLoginApplication.class.getName() + ": @LoginConfig");
    }

    /**
     * A configuration error stops the deployment, and the server log names the property. Deployed by hand so the
     * failure is seen whatever form it takes (an exception from the management API, a {@code FAIL} from Tomcat's
     * manager).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void deployWhenDecryptionKeyMissingThenFailsAndLogNamesTheProperty() throws InterruptedException {
        assertDeploymentRefusedWithLogLine(BROKEN, "Gatehouse configuration error: " + BROKEN_PROPERTY);
    }

    /** Deploying {@code deployment} fails, and the server logs a line containing {@code text}. */
    private void assertDeploymentRefusedWithLogLine(String deployment, String text) throws InterruptedException {
        ServerLog log = ServerLog.mark();
        Exception failure = deployExpectingFailure(deployment);

        String line = log.awaitLine(text, Duration.ofSeconds(20));
        assertNotNull(line, () -> "no log line contains " + text + "; the deployment failed with:\n"
                + stackTrace(failure) + "\nlog since the deployment:\n" + log.newText());
    }

    private Exception deployExpectingFailure(String deployment) {
        try {
            deployer.deploy(deployment);
        } catch (Exception e) {
            return e;
        } finally {
            try {
                deployer.undeploy(deployment);
            } catch (Exception e) {
                // nothing was left behind (WildFly, Payara); Tomcat keeps the stopped context, removed here
            }
        }
        return fail("the deployment " + deployment + " succeeded");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
