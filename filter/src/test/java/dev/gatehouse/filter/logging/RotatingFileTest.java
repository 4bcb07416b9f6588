package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Each file's name and content, oldest first. */
    private static List<String> files(AuditFileSettings settings) throws IOException {
        List<String> files = new ArrayList<>();
        for (Path each : RotatingFile.oldestFirst(settings)) {
            if (Files.exists(each)) {
                files.add(each.getFileName() + ": " + Files.readString(each));
            }
        }
        return files;
    }

    /** Lines of 1 to 60 chars, some of two- and three-byte UTF-8 characters. */
    private static List<String> lines(int count) {
        SplittableRandom random = new SplittableRandom(count);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String unit = List.of("a", "\u00FC", "\u5C71").get(random.nextInt(3));
            lines.add(n + unit.repeat(random.nextInt(60)));
        }
        return lines;
    }

    /** Records what failed: how many lines each failure held. */
    private static final class Failed implements QueueSink.Failures {
        final List<Integer> items = new ArrayList<>();
        final List<String> causes = new ArrayList<>();

        @Override
        public void count(int lines, Throwable cause) {
            items.add(lines);
            causes.add(cause.getClass().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 30, 64, 100, 257, 1000, 100_000})
    void writeBatchThenFilesBeginAndEndAtTheSameLinesAsWritingLineByLine(long maxBytes) throws IOException {
        AuditFileSettings oneByOne = new AuditFileSettings(dir.resolve("one/usage.log"), maxBytes, 1000);
        AuditFileSettings batched = new AuditFileSettings(dir.resolve("batch/usage.log"), maxBytes, 1000);
        List<String> lines = lines(300);
        for (AuditFileSettings each : List.of(oneByOne, batched)) {
            Files.createDirectories(each.file().getParent());
            Files.writeString(each.file(), "{\"earlier\":1}\n{\"cut", StandardCharsets.UTF_8);
        }
        try (RotatingFile file = new RotatingFile(oneByOne)) {
            for (String line : lines) {
                file.write(line);
            }
        }
        Failed failed = new Failed();
        try (RotatingFile file = new RotatingFile(batched)) {
            SplittableRandom random = new SplittableRandom(maxBytes);
            for (int from = 0; from < lines.size(); ) {
                int to = Math.min(lines.size(), from + 1 + random.nextInt(80));
                file.writeBatch(lines.subList(from, to), failed);
                from = to;
            }
        }

        assertEquals(List.of(), failed.items);
        assertEquals(files(oneByOne), files(batched));
    }

    @Test
    void writeBatchWhenWriteFailsThenEveryLineOfThatOneWriteCountsAsFailed() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails: no space left on device
        assumeTrue(Files.isWritable(full));
        List<String> lines = List.of("0123456789", "0123456789", "0123456789", "0123456789", "0123456789");
        Failed oneFile = new Failed();
        Failed twoLinesAFile = new Failed();

        try (RotatingFile file = new RotatingFile(new AuditFileSettings(full, 1000, 2))) {
            file.writeBatch(lines, oneFile);
        }
        try (RotatingFile file = new RotatingFile(new AuditFileSettings(full, 22, 2))) {
            file.writeBatch(lines, twoLinesAFile);
        }

        assertEquals(List.of(5), oneFile.items, "the five lines went to the file with one write");
        assertEquals(List.of("java.io.IOException"), oneFile.causes);
        assertEquals(List.of(2, 2, 1), twoLinesAFile.items, "one write per file the lines would fill");
    }

    @Test
    void writeBatchWhenFileCannotBeOpenedThenCountsEachLineAndALaterBatchWritesOnceFixed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("logs"), "a file where the directory should be");
        AuditFileSettings settings = AuditFileSettings.of(blocker.resolve("usage.log"));
        Failed failed = new Failed();
        try (RotatingFile file = new RotatingFile(settings)) {
            file.writeBatch(List.of("a", "b", "c"), failed);

            Files.delete(blocker);
            file.writeBatch(List.of("d", "e"), failed);
        }

        assertEquals(List.of(1, 1, 1), failed.items, "each line tried to open the file, as when written one by one");
        assertEquals(List.of("d", "e"), Files.readAllLines(settings.file()));
    }
}
