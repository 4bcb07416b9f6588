package dev.gatehouse.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The log files of the server under test ({@code -Dit.server.logs}, a folder): remembers how long each file was, so
 * that only what the server wrote afterwards is searched.
 */
public final class ServerLog {

    private final Path folder;
    private final Map<Path, Long> lengths;

    private ServerLog(Path folder, Map<Path, Long> lengths) {
        this.folder = folder;
        this.lengths = lengths;
    }

    /** Marks the current end of every log file. */
    public static ServerLog mark() {
        Path folder = Path.of(System.getProperty("it.server.logs", "target/server-logs"));
        Map<Path, Long> lengths = new HashMap<>();
        for (Path file : files(folder)) {
            lengths.put(file, file.toFile().length());
        }
        return new ServerLog(folder, lengths);
    }

    /**
     * Waits up to {@code timeout} (servers write their logs asynchronously) for a line containing {@code text} written
     * after {@link #mark()}; returns that line, or null.
     */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : newText().split("\\R")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** Everything written since {@link #mark()}, all files. */
    public String newText() {
        StringBuilder text = new StringBuilder();
        for (Path file : files(folder)) {
            long from = lengths.getOrDefault(file, 0L);
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                if (in.length() > from) {
                    byte[] bytes = new byte[(int) (in.length() - from)];
                    in.seek(from);
                    in.readFully(bytes);
                    text.append(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
