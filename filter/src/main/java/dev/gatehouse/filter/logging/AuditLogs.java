package dev.gatehouse.filter.logging;

import java.util.logging.Logger;

/** Starts the audit log that {@link AuditSettings} describe. */
public final class AuditLogs {

    private static final Logger LOG = Logger.getLogger(AuditLogs.class.getName());

    private AuditLogs() {
    }

    /**
     * {@link AuditLog#NONE} when audit is disabled, else an {@link AsyncAuditLog}, its writer thread started, over the
     * sink {@link AuditSinks#create} finds with {@code loader}. The caller closes it when the application stops.
     *
     * @throws IllegalArgumentException when the sink is unknown (nothing is started then)
     */
    public static AuditLog start(AuditSettings settings, ClassLoader loader) {
        if (!settings.enabled()) {
            LOG.info("Gatehouse audit is disabled");
            return AuditLog.NONE;
        }
        AuditSink sink = AuditSinks.create(settings, loader);
        LOG.info(() -> "Gatehouse audit: sink '" + sink.name() + "'"
                + (sink instanceof RotatingFileAuditSink ? " writing " + settings.file().file() : "")
                + ", queue capacity " + settings.queueCapacity()
                + ", when full " + settings.policy()
                + (settings.policy() == FullQueuePolicy.BLOCK ? " up to " + settings.blockTimeout() : ""));
        return new AsyncAuditLog(sink, settings);
    }
}
