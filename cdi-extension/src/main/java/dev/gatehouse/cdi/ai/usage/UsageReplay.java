package dev.gatehouse.cdi.ai.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads usage files back, oldest first, and hands on the records made since a given instant, in the order they were
 * written. A file last modified before that instant holds only older records and is not opened. Lines that are not a
 * record this version reads ({@link UsageLine#parse}: cut off by a crash, corrupt, of a newer format, longer than
 * {@value #MAX_LINE_BYTES} bytes, not UTF-8) are counted per file; their content is never kept or logged.
 */
final class UsageReplay {

    /** Longest line read; a record is a few hundred bytes. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Map<Path, Long> skipped = new LinkedHashMap<>();
    private final Map<Path, Instant> firstRecords = new LinkedHashMap<>();
    private long replayed;

    private UsageReplay() {
    }

    /**
     * Reads {@code files} (missing ones are passed over) in the order given.
     *
     * @throws IOException when a file cannot be read
     */
    static UsageReplay run(List<Path> files, Instant since, Consumer<UsageRecord> into) throws IOException {
        UsageReplay replay = new UsageReplay();
        for (Path file : files) {
            if (Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                replay.read(file, since, into);
            }
        }
        return replay;
    }

    private void read(Path file, Instant since, Consumer<UsageRecord> into) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            Lines lines = new Lines(in);
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                Optional<UsageRecord> record = decode(utf8, line).flatMap(UsageLine::parse);
                if (record.isEmpty()) {
                    skipped.merge(file, 1L, Long::sum);
                    continue;
                }
                firstRecords.putIfAbsent(file, record.get().timestamp());
                if (!record.get().timestamp().isBefore(since)) {
                    into.accept(record.get());
                    replayed++;
                }
            }
        }
    }

    private static Optional<String> decode(CharsetDecoder utf8, byte[] line) {
        try {
            return Optional.of(utf8.decode(ByteBuffer.wrap(line)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** When the first record of {@code file} was made; empty when the file was not read or holds no record. */
    Optional<Instant> firstRecordOf(Path file) {
        return Optional.ofNullable(firstRecords.get(file));
    }

    /** Records handed on. */
    long replayed() {
        return replayed;
    }

    /** Lines skipped, all files together. */
    long skippedLines() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code usage.log.1: 1, usage.log: 2}: the files with skipped lines, by name, and how many. */
    String skippedByFile() {
        return skipped.entrySet().stream().map(e -> e.getKey().getFileName() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Splits a stream at {@code \n}; a line longer than the limit comes back empty (so it does not parse). */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[MAX_LINE_BYTES];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int position;
        private int length;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line without its {@code \n} (the last one may have none), or null at the end. */
        byte[] next() throws IOException {
            line.reset();
            boolean tooLong = false;
            while (true) {
                if (position == length) {
                    length = in.read(buffer);
                    position = 0;
                    if (length <= 0) {
                        length = 0;
                        return line.size() == 0 && !tooLong ? null : tooLong ? new byte[0] : line.toByteArray();
                    }
                }
                int start = position;
                while (position < length && buffer[position] != '\n') {
                    position++;
                }
                if (!tooLong) {
                    line.write(buffer, start, position - start);
                    if (line.size() > MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    }
                }
                if (position < length) {
                    position++; // the \n
                    return tooLong ? new byte[0] : line.toByteArray();
                }
            }
        }
    }
}
