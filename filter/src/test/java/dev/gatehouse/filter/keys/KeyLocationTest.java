package dev.gatehouse.filter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLocationTest {

    @TempDir
    Path dir;

    private ClassLoader loaderOver(Path folder) throws Exception {
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
    }

    @Test
    void parseReadsAbsolutePathFileUrlAndClassPathForms() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/k.pem"), "KEY TEXT");
        ClassLoader loader = loaderOver(dir);
        for (String location : new String[] {dir.resolve("keys/k.pem").toString(), dir.resolve("keys/k.pem").toUri().toString(),
                "classpath:keys/k.pem", "classpath:/keys/k.pem", "keys/k.pem"}) {
            KeyLocation parsed = KeyLocation.parse(location, loader, false);
            assertEquals("KEY TEXT", assertInstanceOf(KeyLocation.Local.class, parsed).read(), location);
        }
    }

    @Test
    void parseTreatsHttpsAsRemote() {
        KeyLocation parsed = KeyLocation.parse("https://idp.example/jwks", getClass().getClassLoader(), false);
        assertEquals("idp.example", assertInstanceOf(KeyLocation.Remote.class, parsed).uri().getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example/jwks", "HTTP://idp.example/jwks"})
    void parseRefusesPlainHttpUnlessInsecureSwitchOn(String location) {
        assertThrows(IllegalArgumentException.class, () -> KeyLocation.parse(location, getClass().getClassLoader(), false));
        assertInstanceOf(KeyLocation.Remote.class, KeyLocation.parse(location, getClass().getClassLoader(), true));
    }

    @Test
    void readRefusesFilesOverOneMebibyte() throws Exception {
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[KeyLocation.MAX_BYTES + 1]);
        KeyLocation.Local parsed = (KeyLocation.Local) KeyLocation.parse(big.toString(), loaderOver(dir), false);
        assertThrows(java.io.IOException.class, parsed::read);
    }
}
