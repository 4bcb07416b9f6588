package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSinksTest {

    private static final String MEMORY = ServiceLoadedSinks.Memory.class.getName();

    @TempDir
    Path dir;

    private static AuditSettings sink(String name) {
        return new AuditSettings(true, name, 16, FullQueuePolicy.DROP, Duration.ZERO, null);
    }

    /** A class loader that also sees a {@code META-INF/services} file listing the classes {@code providers}. */
    private ClassLoader providing(String... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(AuditSink.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void createWhenJulThenJulAuditSink() {
        assertInstanceOf(JulAuditSink.class, AuditSinks.create(AuditSettings.DEFAULTS, getClass().getClassLoader()));
    }

    @Test
    void createWhenFileThenRotatingFileSinkOverConfiguredFile() throws IOException {
        Path file = dir.resolve("logs/audit.log");
        AuditSettings settings = new AuditSettings(true, "file", 16, FullQueuePolicy.DROP, Duration.ZERO,
                AuditFileSettings.of(file));

        try (AuditSink sink = AuditSinks.create(settings, getClass().getClassLoader())) {
            assertInstanceOf(RotatingFileAuditSink.class, sink).write(AuditEvents.publicRequest("r-1"));
        }

        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void createWhenNameOfServiceLoaderProviderThenThatProvider() throws IOException {
        ClassLoader loader = providing(MEMORY);

        assertInstanceOf(ServiceLoadedSinks.Memory.class, AuditSinks.create(sink("memory"), loader));
    }

    @Test
    void createWhenNameUnknownThenListsKnownNames() throws IOException {
        ClassLoader loader = providing(MEMORY);

        assertEquals("Unknown audit sink 'nope'; known: file, jul, memory",
                assertThrows(IllegalArgumentException.class, () -> AuditSinks.create(sink("nope"), loader))
                        .getMessage());
        assertEquals("Unknown audit sink 'nope'; known: file, jul",
                assertThrows(IllegalArgumentException.class,
                        () -> AuditSinks.create(sink("nope"), getClass().getClassLoader())).getMessage());
    }

    @Test
    void createWhenTwoProvidersShareTheNameThenRefusesBoth() throws IOException {
        ClassLoader loader = providing(MEMORY, ServiceLoadedSinks.MemoryAgain.class.getName());

        String message = assertThrows(IllegalArgumentException.class, () -> AuditSinks.create(sink("memory"), loader))
                .getMessage();

        assertTrue(message.startsWith("Audit sink 'memory' is provided by more than one class: "), message);
        assertTrue(message.contains("ServiceLoadedSinks$MemoryAgain"), message);
    }

    @Test
    void createWhenProviderClaimsBuiltInNameThenBuiltInWins() throws IOException {
        ClassLoader loader = providing(ServiceLoadedSinks.FakeJul.class.getName());

        assertInstanceOf(JulAuditSink.class, AuditSinks.create(sink("jul"), loader));
    }

    @Test
    void createWhenAProviderFailsToLoadThenOthersAreStillFoundAndUnknownNameSaysWhichFailed() throws IOException {
        ClassLoader loader = providing("dev.example.Missing", MEMORY);

        assertInstanceOf(ServiceLoadedSinks.Memory.class, AuditSinks.create(sink("memory"), loader));
        String message = assertThrows(IllegalArgumentException.class, () -> AuditSinks.create(sink("nope"), loader))
                .getMessage();
        assertTrue(message.startsWith("Unknown audit sink 'nope'; known: file, jul, memory; providers that failed"
                + " to load: ServiceConfigurationError: "), message);
        assertTrue(message.contains("dev.example.Missing"), message);
    }
}
