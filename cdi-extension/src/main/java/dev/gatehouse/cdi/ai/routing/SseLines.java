package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.gatehouse.cdi.ai.provider.ProviderException;

/**
 * The lines of a provider's event stream (UTF-8), scanned for their terminators in the body's bytes and decoded a
 * whole line at a time: CR and LF never occur inside a UTF-8 sequence, so no decoder has to sit between the body and
 * the scan (and a character split across reads is decoded whole). A line ends at LF, CR or CRLF; a CR ends it at once,
 * and an LF right after it is skipped when it comes, so a read never waits for it. A line longer than {@code maxBytes}
 * is refused, so a hostile upstream cannot make the gateway buffer without bound. Malformed UTF-8 becomes U+FFFD. One
 * reading thread.
 */
final class SseLines {

    private static final int BUFFER_BYTES = 8192;

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean skipLf;
    /** The start of a line longer than what was left of the buffer, while its end is read. */
    private byte[] longer = new byte[0];
    private int longerLength;

    SseLines(InputStream body, int maxBytes) {
        this.in = body;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line, without its terminator, or {@code null} at the end of the stream.
     *
     * @throws ProviderException the line is longer than {@code maxBytes}
     */
    String next() throws IOException, ProviderException {
        longerLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                return longerLength == 0 ? null : decode(longer, 0, longerLength);
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
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    checkLength(i - start);
                    String line;
                    if (longerLength == 0) {
                        line = decode(buffer, start, i - start);
                    } else {
                        keep(start, i - start);
                        line = decode(longer, 0, longerLength);
                    }
                    position = i + 1;
                    skipLf = b == '\r';
                    return line;
                }
            }
            checkLength(limit - start);
            keep(start, limit - start);
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
        return position < limit || in.available() > 0;
    }

    /**
     * Reads and drops the rest of the body, up to its end or {@code maxBytes}, whichever comes first.
     *
     * @return whether the end was reached
     */
    boolean skipToEnd(int maxBytes) throws IOException {
        int skipped = limit - position;
        position = limit;
        while (skipped <= maxBytes) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                return true;
            }
            skipped += read;
        }
        return false;
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

    /** Appends {@code buffer[start, start + length)} to the start of the line kept so far. */
    private void keep(int start, int length) {
        if (longerLength + length > longer.length) {
            longer = Arrays.copyOf(longer, Math.max(2 * longer.length, Math.max(BUFFER_BYTES, longerLength + length)));
        }
        System.arraycopy(buffer, start, longer, longerLength, length);
        longerLength += length;
    }

    private void checkLength(int more) throws ProviderException {
        if (longerLength + more > maxBytes) {
            throw new ProviderException("stream line longer than " + maxBytes + " bytes");
        }
    }

    private static String decode(byte[] bytes, int start, int length) {
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }
}
