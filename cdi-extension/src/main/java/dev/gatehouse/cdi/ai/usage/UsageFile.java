package dev.gatehouse.cdi.ai.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.filter.logging.AsyncWriter;
import dev.gatehouse.filter.logging.AuditFileSettings;
import dev.gatehouse.filter.logging.QueueSettings;
import dev.gatehouse.filter.logging.RotatingFile;

/**
 * The usage file: every {@link UsageRecord} appended as one {@link UsageLine} to a {@link RotatingFile} by one
 * background thread, {@code gatehouse-usage} (an {@link AsyncWriter} with {@link QueueSettings#DEFAULTS}: a call
 * waits at most 50 ms for room, a dropped record is counted and reported; records are written in batches, up to
 * {@link AsyncWriter#LINGER} late), and read back at startup so that usage totals and budgets survive a restart. Close
 * it when the application stops: queued records are written first.
 */
public final class UsageFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UsageFile.class.getName());

    private final AsyncWriter<UsageRecord> writer;
    private final UsageLedger ledger;

    private UsageFile(AuditFileSettings files) {
        this.writer = new AsyncWriter<>(new RotatingFile(files).formatting(UsageLine::format), QueueSettings.DEFAULTS,
                AsyncWriter.Reports.of("Usage", "records", LOG));
        this.ledger = new UsageLedger(writer::record);
    }

    /**
     * Checks that the files can be read and their directory written (creating it when missing), reads back the
     * records of the last {@link UsageStoreSettings#replayWindow()} into the {@link #ledger()} and those of the
     * budget windows still open into {@code budgets}, then starts writing. Lines it cannot read are skipped with one
     * WARNING naming the files and counts.
     *
     * @throws IOException when a file cannot be read or the directory not written; the message names the path
     *     (nothing is started then)
     */
    public static UsageFile open(AuditFileSettings files, Duration replayWindow, Budgets budgets, Clock clock)
            throws IOException {
        List<Path> oldestFirst = RotatingFile.oldestFirst(files);
        check(files.file(), oldestFirst);
        Instant now = clock.instant();
        Instant totalsSince = now.minus(replayWindow);
        Instant budgetsSince = now.minus(budgets.longestCostPeriod().plusMinutes(1));
        Instant since = totalsSince.isBefore(budgetsSince) ? totalsSince : budgetsSince;
        UsageFile usage = new UsageFile(files);
        try {
            UsageReplay replay = read(oldestFirst, since, record -> {
                if (!record.timestamp().isBefore(totalsSince)) {
                    usage.ledger.restore(record);
                }
                budgets.restore(record.budgets(), record.budgetTokens(), record.cost());
            });
            if (replay.skippedLines() > 0) {
                LOG.warning("Gatehouse usage file " + files.file() + ": skipped " + replay.skippedLines()
                        + " lines that are cut off, corrupt or of a newer format (" + replay.skippedByFile() + ")");
            }
            warnIfRotatedAwayTooSoon(files, oldestFirst.get(0), replay, now.minus(budgets.longestCostPeriod()));
            LOG.info(() -> "Gatehouse usage file " + files.file() + ": " + replay.replayed() + " records since "
                    + since + " read back in " + Duration.between(now, clock.instant()).toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            usage.close();
            throw e;
        }
        return usage;
    }

    /**
     * Warns when rotation deleted files that may have held calls of a cost period still open: the oldest file kept
     * (present only once rotation has begun to delete) starts inside the period.
     */
    private static void warnIfRotatedAwayTooSoon(AuditFileSettings files, Path oldest, UsageReplay replay,
            Instant periodStart) {
        Optional<Instant> keptSince = replay.firstRecordOf(oldest);
        if (files.maxFiles() > 1 && keptSince.isPresent() && keptSince.get().isAfter(periodStart)) {
            LOG.warning("Gatehouse usage file " + files.file() + ": the files kept begin at " + keptSince.get()
                    + ", inside the longest budget cost period; calls made before may have been rotated away and"
                    + " no longer count against budgets. Keep more or larger usage files (max-files, max-size).");
        }
    }

    private static UsageReplay read(List<Path> oldestFirst, Instant since, Consumer<UsageRecord> into)
            throws IOException {
        try {
            return UsageReplay.run(oldestFirst, since, into);
        } catch (IOException e) {
            throw new IOException("cannot read the usage files (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    private static void check(Path file, List<Path> oldestFirst) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create the directory " + directory + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("the directory " + directory + " cannot be written");
        }
        for (Path each : oldestFirst) {
            if (Files.exists(each) && (!Files.isRegularFile(each) || !Files.isReadable(each))) {
                throw new IOException(each + " is not a readable file");
            }
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IOException(file + " cannot be written");
        }
    }

    /** The ledger whose records this file keeps: totals read back at startup, every new record appended. */
    public UsageLedger ledger() {
        return ledger;
    }

    /** Writes what is queued (waiting a few seconds at most), then closes the file. */
    @Override
    public void close() {
        writer.close();
    }
}
