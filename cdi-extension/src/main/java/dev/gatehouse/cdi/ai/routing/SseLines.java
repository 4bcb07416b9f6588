package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import dev.gatehouse.cdi.ai.provider.ProviderException;

/**
 * The lines of a provider's event stream (UTF-8), scanned in a buffer of decoded characters rather than read one
 * character at a time through a synchronized {@code BufferedReader}. A line ends at LF, CR or CRLF; a CR ends it at
 * once, and an LF right after it is skipped when it comes, so a read never waits for it. A line longer than
 * {@code maxChars} is refused, so a hostile upstream cannot make the gateway buffer without bound. One reading thread.
 */
final class SseLines {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLf;

    SseLines(InputStream body, int maxChars) {
        this.in = new InputStreamReader(body, StandardCharsets.UTF_8);
        this.maxChars = maxChars;
    }

    /**
     * The next line, without its terminator, or {@code null} at the end of the stream.
     *
     * @throws ProviderException the line is longer than {@code maxChars}
     */
    String next() throws IOException, ProviderException {
        StringBuilder longer = null;
        while (true) {
            if (position == limit && !fill()) {
                return longer == null || longer.length() == 0 ? null : longer.toString();
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            for (int i = start; i < limit; i++) {
                char c = buffer[i];
                if (c == '\n' || c == '\r') {
                    checkLength(longer, i - start);
                    String line = longer == null ? new String(buffer, start, i - start)
                            : longer.append(buffer, start, i - start).toString();
                    position = i + 1;
                    skipLf = c == '\r';
                    return line;
                }
            }
            checkLength(longer, limit - start);
            if (longer == null) {
                longer = new StringBuilder(Math.max(16, 2 * (limit - start)));
            }
            longer.append(buffer, start, limit - start);
            position = limit;
        }
    }

    /** Whether a line (or part of one) can be read without waiting for the provider. */
    boolean ready() throws IOException {
        if (skipLf && position < limit) { // the LF of a CRLF is no line to wait for
            skipLf = false;
            if (buffer[position] == '\n') {
                position++;
            }
        }
        return position < limit || in.ready();
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void checkLength(StringBuilder before, int more) throws ProviderException {
        if ((before == null ? 0 : before.length()) + more > maxChars) {
            throw new ProviderException("stream line longer than " + maxChars + " characters");
        }
    }
}
