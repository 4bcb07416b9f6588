package dev.gatehouse.filter.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.TestKeys;

class KeyParserTest {

    @Test
    void parseReadsPkcs8EcPrivateKeyPem() {
        List<KeyParser.ParsedKey> keys = KeyParser.parse(TestKeys.privatePem(TestKeys.EC_ENC), KeyPurpose.DECRYPT);
        assertEquals(1, keys.size());
        assertArrayEquals(TestKeys.EC_ENC.getPrivateKey().getEncoded(), keys.get(0).key().getEncoded());
        assertNull(keys.get(0).kid());
    }

    @Test
    void parseReadsEd25519PublicKeyPem() {
        List<KeyParser.ParsedKey> keys = KeyParser.parse(TestKeys.publicPem(TestKeys.ED_SIG), KeyPurpose.VERIFY);
        assertEquals("EdDSA", AlgorithmPolicy.usableWith(keys.get(0).key(), java.util.Set.of("EdDSA", "RS256"),
                java.util.Set.of()).iterator().next());
    }

    @Test
    void parseReadsJwksWithKidsAndMetadata() {
        String jwks = TestKeys.publicJwks(TestKeys.RSA_SIG, TestKeys.EC_SIG);
        List<KeyParser.ParsedKey> keys = KeyParser.parse(jwks, KeyPurpose.VERIFY);
        assertEquals(List.of("sig-rsa", "sig-ec"), keys.stream().map(KeyParser.ParsedKey::kid).toList());
    }

    @Test
    void parseWhenDecryptionJwkHasNoPrivatePartThenExplains() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyParser.parse(TestKeys.publicJwk(TestKeys.RSA_ENC), KeyPurpose.DECRYPT));
        assertTrue(e.getMessage().contains("has no private part"), e.getMessage());
    }

    @Test
    void parseReadsPublicKeyOfCertificatePem(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("c.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=idp.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertEquals(0, keytool.waitFor());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keys.getCertificate("idp");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        assertArrayEquals(certificate.getPublicKey().getEncoded(),
                KeyParser.parse(pem, KeyPurpose.VERIFY).get(0).key().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> KeyParser.parse(pem, KeyPurpose.DECRYPT));
    }
}
