package dev.gatehouse.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.filter.keys.KeysUnavailableException;
import dev.gatehouse.filter.authz.PathRules;
import dev.gatehouse.filter.testing.ServletFakes;
import dev.gatehouse.filter.testing.ServletFakes.RecordingResponse;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.token.BearerTokenExtractor;
import dev.gatehouse.filter.token.TokenTransport;
import dev.gatehouse.filter.token.ValidatedToken;

class BearerAuthFilterTest {

    private static final String INVALID = "Bearer realm=\"gatehouse\", error=\"invalid_token\", "
            + "error_description=\"The access token is invalid\"";

    @TempDir
    Path dir;
    private BearerAuthFilter filter;
    private final AtomicReference<ServletRequest> passed = new AtomicReference<>();
    private final FilterChain chain = (req, res) -> passed.set(req);

    @BeforeEach
    void setUp() {
        filter = filter(TestConfig.in(dir)
                .with("gatehouse.public-paths", "/health,/public/*")
                .with("gatehouse.rules", "admin,readers")
                .with("gatehouse.rule.admin.paths", "/api/admin/*")
                .with("gatehouse.rule.admin.roles", "admin")
                .with("gatehouse.rule.readers.paths", "/api/reports/*")
                .with("gatehouse.rule.readers.methods", "GET")
                .with("gatehouse.rule.readers.roles", "reader,admin"));
    }

    private static BearerAuthFilter filter(TestConfig config) {
        return new BearerAuthFilter(config.gate(), new BearerChallenge(config.settings().realm()));
    }

