package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Properties;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.filter.keys.KeyParser;
import dev.gatehouse.filter.keys.KeyPurpose;

class KeygenCommandTest {

    private static final List<String> PRIVATE_FILES = List.of("decrypt-private.pem", "decrypt-private.jwk",
            "sign-private.pem", "sign-private.jwk");

    @TempDir
    Path dir;

    @Test
    void keygenWhenRsaThenWritesAllFilesWithKidsAlgorithmsAndOwnerOnlyPrivateFiles() throws Exception {
        CliRun run = CliRun.of("keygen", "--out", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        for (String name : KeygenCommand.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        PublicJsonWebKey decrypt = privateJwk("decrypt-private.jwk");
        assertEquals("enc", decrypt.getUse());
        assertEquals("RSA-OAEP-256", decrypt.getAlgorithm());
        assertTrue(decrypt.getKeyId().startsWith("enc-"));
        assertEquals(2048, ((RSAPrivateKey) decrypt.getPrivateKey()).getModulus().bitLength());
        PublicJsonWebKey sign = privateJwk("sign-private.jwk");
        assertEquals("sig", sign.getUse());
        assertEquals("RS256", sign.getAlgorithm());
        assertTrue(sign.getKeyId().startsWith("sig-"));
        assertEquals(decrypt.getKeyId(), JsonWebKey.Factory.newJwk(read("encrypt-public.jwk")).getKeyId());
        JsonWebKey verify = new JsonWebKeySet(read("verify-public.jwks")).getJsonWebKeys().get(0);
        assertEquals(sign.getKeyId(), verify.getKeyId());
        assertFalse(read("verify-public.jwks").contains("\"d\""), "the JWKS must hold the public key only");
        assertTrue(read("decrypt-private.pem").startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(read("verify-public.pem").startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(decrypt.getPrivateKey(), KeyParser.parse(read("decrypt-private.pem"), KeyPurpose.DECRYPT).get(0).key());
        assertTrue(run.out().contains(decrypt.getKeyId()) && run.out().contains(sign.getKeyId()), run::toString);
        assertOwnerOnlyPrivateFiles();
    }

    @ParameterizedTest
    @CsvSource({"P-256,ES256", "P-384,ES384", "P-521,ES512"})
    void keygenWhenKindEcThenWritesEcKeysWithEcdhEsAndCurveSignature(String curve, String signature) throws Exception {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), "--kind", "ec", "--curve", curve);

        assertEquals(0, run.exitCode(), run::toString);
        for (String name : KeygenCommand.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        PublicJsonWebKey decrypt = privateJwk("decrypt-private.jwk");
        assertTrue(decrypt.getPrivateKey() instanceof ECPrivateKey);
        assertEquals("ECDH-ES+A256KW", decrypt.getAlgorithm());
        assertEquals(signature, privateJwk("sign-private.jwk").getAlgorithm());
        assertEquals(signature, properties().getProperty("mp.jwt.verify.publickey.algorithm"));
        assertEquals("ECDH-ES+A256KW", properties().getProperty("mp.jwt.decrypt.key.algorithm"));
        assertOwnerOnlyPrivateFiles();
    }

    @Test
    void keygenWhenKindEcWithoutCurveThenUsesP256() throws Exception {
        assertEquals(0, CliRun.of("keygen", "--out", dir.toString(), "--kind", "ec").exitCode());

        assertEquals("P-256", privateJwk("sign-private.jwk").toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .get("crv"));
    }

    @Test
    void keygenWhenBitsBelow2048ThenExitsWithUsageError() {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), "--bits", "1024");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--bits 1024 is refused"), run::toString);
        assertFalse(Files.exists(dir.resolve("decrypt-private.pem")));
    }

    @Test
    void keygenWhenBits3072ThenRsaKeysHave3072Bits() throws Exception {
        assertEquals(0, CliRun.of("keygen", "--out", dir.toString(), "--bits", "3072").exitCode());

        assertEquals(3072, ((RSAPrivateKey) privateJwk("sign-private.jwk").getPrivateKey()).getModulus().bitLength());
    }

    @Test
    void keygenWhenKidsIssuerAndAudienceGivenThenFilesAndPropertiesCarryThem() throws Exception {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), "--enc-kid", "api-enc-1", "--sig-kid", "idp-sig-1",
                "--issuer", "https://idp.example/realms/x", "--audience", "orders-api");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("api-enc-1", privateJwk("decrypt-private.jwk").getKeyId());
        assertEquals("idp-sig-1", privateJwk("sign-private.jwk").getKeyId());
        Properties properties = properties();
        assertEquals("https://idp.example/realms/x", properties.getProperty("mp.jwt.verify.issuer"));
        assertEquals("orders-api", properties.getProperty("mp.jwt.verify.audiences"));
    }

    @Test
    void keygenWhenRunThenPropertiesWireAbsoluteKeyPathsAndPlaceholders() throws Exception {
        assertEquals(0, CliRun.of("keygen", "--out", dir.toString()).exitCode());

        Properties properties = properties();
        assertEquals(dir.resolve("decrypt-private.jwk").toAbsolutePath().toString(),
                properties.getProperty("mp.jwt.decrypt.key.location"));
        assertEquals(dir.resolve("verify-public.jwks").toAbsolutePath().toString(),
                properties.getProperty("mp.jwt.verify.publickey.location"));
        assertEquals("RSA-OAEP-256", properties.getProperty("mp.jwt.decrypt.key.algorithm"));
        assertEquals("RS256", properties.getProperty("mp.jwt.verify.publickey.algorithm"));
        assertEquals("https://issuer.example", properties.getProperty("mp.jwt.verify.issuer"));
        assertEquals("gatehouse-api", properties.getProperty("mp.jwt.verify.audiences"));
    }

    @Test
    void keygenWhenOutPathHasSpacesAndNonAsciiThenPropertiesStillNameTheKeyFiles() throws Exception {
        Path out = dir.resolve("my keys \u00e9");
        assertEquals(0, CliRun.of("keygen", "--out", out.toString()).exitCode());

        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("microprofile-config.properties"))) {
            properties.load(in);
        }
        assertEquals(out.resolve("decrypt-private.jwk").toString(), properties.getProperty("mp.jwt.decrypt.key.location"));
    }

    @Test
    void keygenWhenFilesExistThenRefusesUnlessForced() throws Exception {
        assertEquals(0, CliRun.of("keygen", "--out", dir.toString()).exitCode());
        String first = read("sign-private.jwk");

        CliRun refused = CliRun.of("keygen", "--out", dir.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--out") && refused.err().contains("--force"), refused::toString);
        assertEquals(first, read("sign-private.jwk"));

        assertEquals(0, CliRun.of("keygen", "--out", dir.toString(), "--force").exitCode());
        assertFalse(first.equals(read("sign-private.jwk")));
        assertOwnerOnlyPrivateFiles();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--kind|dsa|--kind must be rsa or ec",
        "--curve|P-192|--curve must be P-256, P-384 or P-521",
        "--bits|2500|--bits must be 2048, 3072 or 4096",
        "--enc-kid|has space|--enc-kid must be"})
    void keygenWhenOptionValueInvalidThenExitsWithUsageErrorNamingIt(String option, String value, String message) {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), option, value);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(message), run::toString);
    }

    @Test
    void keygenWhenCurveGivenWithKindRsaThenExitsWithUsageError() {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), "--kind", "rsa", "--curve", "P-256");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--curve applies to --kind ec only"), run::toString);
    }

    @Test
    void keygenWhenOutMissingThenExitsWithUsageErrorNamingOut() {
        CliRun run = CliRun.of("keygen");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out is required"), run::toString);
    }

    private void assertOwnerOnlyPrivateFiles() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        for (String name : PRIVATE_FILES) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))),
                    name);
        }
    }

    private PublicJsonWebKey privateJwk(String name) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(read(name));
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private Properties properties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("microprofile-config.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
