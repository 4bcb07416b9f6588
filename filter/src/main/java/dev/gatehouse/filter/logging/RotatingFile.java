package dev.gatehouse.filter.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Appends lines, UTF-8 with {@code \n}, to {@link AuditFileSettings#file()}, and rotates before a line would take the
 * file past {@link AuditFileSettings#maxBytes()}: {@code audit.log} becomes {@code audit.log.1}, {@code .1} becomes
 * {@code .2}, and so on; the oldest beyond {@link AuditFileSettings#maxFiles()} is deleted. An existing file is
 * appended to, its size counted; when its last line was cut off (the JVM died mid-write), a {@code \n} ends it first,
 * so the cut line never swallows the next one. Used by the audit {@code file} sink and the AI gateway's usage file.
 * <p>
 * Flushing: the lines of a {@link #writeBatch batch} are handed to the operating system with one unbuffered write
 * for all those that go into the same file (a batch that would take the file past {@code maxBytes} is split where a
 * line-by-line writer would rotate, so files begin and end at the same lines and no line is split across two), a
 * single line ({@link #write}) with one write of its own, before the call returns; nothing handed over is lost when
 * the JVM dies. There is no {@code fsync}, so a power failure can lose the last lines.
 * <p>
 * Failures: an {@link IOException} (directory not creatable, disk full, rotation refused) is thrown by {@link #write},
 * and reported by {@link #writeBatch} for every line of the failed write (some may have reached the file, as a line
 * cut off by a crash does; the next line starts on a line of its own), or for the one line whose opening or rotation
 * failed; the file is closed, and the next write opens it again, so one failure never stops later lines. Not
 * thread-safe: an {@link AsyncWriter} calls it from its one writer thread.
 */
public final class RotatingFile implements QueueSink<String> {

    /** {@link #name()}. */
    public static final String NAME = "file";

    /** Above this a batch's buffer is let go once written rather than kept for the next batch. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private final AuditFileSettings settings;
    private OutputStream out;
    private long size;
    /** The current batch: its lines in UTF-8, each with its {@code \n}, one after another; line i ends at ends[i]. */
    private byte[] encoded = new byte[0];
    private int[] ends = new int[0];
    private int lineCount;

    public RotatingFile(AuditFileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Appends {@code line} and a {@code \n} with one write; {@code line} must not hold a line break itself. */
    @Override
    public void write(String line) throws IOException {
        encode(List.of(String.valueOf(line)));
        try {
            append(0, openFor(0));
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        } finally {
            release();
        }
    }

    /**
     * Appends {@code lines}, each with a {@code \n}, with one write per file they go into; none may hold a line break
     * itself. Failures are reported per line (see the class comment), and the lines after a failure still written.
     */
    @Override
    public void writeBatch(List<? extends String> lines, Failures failures) {
        encode(lines);
        try {
            int from = 0;
            while (from < lines.size()) {
                int end = from + 1;
                try {
                    end = openFor(from);
                    append(from, end);
                } catch (IOException | RuntimeException e) {
                    closeQuietly();
                    failures.count(end - from, e);
                }
                from = end;
            }
        } finally {
            release();
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }

    /**
     * The active file and its rotated copies, oldest first: {@code file.(maxFiles-1)} ... {@code file.1},
     * {@code file}. Some may not exist.
     */
    public static List<Path> oldestFirst(AuditFileSettings settings) {
        List<Path> files = new ArrayList<>();
        for (int i = settings.maxFiles() - 1; i >= 1; i--) {
            files.add(numbered(settings, i));
        }
        files.add(settings.file());
        return files;
    }

    private void encode(List<? extends String> lines) {
        if (ends.length < lines.size()) {
            ends = new int[Math.max(lines.size(), 2 * ends.length)];
        }
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = String.valueOf(lines.get(i)).getBytes(StandardCharsets.UTF_8);
            if (encoded.length < at + line.length + 1) {
                encoded = Arrays.copyOf(encoded, Math.max(at + line.length + 1, 2 * encoded.length));
            }
            System.arraycopy(line, 0, encoded, at, line.length);
            at += line.length;
            encoded[at++] = '\n';
            ends[i] = at;
        }
        lineCount = lines.size();
    }

    private void release() {
        if (encoded.length > KEPT_BUFFER_BYTES) {
            encoded = new byte[0];
        }
    }

    private int start(int line) {
        return line == 0 ? 0 : ends[line - 1];
    }

    private long bytes(int line) {
        return ends[line] - start(line);
    }

    /**
     * Opens the file, first rotating when line {@code from} would take it past {@code maxBytes} (as a line-by-line
     * writer would); returns the end of the lines from there that go into it without rotating again (at least one).
     */
    private int openFor(int from) throws IOException {
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes(from) > settings.maxBytes()) {
            closeFile();
            rotate();
            open();
        }
        long projected = size + bytes(from);
        int end = from + 1;
        while (end < lineCount && projected + bytes(end) <= settings.maxBytes()) {
            projected += bytes(end);
            end++;
        }
        return end;
    }

    /** Lines {@code from} to {@code end - 1} with one write. */
    private void append(int from, int end) throws IOException {
        int start = start(from);
        out.write(encoded, start, ends[end - 1] - start);
        size += ends[end - 1] - start;
    }

    private void open() throws IOException {
        Path file = settings.file();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean cutLine = endsWithCutLine(file);
        createOwnerOnly(file);
        out = new FileOutputStream(file.toFile(), true);
        if (cutLine) {
            out.write('\n');
        }
        size = Files.size(file);
    }

    /**
     * Creates a missing file readable and writable by the server's user only: its lines say who called what and when.
     * Rotation moves the file, so the copies keep that mode. An existing file keeps the mode it has.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the directory's access control applies
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created meanwhile by another writer: keeps its mode
        }
    }

    private static boolean endsWithCutLine(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        }
    }

    /** Shifts {@code file.(n-1)} to {@code file.n}, deleting the last, then {@code file} to {@code file.1}. */
    private void rotate() throws IOException {
        int keep = settings.maxFiles() - 1;
        if (keep == 0) {
            Files.deleteIfExists(settings.file());
            return;
        }
        Files.deleteIfExists(numbered(settings, keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(settings, i))) {
                Files.move(numbered(settings, i), numbered(settings, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(settings.file(), numbered(settings, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path numbered(AuditFileSettings settings, int index) {
        return settings.file().resolveSibling(settings.file().getFileName() + "." + index);
    }

    private void closeFile() throws IOException {
        OutputStream open = out;
        out = null;
        size = 0;
        if (open != null) {
            open.close();
        }
    }

    private void closeQuietly() {
        try {
            closeFile();
        } catch (IOException ignored) {
            // the write already failed; that failure is the one reported
        }
    }
}