    private RecordingResponse run(HttpServletRequest request) throws Exception {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.mock, chain);
        return response;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void doFilterWhenNoTokenThenChallengesWithoutErrorCode() throws Exception {
        RecordingResponse response = run(ServletFakes.request("GET", "/api/me"));
        assertEquals(401, response.status);
        assertEquals("Bearer realm=\"gatehouse\"", response.headers.get("WWW-Authenticate"));
        assertEquals("application/problem+json", response.contentType);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"An access token is required\"}", response.body());
        assertNull(passed.get());
    }

    @Test
    void doFilterWhenValidTokenThenPassesWrappedRequestWithPrincipalAndRoles() throws Exception {
        String token = TestTokens.valid().groups("user", "reader").mint();
        RecordingResponse response = run(ServletFakes.request("GET", "/api/me", bearer(token)));
        assertEquals(200, response.status);
        HttpServletRequest seen = (HttpServletRequest) passed.get();
        assertEquals("alice", seen.getUserPrincipal().getName());
        assertEquals("alice", seen.getRemoteUser());
        assertEquals("Bearer", seen.getAuthType());
        assertTrue(seen.isUserInRole("reader"));
        assertTrue(seen.isUserInRole("**"));
        assertFalse(seen.isUserInRole("admin"));
        ValidatedToken validated = (ValidatedToken) seen.getAttribute(ValidatedToken.REQUEST_ATTRIBUTE);
        assertSame(seen.getUserPrincipal(), validated);
        assertEquals(TestTokens.ISSUER, validated.issuer());
    }

    @Test
    void doFilterWhenTokenExpiredThenChallengesWithInvalidTokenExpired() throws Exception {
        String token = TestTokens.valid().issuedAgo(Duration.ofMinutes(10)).ttl(Duration.ofMinutes(5)).mint();
        RecordingResponse response = run(ServletFakes.request("GET", "/api/me", bearer(token)));
        assertEquals(401, response.status);
        assertEquals("Bearer realm=\"gatehouse\", error=\"invalid_token\", "
                + "error_description=\"The access token expired\"", response.headers.get("WWW-Authenticate"));
        assertNull(passed.get());
    }

    @Test
    void doFilterWhenTokenSignedByUnknownKeyThenChallengesWithInvalidToken() throws Exception {
        String token = TestTokens.valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint();
        RecordingResponse response = run(ServletFakes.request("GET", "/api/me", bearer(token)));
        assertEquals(401, response.status);
        assertEquals(INVALID, response.headers.get("WWW-Authenticate"));
        assertFalse(response.body().contains(token.substring(0, 20)));
    }

    @Test
    void doFilterWhenRoleMissingForRuleThenForbiddenWithInsufficientScope() throws Exception {
        RecordingResponse response = run(ServletFakes.request("GET", "/api/admin/stats", bearer(TestTokens.valid().mint())));
        assertEquals(403, response.status);
        assertEquals("Bearer realm=\"gatehouse\", error=\"insufficient_scope\", "
                + "error_description=\"The access token does not grant access to this resource\"",
                response.headers.get("WWW-Authenticate"));
        assertNull(passed.get());
    }

    @Test
    void doFilterWhenRoleGrantedByRuleThenPasses() throws Exception {
        run(ServletFakes.request("GET", "/api/admin/stats", bearer(TestTokens.valid().groups("admin").mint())));
        assertEquals("alice", ((HttpServletRequest) passed.get()).getRemoteUser());
    }

    @Test
    void doFilterWhenRuleLimitedToGetThenOtherMethodsFallBackToAuthenticated() throws Exception {
        RecordingResponse get = run(ServletFakes.request("GET", "/api/reports/q1", bearer(TestTokens.valid().mint())));
        assertEquals(403, get.status);
        run(ServletFakes.request("POST", "/api/reports/q1", bearer(TestTokens.valid().mint())));
        assertEquals("alice", ((HttpServletRequest) passed.get()).getRemoteUser());
    }

    @Test
    void doFilterWhenPublicPathWithoutTokenThenPassesUnwrapped() throws Exception {
        HttpServletRequest request = ServletFakes.request("GET", "/health");
        run(request);
        assertSame(request, passed.get());
    }

    @Test
    void doFilterWhenPublicPathWithInvalidTokenThenRejects() throws Exception {
        RecordingResponse response = run(ServletFakes.request("GET", "/public/info", bearer("a.b.c.d.e")));
        assertEquals(401, response.status);
        assertEquals(INVALID, response.headers.get("WWW-Authenticate"));
    }

    @Test
    void doFilterWhenHeaderAndQueryTokenThenBadRequestInvalidRequest() throws Exception {
        String token = TestTokens.valid().mint();
        RecordingResponse response = run(ServletFakes.request("GET", "/api/me?access_token=" + token, bearer(token)));
        assertEquals(400, response.status);
        assertEquals("Bearer realm=\"gatehouse\", error=\"invalid_request\", "
                + "error_description=\"The request does not carry the access token in an accepted way\"",
                response.headers.get("WWW-Authenticate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin;x=1/stats", "/api/admin%2Fstats", "/api/admin%2fstats", "/api/%2e%2e/admin",
            "/api/admin/..", "/api/./admin", "/api\\admin", "/api//admin/stats", "/api/%3Badmin", "/api/%252e",
            "/api/caf\u00e9", "/api/%00", "/api/admin/.", "/..", "/api/x%2E", "/api/%5C", "/api/a//", "//api"})
    void doFilterWhenRequestUriAmbiguousThenBadRequestBeforeAnyRule(String uri) throws Exception {
        RecordingResponse response = run(ServletFakes.request("GET", uri, bearer(TestTokens.valid().groups("admin").mint())));
        assertEquals(400, response.status);
        assertNull(response.headers.get("WWW-Authenticate"));
        assertNull(passed.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/.well-known", "/api/..x", "/api/x..", "/api/a.b/", "/api/me/", "/api/100%41", "/"})
    void doFilterWhenDotsOrPercentOnlyLookAmbiguousThenPassed(String uri) throws Exception {
        RecordingResponse response = run(ServletFakes.request("GET", uri, bearer(TestTokens.valid().groups("admin").mint())));
        assertNotEquals(400, response.status);
        assertNotNull(passed.get());
    }

    @Test
    void doFilterWhenValidatorFailsUnexpectedlyThenRejectsAsInvalidNotServerError() throws Exception {
        RequestGate gate = new RequestGate(new BearerTokenExtractor(TokenTransport.AUTHORIZATION_HEADER), token -> {
            throw new IllegalStateException("bug quoting " + token);
        }, new PathRules(java.util.List.of(), java.util.List.of()));
        BearerAuthFilter buggy = new BearerAuthFilter(gate, new BearerChallenge("gatehouse"));
        RecordingResponse response = new RecordingResponse();
        FilterChain never = mock(FilterChain.class);
        buggy.doFilter(ServletFakes.request("GET", "/api/me", "Bearer a.b.c.d.e"), response.mock, never);
        assertEquals(401, response.status);
        assertEquals(INVALID, response.headers.get("WWW-Authenticate"));
        assertFalse(response.body().contains("a.b.c.d.e"));
        verify(never, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenKeysUnavailableThenServiceUnavailableWithoutErrorAttribute() throws Exception {
        RequestGate gate = new RequestGate(new BearerTokenExtractor(TokenTransport.AUTHORIZATION_HEADER), token -> {
            throw new KeysUnavailableException("remote keys down");
        }, new PathRules(java.util.List.of(), java.util.List.of()));
        BearerAuthFilter broken = new BearerAuthFilter(gate, new BearerChallenge("gatehouse"));
        RecordingResponse response = new RecordingResponse();
        FilterChain never = mock(FilterChain.class);
        broken.doFilter(ServletFakes.request("GET", "/api/me", "Bearer a.b.c.d.e"), response.mock, never);
        assertEquals(503, response.status);
        assertEquals("Bearer realm=\"gatehouse\"", response.headers.get("WWW-Authenticate"));
        assertEquals("30", response.headers.get("Retry-After"));
        verify(never, never()).doFilter(any(), any());
    }
}
