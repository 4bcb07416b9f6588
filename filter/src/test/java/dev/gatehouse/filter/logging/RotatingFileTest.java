package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rotating file adds to the audit file sink's behaviour ({@link RotatingFileAuditSinkTest}). */
class RotatingFileTest {

    @TempDir
    Path dir;

    @Test
    void writeWhenExistingFileEndsInACutLineThenStartsANewLineFirst() throws IOException {
        Path file = dir.resolve("usage.log");
        Files.writeString(file, "{\"whole\":1}\n{\"cut", StandardCharsets.UTF_8);

        try (RotatingFile rotating = new RotatingFile(AuditFileSettings.of(file))) {
            rotating.write("{\"next\":2}");
        }

        assertEquals(List.of("{\"whole\":1}", "{\"cut", "{\"next\":2}"), Files.readAllLines(file));
    }

    @Test
    void writeWhenExistingFileEndsInANewlineThenAppendsDirectly() throws IOException {
        Path file = dir.resolve("usage.log");
        Files.writeString(file, "{\"whole\":1}\n", StandardCharsets.UTF_8);

        try (RotatingFile rotating = new RotatingFile(AuditFileSettings.of(file))) {
            rotating.write("{\"next\":2}");
        }

        assertEquals("{\"whole\":1}\n{\"next\":2}\n", Files.readString(file));
    }

    @Test
    void writeWhenFileIsNewThenOnlyTheServersUserMayReadIt() throws IOException {
        Path file = dir.resolve("logs/usage.log");
        try (RotatingFile rotating = new RotatingFile(AuditFileSettings.of(file))) {
            rotating.write("{\"first\":1}");
        }

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void writeWhenFileExistsThenItsModeIsKept() throws IOException {
        Path file = dir.resolve("usage.log");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        try (RotatingFile rotating = new RotatingFile(AuditFileSettings.of(file))) {
            rotating.write("{\"first\":1}");
        }

        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    }

    @Test
    void oldestFirstListsRotatedCopiesFromTheOldestThenTheActiveFile() {
        Path file = dir.resolve("usage.log");

        assertEquals(List.of(dir.resolve("usage.log.2"), dir.resolve("usage.log.1"), file),
                RotatingFile.oldestFirst(new AuditFileSettings(file, 100, 3)));
        assertEquals(List.of(file), RotatingFile.oldestFirst(new AuditFileSettings(file, 100, 1)));
    }

    @Test
    void writeAfterRotationsThenOldestFirstReadsLinesInWrittenOrder() throws IOException {
        AuditFileSettings settings = new AuditFileSettings(dir.resolve("usage.log"), 1, 3); // a file per line
        try (RotatingFile rotating = new RotatingFile(settings)) {
            for (int n = 1; n <= 4; n++) {
                rotating.write("line " + n);
            }
        }

        List<String> lines = new java.util.ArrayList<>();
        for (Path each : RotatingFile.oldestFirst(settings)) {
            lines.addAll(Files.readAllLines(each));
        }
        assertEquals(List.of("line 2", "line 3", "line 4"), lines, "line 1 went with the oldest file");
    }
}
