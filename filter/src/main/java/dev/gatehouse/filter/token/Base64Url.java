package dev.gatehouse.filter.token;

/**
 * Strict base64url (RFC 7515 §2, RFC 4648 §5): only the URL-safe alphabet, no padding, no whitespace, and the unused
 * bits of the last character zero, so that every value has exactly one encoding. jose4j's decoder is more lenient;
 * Gatehouse checks every segment of a compact serialization with {@link #split} before handing the token on.
 */
final class Base64Url {

    private static final byte INVALID = -1;
    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * Reads a compact serialization in one pass: every segment canonical base64url (the empty segment is), separated
     * by single dots. {@code ascii} is the serialization as ISO-8859-1 bytes; characters outside that set became
     * {@code '?'}, which is refused.
     *
     * @param dots receives the positions of the dots; its length is the number of dots expected
     * @return whether {@code ascii} has exactly {@code dots.length} dots and only canonical segments; when it has
     *         not, {@code dots} may be partly filled
     */
    static boolean split(byte[] ascii, int[] dots) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < ascii.length; i++) {
            if (VALUES[ascii[i] & 0xFF] < 0) {
                if (ascii[i] != '.' || count == dots.length || !canonicalEnd(ascii, start, i)) {
                    return false;
                }
                dots[count++] = i;
                start = i + 1;
            }
        }
        return count == dots.length && canonicalEnd(ascii, start, ascii.length);
    }

    /** Number of dots in {@code s}, counting at most {@code max + 1} (one more means "too many"). */
    static int countDots(String s, int max) {
        int count = 0;
        for (int i = s.indexOf('.'); i >= 0 && count <= max; i = s.indexOf('.', i + 1)) {
            count++;
        }
        return count;
    }

    /** Whether the segment {@code ascii[from..to)}, known to hold only alphabet characters, ends canonically. */
    private static boolean canonicalEnd(byte[] ascii, int from, int to) {
        return switch ((to - from) % 4) {
            case 0 -> true;
            case 2 -> (VALUES[ascii[to - 1] & 0xFF] & 0x0F) == 0;
            case 3 -> (VALUES[ascii[to - 1] & 0xFF] & 0x03) == 0;
            default -> false;
        };
    }

    /** Number of bytes {@code length} canonical characters decode to. */
    static int decodedLength(int length) {
        return length / 4 * 3 + Math.max(0, length % 4 - 1);
    }
}
