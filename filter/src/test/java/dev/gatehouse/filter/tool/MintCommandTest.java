package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.filter.keys.KeyParser;
import dev.gatehouse.filter.keys.KeyPurpose;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.token.Rejection;
import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.ValidatedToken;

class MintCommandTest {

    @TempDir
    Path dir;

    private String signJwk;
    private String encryptJwk;

    @BeforeEach
    void writeKeys() {
        signJwk = config().file("sign.jwk", TestKeys.privateJwk(TestKeys.RSA_SIG));
        encryptJwk = config().file("encrypt.jwk", TestKeys.publicJwk(TestKeys.RSA_ENC));
    }

    @Test
    void mintWhenRunThenStdoutIsOnlyTheTokenAndANewline() {
        CliRun run = mint("--sub", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}\\n"), run::toString);
        assertEquals("", run.err());
    }

    @Test
    void mintWhenIssuerAudienceAndGroupsGivenThenFilterValidatorAcceptsThem() throws Exception {
        CliRun run = mint("--sub", "alice", "--iss", TestTokens.ISSUER, "--aud", TestTokens.AUDIENCE + ",other",
                "--groups", "user, admin", "--ttl", "PT2M");

        ValidatedToken token = config().validator().validate(run.token());
        assertEquals("alice", token.getName());
        assertEquals(Set.of("user", "admin"), token.groups());
        assertEquals(List.of(TestTokens.AUDIENCE, "other"), token.claim("aud"));
        assertEquals(120L, (Long) token.claim("exp") - (Long) token.claim("iat"));
    }

    @Test
    void mintWhenClaimValuesAreJsonThenClaimsKeepTheirJsonTypes() throws Exception {
        CliRun run = mint("--sub", "alice", "--iss", TestTokens.ISSUER, "--aud", TestTokens.AUDIENCE,
                "--claim", "n=42", "--claim", "f=1.5", "--claim", "b=true", "--claim", "arr=[\"a\",1]",
                "--claim", "obj={\"k\":\"v\"}", "--claim", "s=hello world", "--claim", "quoted=\"42\"",
                "--claim", "empty=", "--claim", "nul=null", "--claim", "url=https://x.example/a=b");

        Map<String, Object> claims = config().validator().validate(run.token()).claims();
        assertEquals(42L, claims.get("n"));
        assertEquals(1.5, claims.get("f"));
        assertEquals(Boolean.TRUE, claims.get("b"));
        assertEquals(List.of("a", 1L), claims.get("arr"));
        assertEquals(Map.of("k", "v"), claims.get("obj"));
        assertEquals("hello world", claims.get("s"));
        assertEquals("42", claims.get("quoted"));
        assertEquals("", claims.get("empty"));
        assertEquals("null", claims.get("nul"));
        assertEquals("https://x.example/a=b", claims.get("url"));
    }

    @Test
    void mintWhenJwkKeysGivenThenBothHeadersCarryTheirKids() throws Exception {
        CliRun run = mint("--sub", "alice");

        UnverifiedToken opened = UnverifiedToken.decrypt(run.token(),
                KeyParser.parse(TestKeys.privateJwk(TestKeys.RSA_ENC), KeyPurpose.DECRYPT));
        assertEquals("enc-rsa", opened.jweHeader().get("kid"));
        assertEquals("RSA-OAEP-256", opened.jweHeader().get("alg"));
        assertEquals("A256GCM", opened.jweHeader().get("enc"));
        assertEquals("JWT", opened.jweHeader().get("cty"));
        assertEquals("sig-rsa", opened.jwsHeader().get("kid"));
        assertEquals("RS256", opened.jwsHeader().get("alg"));
    }

    @Test
    void mintWhenPemKeysGivenThenTokenHasNoKidsAndIsAccepted() throws Exception {
        String signPem = config().file("sign.pem", TestKeys.privatePem(TestKeys.RSA_SIG));
        String encryptPem = config().file("encrypt.pem", TestKeys.publicPem(TestKeys.RSA_ENC));
        CliRun run = CliRun.of("mint", "--sign-key", signPem, "--encrypt-key", encryptPem, "--sub", "alice",
                "--iss", TestTokens.ISSUER, "--aud", TestTokens.AUDIENCE);

        UnverifiedToken opened = UnverifiedToken.decrypt(run.token(),
                KeyParser.parse(TestKeys.privateJwk(TestKeys.RSA_ENC), KeyPurpose.DECRYPT));
        assertEquals(null, opened.jweHeader().get("kid"));
        assertEquals(null, opened.jwsHeader().get("kid"));
        assertEquals("alice", config().validator().validate(run.token()).getName());
    }

