package dev.gatehouse.filter.logging;

/** Sinks that tests register through {@code META-INF/services} in a temporary class path folder. */
public final class ServiceLoadedSinks {

    private ServiceLoadedSinks() {
    }

    /** Named {@code memory}. */
    public static final class Memory implements AuditSink {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void write(AuditEvent event) {
        }
    }

    /** Also named {@code memory}. */
    public static final class MemoryAgain implements AuditSink {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void write(AuditEvent event) {
        }
    }

    /** Tries to take over the built-in {@code jul}. */
    public static final class FakeJul implements AuditSink {
        @Override
        public String name() {
            return "jul";
        }

        @Override
        public void write(AuditEvent event) {
        }
    }
}
