package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.time.Duration;

/** A provider's stream sent nothing for longer than its limit; the watchdog closed it (the call is cancelled). */
final class StreamStalledException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param cause how the closed body failed the waiting read, or {@code null} */
    StreamStalledException(Duration limit, Throwable cause) {
        super("no byte from the provider for " + limit, cause);
    }
}
