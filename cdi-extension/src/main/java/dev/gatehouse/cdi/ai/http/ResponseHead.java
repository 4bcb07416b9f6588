package dev.gatehouse.cdi.ai.http;

import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status line and header fields of an HTTP/1.1 response, and what they say about its body's framing (RFC 9112
 * section 6.3): chunked, a {@code Content-Length}, none (1xx, 204, 304), or up to the connection's end. Parsed
 * strictly: a malformed line, a folded header, a {@code Content-Length} that is not one number, or a transfer coding
 * other than a final {@code chunked} is refused or read to the connection's end, never guessed at.
 */
record ResponseHead(int status, HttpHeaders headers, Framing framing, long contentLength,
        boolean keepAlive) {

    /** How the body is delimited. */
    enum Framing {
        NONE, LENGTH, CHUNKED, UNTIL_CLOSE
    }

    /** The response may leave the connection open for another request (the body must still be read to its end). */
    boolean reusable() {
        return keepAlive && framing != Framing.UNTIL_CLOSE;
    }

    /**
     * @param statusLine the first line, without its line end
     * @param fields the header lines that follow, up to the blank line
     * @throws ProtocolException anything but a well-formed HTTP/1.x response head
     */
    static ResponseHead parse(String statusLine, List<String> fields) throws ProtocolException {
        boolean http11;
        if (statusLine.startsWith("HTTP/1.1 ")) {
            http11 = true;
        } else if (statusLine.startsWith("HTTP/1.0 ")) {
            http11 = false;
        } else {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int status = status(statusLine);
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon <= 0 || !token(field, colon)) {
                throw new ProtocolException("a malformed header field"); // includes obsolete line folding
            }
            map.computeIfAbsent(field.substring(0, colon), name -> new ArrayList<>())
                    .add(field.substring(colon + 1).strip());
        }
        HttpHeaders headers = HttpHeaders.of(map, (name, value) -> true);
        boolean keepAlive = http11 ? !hasToken(headers, "connection", "close")
                : hasToken(headers, "connection", "keep-alive");
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new ResponseHead(status, headers, Framing.NONE, 0, keepAlive);
        }
        List<String> codings = headers.allValues("transfer-encoding");
        if (!codings.isEmpty()) {
            // with a Content-Length beside it, the message may be a smuggling attempt: read it, never reuse the
            // connection (RFC 9112 section 6.3)
            boolean lengthToo = headers.firstValue("content-length").isPresent();
            return lastCodingChunked(codings)
                    ? new ResponseHead(status, headers, Framing.CHUNKED, -1, keepAlive && !lengthToo)
                    : new ResponseHead(status, headers, Framing.UNTIL_CLOSE, -1, false);
        }
        List<String> lengths = headers.allValues("content-length");
        if (lengths.isEmpty()) {
            return new ResponseHead(status, headers, Framing.UNTIL_CLOSE, -1, false);
        }
        return new ResponseHead(status, headers, Framing.LENGTH, contentLength(lengths), keepAlive);
    }

    private static int status(String statusLine) throws ProtocolException {
        // "HTTP/1.1 200 OK" or "HTTP/1.1 200" (the reason phrase may be empty)
        if (statusLine.length() < 12 || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new ProtocolException("a malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("a malformed status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new ProtocolException("a malformed status code");
        }
        return status;
    }

    /** Whether {@code field}'s name (up to {@code end}) is an RFC 9110 token. */
    private static boolean token(String field, int end) {
        for (int i = 0; i < end; i++) {
            char c = field.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasToken(HttpHeaders headers, String name, String token) {
        for (String value : headers.allValues(name)) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean lastCodingChunked(List<String> codings) {
        String last = "";
        for (String value : codings) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    last = part.strip().toLowerCase(Locale.ROOT);
                }
            }
        }
        return last.equals("chunked");
    }

    /** One length, or the same length repeated (RFC 9110 section 8.6); anything else is refused. */
    private static long contentLength(List<String> lengths) throws ProtocolException {
        long length = -1;
        for (String value : lengths) {
            for (String part : value.split(",")) {
                long one = digits(part.strip());
                if (length != -1 && one != length) {
                    throw new ProtocolException("differing Content-Length values");
                }
                length = one;
            }
        }
        return length;
    }

    private static long digits(String value) throws ProtocolException {
        if (value.isEmpty() || value.length() > 18) {
            throw new ProtocolException("a malformed Content-Length");
        }
        long number = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("a malformed Content-Length");
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
