package dev.gatehouse.filter.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * The {@code file} sink: appends one {@link AuditJson} line per event, UTF-8 with {@code \n}, to
 * {@link AuditFileSettings#file()}, and rotates before a line would take the file past
 * {@link AuditFileSettings#maxBytes()}: {@code audit.log} becomes {@code audit.log.1}, {@code .1} becomes {@code .2},
 * and so on; the oldest beyond {@link AuditFileSettings#maxFiles()} is deleted. An existing file is appended to, its
 * size counted.
 * <p>
 * Flushing: each line is handed to the operating system with a single unbuffered write before {@link #write} returns,
 * so nothing is lost when the JVM dies; there is no {@code fsync}, so a power failure can lose the last lines.
 * <p>
 * Failures: an {@link IOException} (directory not creatable, disk full, rotation refused) is thrown for that event, and
 * the file is closed; the next event opens it again, so one failure never stops later events. Not thread-safe: the
 * audit log calls it from its one writer thread.
 */
public final class RotatingFileAuditSink implements AuditSink {

    /** {@link #name()}. */
    public static final String NAME = "file";

    private final AuditFileSettings settings;
    private OutputStream out;
    private long size;

    public RotatingFileAuditSink(AuditFileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(AuditEvent event) throws IOException {
        byte[] line = (AuditJson.format(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + line.length > settings.maxBytes()) {
                closeFile();
                rotate();
                open();
            }
            out.write(line);
            size += line.length;
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }

    private void open() throws IOException {
        Path file = settings.file();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new FileOutputStream(file.toFile(), true);
        size = Files.size(file);
    }

    /** Shifts {@code file.(n-1)} to {@code file.n}, deleting the last, then {@code file} to {@code file.1}. */
    private void rotate() throws IOException {
        int keep = settings.maxFiles() - 1;
        if (keep == 0) {
            Files.deleteIfExists(settings.file());
            return;
        }
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(settings.file(), numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path numbered(int index) {
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
