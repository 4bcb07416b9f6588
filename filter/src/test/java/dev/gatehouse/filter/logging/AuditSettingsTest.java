package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AuditSettingsTest {

    private static final Duration MS_50 = Duration.ofMillis(50);

    private static String rejection(Executable construction) {
        return assertThrows(IllegalArgumentException.class, construction).getMessage();
    }

    @Test
    void defaultsAreEnabledJulSinkCapacity8192BlockingAtMost50Milliseconds() {
        AuditSettings defaults = AuditSettings.DEFAULTS;

        assertTrue(defaults.enabled());
        assertEquals("jul", defaults.sink());
        assertEquals(8192, defaults.queueCapacity());
        assertEquals(FullQueuePolicy.BLOCK, defaults.policy());
        assertEquals(MS_50, defaults.blockTimeout());
        assertNull(defaults.file());
    }

    @Test
    void constructorWhenSinkMissingOrBlankThenNamesSink() {
        assertEquals("sink is required, was null",
                rejection(() -> new AuditSettings(true, null, 1, FullQueuePolicy.DROP, MS_50, null)));
        assertEquals("sink is required, was ' '",
                rejection(() -> new AuditSettings(true, " ", 1, FullQueuePolicy.DROP, MS_50, null)));
    }

    @Test
    void constructorStripsBlanksAroundSinkName() {
        assertEquals("jul", new AuditSettings(true, " jul\t", 1, FullQueuePolicy.DROP, MS_50, null).sink());
    }

    @Test
    void constructorWhenQueueCapacityOutOfRangeThenNamesQueueCapacity() {
        assertEquals("queueCapacity must be between 1 and 1048576, was 0",
                rejection(() -> new AuditSettings(true, "jul", 0, FullQueuePolicy.DROP, MS_50, null)));
        assertEquals("queueCapacity must be between 1 and 1048576, was 1048577",
                rejection(() -> new AuditSettings(true, "jul", (1 << 20) + 1, FullQueuePolicy.DROP, MS_50, null)));
    }

    @Test
    void constructorWhenPolicyMissingThenNamesPolicy() {
        assertEquals("policy is required (DROP or BLOCK)",
                rejection(() -> new AuditSettings(true, "jul", 1, null, MS_50, null)));
    }

    @Test
    void constructorWhenBlockTimeoutMissingNegativeOrTooLongThenNamesBlockTimeout() {
        for (Duration timeout : new Duration[] {null, Duration.ofMillis(-1), Duration.ofSeconds(10).plusNanos(1)}) {
            assertEquals("blockTimeout must be between 0 and PT10S, was " + timeout,
                    rejection(() -> new AuditSettings(true, "jul", 1, FullQueuePolicy.BLOCK, timeout, null)));
        }
        assertEquals(Duration.ZERO, new AuditSettings(true, "jul", 1, FullQueuePolicy.BLOCK, Duration.ZERO, null)
                .blockTimeout());
    }

    @Test
    void constructorWhenSinkIsFileWithoutFileSettingsThenNamesFile() {
        assertEquals("file is required when sink is 'file'",
                rejection(() -> new AuditSettings(true, "file", 1, FullQueuePolicy.DROP, MS_50, null)));
        AuditFileSettings file = AuditFileSettings.of(Path.of("audit.log"));
        assertEquals(file, new AuditSettings(true, "file", 1, FullQueuePolicy.DROP, MS_50, file).file());
    }
}
