package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.provider.ProviderException;

class SseLinesTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> all(SseLines lines) throws Exception {
        List<String> read = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            read.add(line);
        }
        return read;
    }

    @Test
    void nextWhenLfCrlfAndCrThenSameLinesAsEachTerminator() throws Exception {
        SseLines lines = new SseLines(new ByteArrayInputStream(utf8("a: 1\nb: 2\r\n\r\nc: 3\rd: 4\n\n")), 100);
        assertEquals(List.of("a: 1", "b: 2", "", "c: 3", "d: 4", ""), all(lines));
    }

    @Test
    void nextWhenStreamEndsWithoutTerminatorThenLastLineStillRead() throws Exception {
        assertEquals(List.of("data: x", "tail"),
                all(new SseLines(new ByteArrayInputStream(utf8("data: x\ntail")), 100)));
        assertNull(new SseLines(new ByteArrayInputStream(new byte[0]), 100).next());
    }

    @Test
    void nextWhenCrArrivesAloneThenLineReturnedWithoutWaitingForItsLf() throws Exception {
        SseLines lines = new SseLines(Arrivals.waitingAfterLast("data: x\r", "\ndata: y\r\n"), 100);
        assertEquals("data: x", lines.next(), "returned although the rest has not arrived");
        assertEquals("data: y", lines.next(), "the LF of the split CRLF is no empty line");
    }

    @Test
    void readyWhenOnlyTheLfOfACrlfIsBufferedThenNotReady() throws Exception {
        SseLines lines = new SseLines(Arrivals.waitingAfterLast("data: x\r\n"), 100);
        assertEquals("data: x", lines.next());
        assertFalse(lines.ready(), "nothing to read but the LF that completes the last line");
    }

    @Test
    void readyWhenMoreBufferedThenReady() throws Exception {
        SseLines lines = new SseLines(Arrivals.waitingAfterLast("data: x\n\ndata: y\n"), 100);
        assertEquals("data: x", lines.next());
        assertTrue(lines.ready());
    }

    @Test
    void nextWhenLineSpansReadsThenJoined() throws Exception {
        SseLines lines = new SseLines(Arrivals.of("data: {\"a\":", "\"b\"}", "\n"), 100);
        assertEquals(List.of("data: {\"a\":\"b\"}"), all(lines));
    }

    @Test
    void nextWhenMultiByteCharacterSplitAcrossReadsThenDecoded() throws Exception {
        byte[] text = utf8("data: héllo €\n");
        int split = "data: h".length() + 1; // inside the two bytes of é
        byte[] first = java.util.Arrays.copyOfRange(text, 0, split);
        byte[] second = java.util.Arrays.copyOfRange(text, split, text.length);
        assertEquals(List.of("data: héllo €"), all(new SseLines(Arrivals.ofBytes(first, second), 100)));
    }

    @Test
    void nextWhenLineHasFewerCharactersThanTheLimitButMoreBytesThenRefused() {
        // five 3-byte characters: 5 characters, 15 bytes; what is buffered is bytes
        assertThrows(ProviderException.class,
                () -> new SseLines(new ByteArrayInputStream(utf8("\u20ac".repeat(5) + "\n")), 10).next());
    }

    @Test
    void nextWhenBytesAreNotUtf8ThenReplacementCharacters() throws Exception {
        byte[] bytes = {'d', ':', ' ', (byte) 0xff, (byte) 0xc3, '\n'};
        assertEquals(List.of("d: \ufffd\ufffd"), all(new SseLines(new ByteArrayInputStream(bytes), 100)));
    }

    @Test
    void nextWhenLineIsExactlyTheLimitThenRead() throws Exception {
        assertEquals(List.of("x".repeat(10)), all(new SseLines(Arrivals.of("x".repeat(6), "x".repeat(4) + "\n"), 10)));
    }

    @Test
    void nextWhenLineLongerThanTheLimitThenRefusedWhetherInOneReadOrMany() {
        assertThrows(ProviderException.class,
                () -> new SseLines(new ByteArrayInputStream(utf8("x".repeat(11) + "\n")), 10).next());
        assertThrows(ProviderException.class, () -> new SseLines(Arrivals.of("x".repeat(6), "x".repeat(5)), 10).next());
    }

    @Test
    void nextWhenLongLinesBeyondTheBufferThenReadWhole() throws Exception {
        String big = "data: " + "y".repeat(20_000);
        assertEquals(List.of(big, "", "data: z"), all(new SseLines(
                new ByteArrayInputStream(utf8(big + "\n\ndata: z\n")), RoutedStream.MAX_EVENT_SIZE)));
    }
}
