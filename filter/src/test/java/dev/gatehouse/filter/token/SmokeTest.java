package dev.gatehouse.filter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

class SmokeTest {
    @TempDir Path dir;

    @Test
    void acceptsValidNestedToken() throws Exception {
        ValidatedToken t = TestConfig.in(dir).validator().validate(TestTokens.valid().mint());
        assertEquals("alice", t.getName());
    }

    @Test
    void rejectsSignedOnly() {
        var e = assertThrows(TokenRejectedException.class, () -> TestConfig.in(dir).validator().validate(TestTokens.valid().signed()));
        assertEquals(Rejection.ENCRYPTION_REQUIRED, e.rejection());
    }
}
