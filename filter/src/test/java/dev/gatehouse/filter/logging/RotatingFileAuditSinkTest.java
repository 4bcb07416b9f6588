package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

class RotatingFileAuditSinkTest {

    /** Each {@code event(n)} for n in 1..9 gives a line of this many bytes. */
    private static final int LINE = line(1).length;

    @TempDir
    Path dir;

    private static AuditEvent event(int n) {
        return AuditEvents.publicRequest("r-" + n);
    }

    private static byte[] line(int n) {
        return (AuditJson.format(event(n)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static List<String> expected(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> AuditJson.format(event(n))).toList();
    }

    private long fileCount() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void writeAll(RotatingFileAuditSink sink, int from, int to) throws IOException {
        for (int n = from; n <= to; n++) {
            sink.write(event(n));
        }
    }

    @Test
    void nameIsFile() {
        assertEquals("file", new RotatingFileAuditSink(AuditFileSettings.of(dir.resolve("a.log"))).name());
    }

    @Test
    void writeWhenParentDirectoriesMissingThenCreatesThemAndAppendsUtf8Lines() throws IOException {
        Path file = dir.resolve("logs/app/audit.log");
        AuditEvent unicode = AuditEvents.withSubject("J\u00FCrgen \u5C71\u7530");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(AuditFileSettings.of(file))) {
            sink.write(event(1));
            sink.write(unicode);

            assertEquals(List.of(AuditJson.format(event(1)), AuditJson.format(unicode)), lines(file));
        }
    }

    @Test
    void writeFlushesEachLineBeforeReturning() throws IOException {
        Path file = dir.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(AuditFileSettings.of(file))) {
            sink.write(event(1));

            assertEquals(LINE, Files.size(file));
        }
    }

    @Test
    void writeWhenFileExistsThenAppendsAndCountsItsSize() throws IOException {
        Path file = dir.resolve("audit.log");
        Files.write(file, line(1));
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, 2L * LINE, 3))) {
            writeAll(sink, 2, 3);

            assertEquals(expected(3), lines(file));
            assertEquals(expected(1, 2), lines(dir.resolve("audit.log.1")));
        }
    }

    @Test
    void writeWhenNextLineWouldExceedMaxBytesThenRotatesAndKeepsAtMostMaxFiles() throws IOException {
        Path file = dir.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, 2L * LINE, 3))) {
            writeAll(sink, 1, 2);
            assertEquals(2L * LINE, Files.size(file));
            assertFalse(Files.exists(dir.resolve("audit.log.1")));

            writeAll(sink, 3, 7);

            assertEquals(expected(7), lines(file));
            assertEquals(expected(5, 6), lines(dir.resolve("audit.log.1")));
            assertEquals(expected(3, 4), lines(dir.resolve("audit.log.2")));
            assertEquals(3, fileCount(), "oldest (lines 1, 2) deleted, no audit.log.3");
        }
    }

    @Test
    void writeWhenMaxFilesIsOneThenRotationEmptiesTheFile() throws IOException {
        Path file = dir.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, 2L * LINE, 1))) {
            writeAll(sink, 1, 3);

            assertEquals(expected(3), lines(file));
            assertEquals(1, fileCount());
        }
    }

    @Test
    void writeWhenLineLongerThanMaxBytesThenGivesItAFileOfItsOwn() throws IOException {
        Path file = dir.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, 10, 5))) {
            writeAll(sink, 1, 2);

            assertEquals(expected(2), lines(file));
            assertEquals(expected(1), lines(dir.resolve("audit.log.1")));
        }
    }

    @Test
    void writeWhenDirectoryCannotBeCreatedThenThrowsAndLaterWriteSucceedsOnceFixed() throws IOException {
        Path blocker = dir.resolve("logs");
        Files.writeString(blocker, "a file where the directory should be");
        Path file = blocker.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(AuditFileSettings.of(file))) {
            assertThrows(IOException.class, () -> sink.write(event(1)));
            assertThrows(IOException.class, () -> sink.write(event(2)));

            Files.delete(blocker);
            sink.write(event(3));

            assertEquals(expected(3), lines(file));
        }
    }

    @Test
    void writeWhenRotationFailsThenThrowsAndRotatesOnceFixed() throws IOException {
        Path file = dir.resolve("audit.log");
        Path inTheWay = Files.createDirectories(dir.resolve("audit.log.1/not-empty"));
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, LINE, 2))) {
            sink.write(event(1));
            assertThrows(IOException.class, () -> sink.write(event(2)));

            Files.delete(inTheWay);
            sink.write(event(3));

            assertEquals(expected(3), lines(file));
            assertEquals(expected(1), lines(dir.resolve("audit.log.1")));
        }
    }

    @Test
    @ResourceLock("dev.gatehouse.filter.logging.AsyncAuditLog") // reports on that JUL logger
    void writeBatchWhenFileCannotBeOpenedThenTheAuditLogCountsEachEventAsFailed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("logs"), "a file where the directory should be");
        AuditFileSettings file = AuditFileSettings.of(blocker.resolve("audit.log"));
        AsyncAuditLog log = new AsyncAuditLog(new RotatingFileAuditSink(file),
                new AuditSettings(true, "file", 16, FullQueuePolicy.BLOCK, java.time.Duration.ofSeconds(1), file));

        for (int n = 1; n <= 7; n++) {
            log.record(event(n));
        }
        log.close();

        assertEquals(7, log.failedWrites());
        assertEquals(0, log.dropped());
    }

    @Test
    void writeBatchThenAppendsTheEventsInOrder() throws IOException {
        Path file = dir.resolve("audit.log");
        try (RotatingFileAuditSink sink = new RotatingFileAuditSink(new AuditFileSettings(file, 2L * LINE, 3))) {
            sink.writeBatch(List.of(event(1), event(2), event(3)), (items, cause) -> {
                throw new AssertionError(cause);
            });

            assertEquals(expected(3), lines(file));
            assertEquals(expected(1, 2), lines(dir.resolve("audit.log.1")));
        }
    }

    @Test
    void closeThenWriteReopensFile() throws IOException {
        Path file = dir.resolve("audit.log");
        RotatingFileAuditSink sink = new RotatingFileAuditSink(AuditFileSettings.of(file));
        sink.write(event(1));
        sink.close();
        sink.close();

        sink.write(event(2));
        sink.close();

        assertEquals(expected(1, 2), lines(file));
    }

    @Test
    void settingsWhenInvalidThenNameWhatIsWrong() {
        Path file = dir.resolve("audit.log");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AuditFileSettings(null, 1, 1))
                .getMessage().startsWith("file is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AuditFileSettings(dir.getRoot(), 1, 1))
                .getMessage().startsWith("file is required"));
        assertEquals("maxBytes must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AuditFileSettings(file, 0, 1)).getMessage());
        assertEquals("maxFiles must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AuditFileSettings(file, 1, 0)).getMessage());
    }

    @Test
    void settingsOfUsesTenFilesOfTenMebibytes() {
        AuditFileSettings settings = AuditFileSettings.of(dir.resolve("audit.log"));

        assertEquals(10L * 1024 * 1024, settings.maxBytes());
        assertEquals(10, settings.maxFiles());
    }
}
