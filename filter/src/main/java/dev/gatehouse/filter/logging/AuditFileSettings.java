package dev.gatehouse.filter.logging;

import java.nio.file.Path;

/**
 * Where and how much a {@link RotatingFile} writes (the audit {@code file} sink's, the AI gateway's usage file). Disk
 * use stays near {@code maxBytes * maxFiles}.
 *
 * @param file the active file, for example {@code /var/log/app/audit.log}; rotated copies get {@code .1}, {@code .2},
 *     ... appended ({@code .1} the newest). Missing parent directories are created on the first write.
 * @param maxBytes the size a file may reach before the next line goes to a fresh one (a single line longer than this
 *     still gets a file of its own); at least 1
 * @param maxFiles how many files are kept, the active one included: {@code 1} keeps no history (the file is emptied
 *     on rotation), {@code 10} keeps {@code audit.log} and {@code audit.log.1} to {@code audit.log.9}; at least 1
 * @throws IllegalArgumentException naming the setting that is missing or out of range
 */
public record AuditFileSettings(Path file, long maxBytes, int maxFiles) {

    /** A suggested {@code maxBytes}: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** A suggested {@code maxFiles}: 10. */
    public static final int DEFAULT_MAX_FILES = 10;

    public AuditFileSettings {
        if (file == null || file.getFileName() == null) {
            throw new IllegalArgumentException("file is required and must name a file, was " + file);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1, was " + maxFiles);
        }
    }

    /** {@code file} with {@link #DEFAULT_MAX_BYTES} and {@link #DEFAULT_MAX_FILES}. */
    public static AuditFileSettings of(Path file) {
        return new AuditFileSettings(file, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES);
    }
}
