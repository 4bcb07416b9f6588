package dev.gatehouse.filter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator remembers the encoded headers that passed its header checks ({@link AcceptedHeaders}) and skips those
 * checks for them. Only accepted headers are remembered, and every check that depends on more than the header still
 * runs for each token.
 */
class RememberedHeadersTest {

    private static final int JWE_ENCRYPTED_KEY = 1;

    @TempDir
    Path dir;

    @Test
    void validateWhenRefusedHeaderIsSentAgainThenRefusedAgainTheSameWay() {
        TokenValidator validator = Setup.DEFAULT.validator(dir);
        String compressed = Compact.editHeader(AttackTokens.valid().mint(), h -> h.put("zip", "DEF"));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertEquals(Rejection.UNSUPPORTED_HEADER,
                    assertThrows(TokenRejectedException.class, () -> validator.validate(compressed)).rejection());
        }
    }

    @Test
    void validateWhenRememberedJweHeaderComesWithoutEncryptedKeyThenMalformed() throws Exception {
        TokenValidator validator = Setup.DEFAULT.validator(dir);
        String valid = AttackTokens.valid().mint();
        validator.validate(valid);

        String withoutKey = Compact.replace(valid, JWE_ENCRYPTED_KEY, "");
        assertEquals(Rejection.MALFORMED,
                assertThrows(TokenRejectedException.class, () -> validator.validate(withoutKey)).rejection());
    }

    @Test
    void validateWhenRememberedJwsHeaderComesWithShortEs256SignatureThenBadSignatureWithoutKeyLookup()
            throws Exception {
        Setup.CountingValidator counting = Setup.EC.countingValidator(dir);
        counting.validator().validate(AttackTokens.ec().mint());
        int lookupsOfValidToken = counting.verification().lookups();

        String signed = AttackTokens.ec().signed();
        byte[] shorter = Arrays.copyOf(Compact.bytes(Compact.segment(signed, Compact.JWS_SIGNATURE)), 63);
        String token = AttackTokens.ec().encrypt(Compact.replace(signed, Compact.JWS_SIGNATURE, Compact.b64(shorter)));

        assertEquals(Rejection.BAD_SIGNATURE,
                assertThrows(TokenRejectedException.class, () -> counting.validator().validate(token)).rejection());
        assertEquals(lookupsOfValidToken, counting.verification().lookups());
    }

    @Test
    void acceptedHeadersWhenMoreThanSlotsThenOldestForgotten() {
        AcceptedHeaders accepted = new AcceptedHeaders();
        String[] headers = IntStream.range(0, 9).mapToObj(i -> "header-" + i).toArray(String[]::new);
        assertFalse(accepted.contains(headers[0]));

        for (String header : headers) {
            accepted.add(header);
        }

        assertFalse(accepted.contains(headers[0]));
        for (int i = 1; i < headers.length; i++) {
            assertTrue(accepted.contains(headers[i]), headers[i]);
        }
        assertFalse(accepted.contains("header-"));
    }
}
