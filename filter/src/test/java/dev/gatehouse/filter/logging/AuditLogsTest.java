package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(JulAuditSink.LOGGER_NAME) // captures that JUL logger
class AuditLogsTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void startWhenDisabledThenNone() {
        AuditSettings disabled = new AuditSettings(false, "jul", 16, FullQueuePolicy.DROP, Duration.ZERO, null);

        assertSame(AuditLog.NONE, AuditLogs.start(disabled, loader));
    }

    @Test
    void startWhenEnabledThenAsyncLogWritingJsonLinesToJulLogger() {
        AuditEvent event = AuditEvents.publicRequest("r-1");
        try (CapturingHandler captured = CapturingHandler.on(JulAuditSink.LOGGER_NAME)) {
            AuditLog log = AuditLogs.start(AuditSettings.DEFAULTS, loader);

            log.record(event);
            log.close();

            assertInstanceOf(AsyncAuditLog.class, log);
            assertEquals(List.of(AuditJson.format(event)), captured.lines);
        }
    }

    @Test
    void startWhenSinkUnknownThenThrowsBeforeStartingAnything() {
        AuditSettings unknown = new AuditSettings(true, "nope", 16, FullQueuePolicy.DROP, Duration.ZERO, null);

        assertThrows(IllegalArgumentException.class, () -> AuditLogs.start(unknown, loader));
    }
}
