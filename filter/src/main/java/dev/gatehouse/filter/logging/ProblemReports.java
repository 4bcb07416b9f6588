package dev.gatehouse.filter.logging;

import java.time.Duration;
import java.util.logging.Level;

/**
 * Counts the problems of an {@link AsyncWriter}, items dropped and items its sink could not write, and reports them as
 * WARNINGs in the writer's words ({@link AsyncWriter.Reports}): each kind at most once per report interval (the
 * first at once), giving the number since the last report and the total, and what is left by
 * {@link #reportRemaining()}. Never an item; of a failure only the exception's class name, since its message may hold
 * data. Thread-safe.
 */
final class ProblemReports {

    private final AsyncWriter.Reports reports;
    private final QueueSettings settings;
    private final String sinkName;
    private final ProblemCount drops;
    private final ProblemCount failures;
    private volatile String lastFailure;

    ProblemReports(AsyncWriter.Reports reports, QueueSettings settings, String sinkName) {
        this.reports = reports;
        this.settings = settings;
        this.sinkName = sinkName;
        this.drops = new ProblemCount(reports.clock(), reports.reportInterval());
        this.failures = new ProblemCount(reports.clock(), reports.reportInterval());
    }

    /** Items dropped since start. */
    long dropped() {
        return drops.total();
    }

    /** Items the sink could not write since start. */
    long failed() {
        return failures.total();
    }

    /** One item dropped: counted, and reported when due. */
    void drop() {
        drops.add(1);
        reportDrops(drops.takeIfDue());
    }

    /** {@code items} dropped: counted, and reported by the next {@link #reportDue()} or {@link #reportRemaining()}. */
    void countDrops(long items) {
        drops.add(items);
    }

    /** The sink could not write {@code items} items because of {@code cause}: counted, and reported when due. */
    void failed(int items, Throwable cause) {
        lastFailure = cause == null ? "unknown" : cause.getClass().getName();
        failures.add(items);
        reportFailures(failures.takeIfDue());
    }

    /** Reports each kind of problem that is due. */
    void reportDue() {
        reportDrops(drops.takeIfDue());
        reportFailures(failures.takeIfDue());
    }

    /** Reports each kind of problem not yet reported, due or not. */
    void reportRemaining() {
        reportDrops(drops.takeRemaining());
        reportRemainingFailures();
    }

    /** Reports the failures not yet reported, due or not. */
    void reportRemainingFailures() {
        reportFailures(failures.takeRemaining());
    }

    /** {@code close()} stopped waiting for the sink after {@code timeout}, dropping {@code lost} queued items. */
    void gaveUp(Duration timeout, long lost) {
        warn(reports.what() + " sink '" + sinkName + "' did not finish within " + timeout + "; " + lost + " queued "
                + reports.items() + " dropped");
    }

    /** The sink threw {@code cause} on close. */
    void closeFailed(Throwable cause) {
        warn(reports.what() + " sink '" + sinkName + "' failed to close: " + cause.getClass().getName());
    }

    private void reportDrops(ProblemCount.Tally tally) {
        if (tally != null) {
            warn(reports.what() + " " + reports.items() + " dropped: " + tally.sinceLastReport()
                    + " since the last report, " + tally.total() + " in total (queue capacity "
                    + settings.queueCapacity() + ", policy " + settings.policy() + ", or recorded after close)");
        }
    }

    private void reportFailures(ProblemCount.Tally tally) {
        if (tally != null) {
            warn(reports.what() + " sink '" + sinkName + "' failed to write " + tally.sinceLastReport() + " "
                    + reports.items() + " since the last report, " + tally.total() + " in total; last failure: "
                    + lastFailure);
        }
    }

    /** Logs without parameters, so nothing in the text is taken for a placeholder; never throws into a request. */
    private void warn(String message) {
        try {
            reports.logger().log(Level.WARNING, message);
        } catch (RuntimeException e) {
            // a broken handler must not break the request that happened to report
        }
    }
}
