package dev.gatehouse.filter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BearerTokenExtractorTest {

    private static final String TOKEN = "aaa.bbb.ccc.ddd.eee";
    private final BearerTokenExtractor headerMode = new BearerTokenExtractor(TokenTransport.AUTHORIZATION_HEADER);

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("no header", List.of(), Optional.empty(), null),
                Arguments.of("Bearer scheme", List.of("Bearer " + TOKEN), Optional.of(TOKEN), null),
                Arguments.of("lower-case scheme (RFC 9110 §11.1)", List.of("bearer " + TOKEN), Optional.of(TOKEN), null),
                Arguments.of("upper-case scheme", List.of("BEARER " + TOKEN), Optional.of(TOKEN), null),
                Arguments.of("several spaces after scheme", List.of("Bearer   " + TOKEN), Optional.of(TOKEN), null),
                Arguments.of("empty Bearer", List.of("Bearer "), Optional.empty(), null),
                Arguments.of("Bearer without credentials", List.of("Bearer"), Optional.empty(), null),
                Arguments.of("Basic credentials", List.of("Basic dXNlcjpwYXNz"), Optional.empty(), null),
                Arguments.of("other scheme starting with Bearer", List.of("BearerX abc"), Optional.empty(), null),
                Arguments.of("tab instead of space", List.of("Bearer\t" + TOKEN), null, Rejection.MALFORMED_HEADER),
                Arguments.of("two tokens in one header", List.of("Bearer a b"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("comma-joined challenges", List.of("Bearer a, Bearer b"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("quoted token", List.of("Bearer \"" + TOKEN + "\""), null, Rejection.MALFORMED_HEADER),
                Arguments.of("every token68 character, trailing =", List.of("Bearer Az09-._~+/=="),
                        Optional.of("Az09-._~+/=="), null),
                Arguments.of("= inside the token", List.of("Bearer ab=c"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("only =", List.of("Bearer =="), null, Rejection.MALFORMED_HEADER),
                Arguments.of("character outside token68", List.of("Bearer ab*c"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("non-ASCII letter", List.of("Bearer ab\u00e9c"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("character beyond Latin-1", List.of("Bearer ab\u0100c"), null, Rejection.MALFORMED_HEADER),
                Arguments.of("two Authorization headers", List.of("Bearer a", "Bearer b"), null, Rejection.MULTIPLE_TOKENS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void extractReadsAuthorizationHeaderPerRfc6750(String name, List<String> values, Optional<String> expected,
            Rejection rejection) throws Exception {
        HttpServletRequest request = request(values, null);
        if (rejection != null) {
            assertEquals(rejection, assertThrows(TokenRejectedException.class, () -> headerMode.extract(request)).rejection());
        } else {
            assertEquals(expected, headerMode.extract(request));
        }
    }

    @Test
    void extractWhenHeaderAndQueryTokenThenMultipleTokens() {
        HttpServletRequest request = request(List.of("Bearer " + TOKEN), "a=1&access_token=" + TOKEN);
        assertEquals(Rejection.MULTIPLE_TOKENS,
                assertThrows(TokenRejectedException.class, () -> headerMode.extract(request)).rejection());
    }

    @Test
    void extractWhenTokenOnlyInQueryThenNoToken() throws Exception {
        assertEquals(Optional.empty(), headerMode.extract(request(List.of(), "access_token=" + TOKEN)));
    }

    @Test
    void extractWhenQueryHasSimilarNameThenIgnoresIt() throws Exception {
        assertEquals(Optional.of(TOKEN), headerMode.extract(request(List.of("Bearer " + TOKEN), "my_access_token=1")));
    }

    @Test
    void extractWhenHeaderAndFormTokenThenMultipleTokens() {
        HttpServletRequest request = request(List.of("Bearer " + TOKEN), null);
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded; charset=UTF-8");
        when(request.getParameterValues("access_token")).thenReturn(new String[] {TOKEN});
        assertEquals(Rejection.MULTIPLE_TOKENS,
                assertThrows(TokenRejectedException.class, () -> headerMode.extract(request)).rejection());
    }

    @Test
    void extractWhenFormPostWithoutHeaderTokenThenBodyIsNotParsed() throws Exception {
        HttpServletRequest request = request(List.of(), null);
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded");
        assertEquals(Optional.empty(), headerMode.extract(request));
        verify(request, never()).getParameterValues("access_token");
    }

    @Test
    void extractInCookieModeReadsNamedCookieAndIgnoresHeader() throws Exception {
        BearerTokenExtractor cookieMode = new BearerTokenExtractor(new TokenTransport("Bearer"));
        HttpServletRequest request = request(List.of("Bearer other"), null);
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("session", "x"), new Cookie("Bearer", TOKEN)});
        assertEquals(Optional.of(TOKEN), cookieMode.extract(request));
    }

    @Test
    void extractInHeaderModeIgnoresTokenCookie() throws Exception {
        HttpServletRequest request = request(List.of(), null);
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("Bearer", TOKEN)});
        assertEquals(Optional.empty(), headerMode.extract(request));
    }

    @Test
    void extractInCookieModeWhenTwoTokenCookiesThenMultipleTokens() {
        BearerTokenExtractor cookieMode = new BearerTokenExtractor(new TokenTransport("Bearer"));
        HttpServletRequest request = request(List.of(), null);
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("Bearer", "a"), new Cookie("Bearer", "b")});
        assertEquals(Rejection.MULTIPLE_TOKENS,
                assertThrows(TokenRejectedException.class, () -> cookieMode.extract(request)).rejection());
    }

    private static HttpServletRequest request(List<String> authorization, String query) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(authorization));
        when(request.getQueryString()).thenReturn(query);
        return request;
    }
}
