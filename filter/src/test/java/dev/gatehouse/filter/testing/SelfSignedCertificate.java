package dev.gatehouse.filter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A key pair with a self-signed certificate, made by the JDK's keytool at test time (the JDK has no API for it). */
public record SelfSignedCertificate(KeyStore store, PrivateKey key, X509Certificate certificate) {

    /** The password of {@link #store()} and of its key. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    /**
     * Creates one in {@code dir}.
     *
     * @param keyOptions keytool options for the key and certificate, e.g. {@code -keyalg RSA -keysize 2048
     *        -dname CN=idp.test}
     */
    public static SelfSignedCertificate create(Path dir, String... keyOptions) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path file = Files.createTempFile(dir, "self-signed", ".p12");
        Files.delete(file);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        command.addAll(List.of(keyOptions));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool exited with " + keytool.exitValue());
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return new SelfSignedCertificate(store, (PrivateKey) store.getKey("test", PASSWORD),
                (X509Certificate) store.getCertificate("test"));
    }
}
