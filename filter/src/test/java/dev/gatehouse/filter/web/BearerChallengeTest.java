package dev.gatehouse.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.token.Reason;

class BearerChallengeTest {

    private final BearerChallenge challenge = new BearerChallenge("api");

    static Stream<Arguments> challenges() {
        return Stream.of(
                Arguments.of(Reason.MISSING, "Bearer realm=\"api\""),
                Arguments.of(Reason.MALFORMED_REQUEST, "Bearer realm=\"api\", error=\"invalid_request\", "
                        + "error_description=\"The request does not carry the access token in an accepted way\""),
                Arguments.of(Reason.INVALID,
                        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token is invalid\""),
                Arguments.of(Reason.EXPIRED,
                        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\""),
                Arguments.of(Reason.FORBIDDEN, "Bearer realm=\"api\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token does not grant access to this resource\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("challenges")
    void headerWhenReasonThenExactRfc6750Challenge(Reason reason, String expected) {
        assertEquals(expected, challenge.header(reason));
    }

    /** RFC 6750 §3: error and error_description use %x20-21 / %x23-5B / %x5D-7E only. */
    @ParameterizedTest
    @EnumSource(Reason.class)
    void descriptionsUseOnlyRfc6750Characters(Reason reason) {
        String text = (reason.error() == null ? "" : reason.error()) + (reason.description() == null ? "" : reason.description());
        assertTrue(text.chars().allMatch(c -> c == 0x20 || c == 0x21 || c >= 0x23 && c <= 0x5b || c >= 0x5d && c <= 0x7e), text);
    }

    @Test
    void statusesFollowRfc6750() {
        assertEquals(401, Reason.MISSING.status());
        assertEquals(400, Reason.MALFORMED_REQUEST.status());
        assertEquals(401, Reason.INVALID.status());
        assertEquals(401, Reason.EXPIRED.status());
        assertEquals(403, Reason.FORBIDDEN.status());
    }
}
