package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;

class InspectCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--kind=rsa", "--kind=ec", "--curve=P-384", "--curve=P-521"})
    void inspectWhenTokenFromKeygenAndMintThenGeneratedConfigAcceptsItWithExitZero(String keyOption) {
        keygen(keyOption);
        String token = mint("--groups", "user,admin").token();

        CliRun run = inspect(token);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("ACCEPTED: principal=alice, groups=[admin, user]"), run::toString);
    }

    @Test
    void inspectWhenTokenExpiredThenRejectedAsExpiredWithExitOne() {
        keygen();
        String token = mint("--ttl", "-5m").token();

        CliRun run = inspect(token);

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("REJECTED: EXPIRED — The exp claim is in the past"), run::toString);
        assertTrue(run.out().contains("  jose4j: The JWT is no longer valid"), run::toString);
    }

    @Test
    void inspectWhenAudienceWrongThenRejectedAsWrongAudienceWithExitOne() {
        keygen();
        String token = mint("--aud", "someone-else").token();

        CliRun run = inspect(token);

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("REJECTED: WRONG_AUDIENCE — "), run::toString);
        assertTrue(run.out().contains("someone-else"), run::toString);
    }

    @Test
    void inspectWhenTokenSignedOnlyThenShowsBareJwsAndRejectsAsEncryptionRequired() {
        keygen();
        CliRun minted = CliRun.of("mint", "--sign-key", key("sign-private.jwk"), "--sub", "alice", "--signed-only");

        CliRun run = CliRun.of("inspect", "--config", key("microprofile-config.properties"), minted.token());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("bare JWS"), run::toString);
        assertTrue(run.out().contains("REJECTED: ENCRYPTION_REQUIRED — "), run::toString);
    }

    @Test
    void inspectWhenNoConfigThenPrintsUnverifiedHeadersClaimsAndIsoTimesWithExitZero() {
        keygen();
        String token = mint("--claim", "tenant=acme").token();

        CliRun run = CliRun.of("inspect", "--decrypt-key", key("decrypt-private.pem"), token);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("UNVERIFIED"), run::toString);
        assertTrue(run.out().contains("JWE header:\n{\n  \"alg\": \"RSA-OAEP-256\""), run::toString);
        assertTrue(run.out().contains("JWS header (unverified):\n{\n  \"alg\": \"RS256\""), run::toString);
        assertTrue(run.out().contains("Claims (unverified):\n{"), run::toString);
        assertTrue(run.out().contains("  \"tenant\": \"acme\""), run::toString);
        assertTrue(run.out().matches("(?s).*  exp = \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in (5m|4m5\\ds)\\).*"),
                run::toString);
        assertFalse(run.out().contains("ACCEPTED") || run.out().contains("REJECTED"), run::toString);
    }

    @Test
    void inspectWhenTokenIsDashThenReadsItFromStandardInput() {
        keygen();
        String token = mint().token();

        CliRun run = CliRun.withInput(token + "\n", "inspect", "--decrypt-key", key("decrypt-private.jwk"),
                "--config", key("microprofile-config.properties"), "-");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("ACCEPTED: principal=alice"), run::toString);
    }

    @Test
    void inspectWhenConfigUsesRelativeKeyPathsThenResolvesThemAgainstTheConfigFolder() throws IOException {
        keygen();
        Path config = dir.resolve("relative.properties");
        Files.writeString(config, Files.readString(dir.resolve("microprofile-config.properties"))
                .replace(dir.toAbsolutePath() + "/", ""));
        assertTrue(Files.readString(config).contains("location=decrypt-private.jwk\n"));

        CliRun run = CliRun.of("inspect", "--decrypt-key", key("decrypt-private.jwk"), "--config", config.toString(),
                mint().token());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("ACCEPTED: principal=alice"), run::toString);
    }

    @Test
    void inspectWhenConfigIsTheFiltersTestConfigThenAgreesWithTheFiltersValidator() throws IOException {
        TestConfig config = TestConfig.in(dir);
        Path file = dir.resolve("test.properties");
        Files.writeString(file, config.properties().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));

        CliRun accepted = CliRun.of("inspect", "--decrypt-key", key("decrypt.jwk"), "--config", file.toString(),
                TestTokens.valid().mint());
        CliRun wrongKey = CliRun.of("inspect", "--decrypt-key", key("decrypt.jwk"), "--config", file.toString(),
                TestTokens.valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint());

        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertTrue(accepted.out().contains("ACCEPTED: principal=alice, groups=[user]"), accepted::toString);
        assertEquals(1, wrongKey.exitCode(), wrongKey::toString);
        assertTrue(wrongKey.out().contains("REJECTED: BAD_SIGNATURE — "), wrongKey::toString);
    }

    @Test
    void inspectWhenDecryptKeyDoesNotFitThenExitsOneWithoutAVerdict() {
        keygen();
        String token = mint().token();
        String otherKey = TestConfig.in(dir).file("other.jwk", TestKeys.privateJwk(TestKeys.RSA_ENC));

        CliRun run = CliRun.of("inspect", "--decrypt-key", otherKey, token);

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot decrypt with the given key"), run::toString);
    }

    @Test
    void inspectWhenConfigPropertyInvalidThenExitsWithUsageErrorNamingConfigAndProperty() throws IOException {
        keygen();
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, Files.readString(dir.resolve("microprofile-config.properties"))
                + "gatehouse.jwt.max-lifetme=PT1H\n");

        CliRun run = CliRun.of("inspect", "--decrypt-key", key("decrypt-private.jwk"), "--config", config.toString(),
                mint().token());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--config " + config + ": gatehouse.jwt.max-lifetme: is not a Gatehouse property"),
                run::toString);
    }

    @Test
    void inspectWhenConfigFileMissingThenExitsWithUsageErrorNamingConfig() {
        CliRun run = CliRun.of("inspect", "--config", dir.resolve("none.properties").toString(), "a.b.c");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--config: cannot read"), run::toString);
    }

    @Test
    void inspectWhenTokenMissingThenExitsWithUsageError() {
        CliRun run = CliRun.of("inspect", "--decrypt-key", key("decrypt-private.jwk"));

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("TOKEN is required"), run::toString);
    }

    @Test
    void inspectWhenDecryptKeyMissingForJweThenExitsWithUsageErrorNamingDecryptKey() {
        keygen();
        CliRun run = CliRun.of("inspect", mint().token());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--decrypt-key is required"), run::toString);
    }

    private void keygen(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "keygen";
        args[1] = "--out";
        args[2] = dir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
    }

    private CliRun mint(String... options) {
        String[] args = new String[options.length + 7];
        System.arraycopy(new String[] {"mint", "--sign-key", key("sign-private.jwk"), "--encrypt-key",
            key("encrypt-public.jwk"), "--sub", "alice"}, 0, args, 0, 7);
        System.arraycopy(options, 0, args, 7, options.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    private CliRun inspect(String token) {
        return CliRun.of("inspect", "--decrypt-key", key("decrypt-private.jwk"), "--config",
                key("microprofile-config.properties"), token);
    }

    private String key(String name) {
        return dir.resolve(name).toString();
    }
}
