package dev.gatehouse.filter.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.testing.SelfSignedCertificate;
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
        Certificate certificate = SelfSignedCertificate.create(dir, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=idp.test").certificate();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        assertArrayEquals(certificate.getPublicKey().getEncoded(),
                KeyParser.parse(pem, KeyPurpose.VERIFY).get(0).key().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> KeyParser.parse(pem, KeyPurpose.DECRYPT));
    }
}
