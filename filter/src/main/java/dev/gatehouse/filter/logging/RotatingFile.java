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
import java.util.List;
import java.util.Objects;

/**
 * Appends lines, UTF-8 with {@code \n}, to {@link AuditFileSettings#file()}, and rotates before a line would take the
 * file past {@link AuditFileSettings#maxBytes()}: {@code audit.log} becomes {@code audit.log.1}, {@code .1} becomes
 * {@code .2}, and so on; the oldest beyond {@link AuditFileSettings#maxFiles()} is deleted. An existing file is
 * appended to, its size counted; when its last line was cut off (the JVM died mid-write), a {@code \n} ends it first,
 * so the cut line never swallows the next one. Used by the audit {@code file} sink and the AI gateway's usage file.
 * <p>
 * Flushing: each line is handed to the operating system with a single unbuffered write before {@link #write} returns,
 * so nothing is lost when the JVM dies; there is no {@code fsync}, so a power failure can lose the last lines.
 * <p>
 * Failures: an {@link IOException} (directory not creatable, disk full, rotation refused) is thrown for that line, and
 * the file is closed; the next line opens it again, so one failure never stops later lines. Not thread-safe: an
 * {@link AsyncWriter} calls it from its one writer thread.
 */
public final class RotatingFile implements QueueSink<String> {

    /** {@link #name()}. */
    public static final String NAME = "file";

    private final AuditFileSettings settings;
    private OutputStream out;
    private long size;

    public RotatingFile(AuditFileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Appends {@code line} and a {@code \n}; {@code line} must not hold a line break itself. */
    @Override
    public void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > settings.maxBytes()) {
                closeFile();
                rotate();
                open();
            }
            out.write(bytes);
            size += bytes.length;
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
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
