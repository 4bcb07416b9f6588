package dev.gatehouse.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.PathRules;
import dev.gatehouse.filter.config.TrustedProxies;
import dev.gatehouse.filter.keys.KeysUnavailableException;
import dev.gatehouse.filter.logging.AuditEvent;
import dev.gatehouse.filter.logging.AuditEvent.Outcome;
import dev.gatehouse.filter.logging.AuditLog;
import dev.gatehouse.filter.testing.ServletFakes;
import dev.gatehouse.filter.testing.ServletFakes.RecordingResponse;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.token.BearerTokenExtractor;
import dev.gatehouse.filter.token.TokenTransport;

/** Every request through the filter leaves exactly one audit event, with the fields its outcome calls for. */
class AuditEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.123Z");

    @TempDir
    Path dir;
    private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AuditLog capture = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
        }
    };
    private BearerAuthFilter filter;
    private FilterChain chain = (req, res) -> { };

    @BeforeEach
    void setUp() {
        filter = filter(TestConfig.in(dir)
                .with("gatehouse.public-paths", "/health")
                .with("gatehouse.rules", "admin")
                .with("gatehouse.rule.admin.paths", "/api/admin/*")
                .with("gatehouse.rule.admin.roles", "admin")
                .gate());
    }

    private BearerAuthFilter filter(RequestGate gate) {
        return new BearerAuthFilter(gate, new BearerChallenge("gatehouse"),
                new AuditRecorder(capture, TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8")),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private AuditEvent only(HttpServletRequest request) throws Exception {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.mock, chain);
        assertEquals(1, events.size(), () -> "events: " + events);
        assertEquals(events.get(0).requestId(), response.headers.get("X-Request-Id"));
        return events.get(0);
    }

    private static HttpServletRequest get(String uri, String... authorization) {
        return ServletFakes.request("GET", uri, authorization);
    }

    @Test
    void publicPathWithoutTokenThenPublicEvent() throws Exception {
        AuditEvent event = only(get("/health?probe=1"));
        assertEquals(Outcome.PUBLIC, event.outcome());
        assertEquals("public", event.rule());
        assertEquals("/health", event.path(), "no query string");
        assertEquals(200, event.status());
        assertEquals(NOW, event.timestamp());
        assertEquals("GET", event.method());
        assertNull(event.subject());
        assertNull(event.reason());
    }

    @Test
    void acceptedTokenThenAuthnOkWithWhoFromTheToken() throws Exception {
        String token = TestTokens.valid().claim("client_id", "mobile-app").claim("jti", "t-42").mint();
        AuditEvent event = only(get("/api/me", "Bearer " + token));
        assertEquals(Outcome.AUTHN_OK, event.outcome());
        assertEquals("alice", event.subject());
        assertEquals(TestTokens.ISSUER, event.issuer());
        assertEquals("mobile-app", event.clientId());
        assertEquals("t-42", event.tokenId());
        assertEquals("authenticated", event.rule());
        assertTrue(!event.latency().isNegative());
    }

    @Test
    void noTokenOnProtectedPathThenRejectedAsMissing() throws Exception {
        AuditEvent event = only(get("/api/me"));
        assertEquals(Outcome.AUTHN_REJECTED, event.outcome());
        assertEquals("MISSING", event.reason());
        assertEquals(401, event.status());
    }

    @ParameterizedTest
    @CsvSource({"expired, EXPIRED", "audience, WRONG_AUDIENCE", "signature, BAD_SIGNATURE", "algorithm, ALG_NOT_ALLOWED",
            "garbage, MALFORMED"})
    void refusedTokenThenRejectedWithStableReason(String what, String reason) throws Exception {
        String token = switch (what) {
            case "expired" -> TestTokens.valid().issuedAgo(Duration.ofMinutes(10)).ttl(Duration.ofMinutes(5)).mint();
            case "audience" -> TestTokens.valid().audience("another-api").mint();
            case "signature" -> TestTokens.valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256",
                    TestKeys.RSA_SIG.getKeyId()).mint();
            case "algorithm" -> TestTokens.valid().signWith(TestKeys.RSA_SIG.getPrivateKey(), "PS256",
                    TestKeys.RSA_SIG.getKeyId()).mint();
            default -> "not.a.token.at.all";
        };
        AuditEvent event = only(get("/api/me", "Bearer " + token));
        assertEquals(Outcome.AUTHN_REJECTED, event.outcome());
        assertEquals(reason, event.reason());
        assertEquals(401, event.status());
        assertNull(event.subject(), "nothing from a refused token");
    }

    @Test
    void ruleDeniesThenAuthzDeniedNamingTheRuleAndCaller() throws Exception {
        AuditEvent event = only(get("/api/admin/stats", "Bearer " + TestTokens.valid().mint()));
        assertEquals(Outcome.AUTHZ_DENIED, event.outcome());
        assertEquals("admin", event.rule());
        assertEquals("alice", event.subject());
        assertEquals(403, event.status());
    }

    @Test
    void ambiguousPathThenBadRequest() throws Exception {
        AuditEvent event = only(ServletFakes.request("GET", "/api/%2e%2e/admin"));
        assertEquals(Outcome.BAD_REQUEST, event.outcome());
        assertEquals("AMBIGUOUS_PATH", event.reason());
        assertEquals(400, event.status());
    }

    @Test
    void twoTokensThenBadRequestWithReason() throws Exception {
        String token = TestTokens.valid().mint();
        AuditEvent event = only(get("/api/me", "Bearer " + token, "Bearer " + token));
        assertEquals(Outcome.BAD_REQUEST, event.outcome());
        assertEquals("MULTIPLE_TOKENS", event.reason());
    }

    @Test
    void keysUnavailableThenUnavailable() throws Exception {
        filter = filter(new RequestGate(new BearerTokenExtractor(TokenTransport.AUTHORIZATION_HEADER), token -> {
            throw new KeysUnavailableException("down");
        }, new PathRules(List.of(), List.of())));
        AuditEvent event = only(get("/api/me", "Bearer a.b.c.d.e"));
        assertEquals(Outcome.UNAVAILABLE, event.outcome());
        assertEquals(503, event.status());
    }

    @Test
    void beanRefusesCallerThenAuthzDeniedNamingTheElement() throws Exception {
        chain = (req, res) -> {
            throw new ServletException(new AccessDeniedException(true, "com.example.Billing#charge"));
        };
        AuditEvent event = only(get("/api/me", "Bearer " + TestTokens.valid().mint()));
        assertEquals(Outcome.AUTHZ_DENIED, event.outcome());
        assertEquals("com.example.Billing#charge", event.rule());
        assertEquals(403, event.status());
        assertEquals("alice", event.subject());
    }

    @Test
    void applicationFailureThenStillOneEventWithServerError() {
        chain = (req, res) -> {
            throw new IllegalStateException("bug");
        };
        RecordingResponse response = new RecordingResponse();
        assertThrows(IllegalStateException.class,
                () -> filter.doFilter(get("/api/me", "Bearer " + TestTokens.valid().mint()), response.mock, chain));
        assertEquals(1, events.size());
        assertEquals(500, events.get(0).status());
        assertEquals(Outcome.AUTHN_OK, events.get(0).outcome());
    }

    @Test
    void requestIdFromValidHeaderIsKept() throws Exception {
        HttpServletRequest request = get("/health");
        when(request.getHeader("X-Request-Id")).thenReturn("req-123.abc");
        assertEquals("req-123.abc", only(request).requestId());
    }

    @Test
    void requestIdWithUnsafeCharactersIsReplaced() throws Exception {
        HttpServletRequest request = get("/health");
        when(request.getHeader("X-Request-Id")).thenReturn("evil\r\nX-Admin: yes");
        String id = only(request).requestId();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }

    @Test
    void requestIdFromTraceparentIsTheTraceId() throws Exception {
        HttpServletRequest request = get("/health");
        when(request.getHeader("traceparent")).thenReturn("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", only(request).requestId());
    }

    @Test
    void requestIdFromAllZeroTraceparentIsGenerated() throws Exception {
        HttpServletRequest request = get("/health");
        when(request.getHeader("traceparent")).thenReturn("00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        assertTrue(!only(request).requestId().startsWith("0000000000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9 | 1.2.3.4         | 203.0.113.9",
            "10.1.2.3    | 198.51.100.7    | 198.51.100.7",
            "10.1.2.3    | 198.51.100.7, 10.9.9.9 | 198.51.100.7",
            "10.1.2.3    | 6.6.6.6, 198.51.100.7 | 198.51.100.7",
            "10.1.2.3    | evil.example, 10.9.9.9 | 10.9.9.9",
            "10.1.2.3    | ''              | 10.1.2.3",
            "fd00::1     | 2001:db8::5     | 2001:db8::5"})
    void clientAddressFollowsForwardedForOnlyThroughTrustedProxies(String peer, String forwarded, String expected)
            throws Exception {
        HttpServletRequest request = get("/health");
        when(request.getRemoteAddr()).thenReturn(peer);
        when(request.getHeaders("X-Forwarded-For")).thenAnswer(i -> Collections.enumeration(
                forwarded.isEmpty() ? List.of() : List.of(forwarded)));
        assertEquals(expected, only(request).clientAddress());
    }
}
