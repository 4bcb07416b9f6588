package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A provider's body as it arrives, in parts: a read never crosses from one part into the next, and
 * {@link #available()} is what is left of the current part, as with the JDK's response stream. After the last part
 * it ends, or (when {@link #waitingAfterLast}) a read fails, since it would wait for the provider.
 */
final class Arrivals extends InputStream {

    private final Deque<byte[]> parts = new ArrayDeque<>();
    private final boolean failWhenDrained;
    private byte[] current = new byte[0];
    private int position;

    private Arrivals(boolean failWhenDrained, byte[]... parts) {
        this.failWhenDrained = failWhenDrained;
        for (byte[] part : parts) {
            this.parts.add(part);
        }
    }

    /** Ends after the last part. */
    static Arrivals of(String... texts) {
        return new Arrivals(false, utf8(texts));
    }

    /** Ends after the last part. */
    static Arrivals ofBytes(byte[]... parts) {
        return new Arrivals(false, parts);
    }

    /** A read after the last part fails: the test proves nothing waits for more. */
    static Arrivals waitingAfterLast(String... texts) {
        return new Arrivals(true, utf8(texts));
    }

    private static byte[][] utf8(String... texts) {
        byte[][] parts = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            parts[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return parts;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (position == current.length) {
            if (parts.isEmpty()) {
                if (failWhenDrained) {
                    throw new IOException("this read would wait for the provider");
                }
                return -1;
            }
            current = parts.poll();
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }
}
