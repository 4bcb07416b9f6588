package dev.gatehouse.filter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A genuine ES256 signature whose R and S both start with a zero byte has a second, shorter encoding that jose4j
 * would verify. RFC 7518 §3.4 fixes the length (64 bytes for ES256): any other length is refused as a bad
 * signature before a verification key is even looked up — which is what tells this rule apart from jose4j's own
 * (later) verification failure.
 */
class EcdsaSignatureLengthTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {62, 63, 65, 72})
    void validateWhenEs256SignatureNot64BytesThenBadSignatureWithoutKeyLookup(int length) {
        String signed = AttackTokens.ec().signed();
        byte[] genuine = Compact.bytes(Compact.segment(signed, Compact.JWS_SIGNATURE));
        byte[] resized = Arrays.copyOfRange(genuine, 64 - Math.min(length, 64), 64 - Math.min(length, 64) + length);
        String token = AttackTokens.ec().encrypt(Compact.replace(signed, Compact.JWS_SIGNATURE, Compact.b64(resized)));

        Setup.CountingValidator counting = Setup.EC.countingValidator(dir);
        assertEquals(Rejection.BAD_SIGNATURE,
                assertThrows(TokenRejectedException.class, () -> counting.validator().validate(token)).rejection());
        assertEquals(0, counting.verification().lookups());
    }
}
