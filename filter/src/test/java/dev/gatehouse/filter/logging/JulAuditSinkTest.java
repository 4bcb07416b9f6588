package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(JulAuditSink.LOGGER_NAME) // captures that JUL logger
class JulAuditSinkTest {

    @Test
    void nameIsJul() {
        assertEquals("jul", new JulAuditSink().name());
    }

    @Test
    void writeLogsJsonLineAtInfoOnAuditLogger() {
        AuditEvent event = AuditEvents.publicRequest("r-1");
        try (CapturingHandler captured = CapturingHandler.on(JulAuditSink.LOGGER_NAME)) {
            new JulAuditSink().write(event);

            assertEquals(List.of(AuditJson.format(event)), captured.lines);
            LogRecord record = captured.records.get(0);
            assertEquals(Level.INFO, record.getLevel());
            assertEquals("dev.gatehouse.audit", record.getLoggerName());
            assertNull(record.getParameters());
            assertNull(record.getThrown());
        }
    }

    @Test
    void writeWhenValueContainsMessageFormatPlaceholdersThenTheyComeOutVerbatim() {
        AuditEvent event = AuditEvents.withSubject("{0} {1,number} '{'x}");
        try (CapturingHandler captured = CapturingHandler.on(JulAuditSink.LOGGER_NAME)) {
            new JulAuditSink().write(event);

            assertEquals(List.of(AuditJson.format(event)), captured.lines);
            assertTrue(captured.lines.get(0).contains("\"sub\":\"{0} {1,number} '{'x}\""), captured.lines.get(0));
            String simple = new SimpleFormatter().format(captured.records.get(0));
            assertTrue(simple.contains("dev.gatehouse.audit"), simple);
            assertTrue(simple.contains(AuditJson.format(event)), simple);
        }
    }

    @Test
    void writeWhenInfoDisabledOnAuditLoggerThenPublishesNothing() {
        try (CapturingHandler captured = CapturingHandler.on(JulAuditSink.LOGGER_NAME)) {
            Logger.getLogger(JulAuditSink.LOGGER_NAME).setLevel(Level.WARNING);

            new JulAuditSink().write(AuditEvents.publicRequest("r-1"));

            assertEquals(List.of(), captured.records);
        }
    }
}