    @Test
    void mintWhenEcKeysGivenThenAlgorithmsDefaultFromKeyTypes() throws Exception {
        String sign = config().file("sign-ec.jwk", TestKeys.privateJwk(TestKeys.EC_SIG));
        String encrypt = config().file("encrypt-ec.jwk", TestKeys.publicJwk(TestKeys.EC_ENC));
        CliRun run = CliRun.of("mint", "--sign-key", sign, "--encrypt-key", encrypt, "--sub", "alice");

        UnverifiedToken opened = UnverifiedToken.decrypt(run.token(),
                KeyParser.parse(TestKeys.privateJwk(TestKeys.EC_ENC), KeyPurpose.DECRYPT));
        assertEquals("ECDH-ES+A256KW", opened.jweHeader().get("alg"));
        assertEquals("ES256", opened.jwsHeader().get("alg"));
    }

    @Test
    void mintWhenSignedOnlyThenPrintsBareJwsThatOnlyTheMigrationSwitchAccepts() throws Exception {
        CliRun run = CliRun.of("mint", "--sign-key", signJwk, "--sub", "alice", "--iss", TestTokens.ISSUER,
                "--aud", TestTokens.AUDIENCE, "--signed-only");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(2, run.token().chars().filter(c -> c == '.').count());
        var rejected = assertThrows(TokenRejectedException.class, () -> config().validator().validate(run.token()));
        assertEquals(Rejection.ENCRYPTION_REQUIRED, rejected.rejection());
        assertEquals("alice", config().with("gatehouse.jwt.insecure-accept-signed-only", "true").validator()
                .validate(run.token()).getName());
    }

    @ParameterizedTest
    @CsvSource({"300,300", "300s,300", "5m,300", "2h,7200", "1d,86400", "PT5M,300", "-60s,-60", "-PT1M,-60", "0,0"})
    void ttlWhenWrittenInAnAcceptedFormThenParsed(String text, long seconds) throws Exception {
        assertEquals(Duration.ofSeconds(seconds), MintCommand.ttl(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ttl|5 minutes|--ttl '5 minutes' is not a duration",
        "--claim|novalue|--claim needs name=value",
        "--claim|=x|--claim needs name=value",
        "--sig-alg|HS256|--sig-alg HS256 is refused",
        "--sig-alg|ES256|--sig-alg ES256 does not fit the RSA key",
        "--sig-alg|RSA-OAEP-256|--sig-alg RSA-OAEP-256 is not one of",
        "--key-alg|RSA1_5|--key-alg RSA1_5 is refused",
        "--key-alg|RS256|--key-alg RS256 is not one of",
        "--enc|A256XYZ|--enc A256XYZ is not a content encryption algorithm",
        "--groups|,|--groups must name at least one value"})
    void mintWhenOptionValueInvalidThenExitsWithUsageErrorNamingIt(String option, String value, String message) {
        CliRun run = mint("--sub", "alice", option, value);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(message), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void mintWhenSubMissingThenExitsWithUsageErrorNamingSub() {
        CliRun run = mint();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sub is required"), run::toString);
    }

    @Test
    void mintWhenEncryptKeyMissingThenExitsWithUsageErrorNamingEncryptKey() {
        CliRun run = CliRun.of("mint", "--sign-key", signJwk, "--sub", "alice");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--encrypt-key is required"), run::toString);
    }

    @Test
    void mintWhenSignKeyIsPublicThenExitsWithUsageErrorNamingSignKey() {
        String publicPem = config().file("verify.pem", TestKeys.publicPem(TestKeys.RSA_SIG));
        CliRun run = CliRun.of("mint", "--sign-key", publicPem, "--encrypt-key", encryptJwk, "--sub", "alice");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sign-key: " + publicPem + ": a PUBLIC KEY was given where a private key"),
                run::toString);
    }

    @Test
    void mintWhenSignKeyFileMissingThenExitsWithUsageErrorNamingSignKey() {
        CliRun run = CliRun.of("mint", "--sign-key", dir.resolve("nope.pem").toString(), "--encrypt-key", encryptJwk,
                "--sub", "alice");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sign-key: cannot read " + dir.resolve("nope.pem") + " (no such file)"),
                run::toString);
    }

    @Test
    void mintWhenSignKeyIsWeakRsaThenExitsWithUsageError() {
        String weak = config().file("weak.jwk", TestKeys.privateJwk(TestKeys.rsa("weak", 1024)));
        CliRun run = CliRun.of("mint", "--sign-key", weak, "--encrypt-key", encryptJwk, "--sub", "alice");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sign-key: " + weak + ": RSA key of 1024 bits"), run::toString);
    }

    @Test
    void mintWhenSignedOnlyCombinedWithEncryptKeyThenExitsWithUsageError() {
        CliRun run = mint("--sub", "alice", "--signed-only");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--encrypt-key cannot be combined with --signed-only"), run::toString);
    }

    private CliRun mint(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "mint";
        args[1] = "--sign-key";
        args[2] = signJwk;
        args[3] = "--encrypt-key";
        args[4] = encryptJwk;
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.of(args);
    }

    private TestConfig config() {
        return TestConfig.in(dir);
    }
}
