package dev.gatehouse.filter.token;

/**
 * Strict base64url (RFC 7515 §2, RFC 4648 §5): only the URL-safe alphabet, no padding, no whitespace, and the unused
 * bits of the last character zero, so that every value has exactly one encoding. jose4j's decoder is more lenient;
 * Gatehouse checks every segment with this before handing the token on.
 */
final class Base64Url {

    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * Whether {@code ascii[from..to)} is canonical unpadded base64url (the empty range is). {@code ascii} is the
     * compact token as ISO-8859-1 bytes; characters outside that set became {@code '?'}, which is refused.
     */
    static boolean isCanonical(byte[] ascii, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = VALUES[ascii[i] & 0xFF];
            if (last < 0) {
                return false;
            }
        }
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }

    /** Number of bytes {@code length} canonical characters decode to. */
    static int decodedLength(int length) {
        return length / 4 * 3 + Math.max(0, length % 4 - 1);
    }
}
