package dev.gatehouse.cdi.ai.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** WHATWG HTML §9.2.6, "Interpreting an event stream", line by line as the caller hands the lines over. */
class SseParserTest {

    private final SseParser parser = new SseParser(100);

    @Test
    void lineWhenBlankAfterDataThenDispatchesMessageEvent() throws Exception {
        assertNull(parser.line("data: {\"a\":1}"));

        assertEquals(new SseEvent("message", "{\"a\":1}", null), parser.line(""));
    }

    @Test
    void linesWhenSeveralDataLinesThenJoinedWithNewline() throws Exception {
        assertEquals(List.of(new SseEvent("message", "first\nsecond\n", null)),
                parser.lines(List.of("data: first", "data: second", "data:", "")));
    }

    @Test
    void linesWhenCommentsThenIgnored() throws Exception {
        assertEquals(List.of(new SseEvent("message", "x", null)),
                parser.lines(List.of(": keep-alive", "data: x", ":", ": OPENROUTER PROCESSING", "")));
    }

    @Test
    void linesWhenOnlyCommentsThenNoEvent() throws Exception {
        assertEquals(List.of(), parser.lines(List.of(": ping", "", ": ping", "")));
    }

    @Test
    void linesWhenEventAndIdFieldsThenCarried() throws Exception {
        assertEquals(List.of(new SseEvent("message_start", "{}", "7")),
                parser.lines(List.of("event: message_start", "id: 7", "data: {}", "")));
    }

    @Test
    void linesWhenNextEventHasNoEventFieldThenMessageAgain() throws Exception {
        assertEquals(List.of(new SseEvent("delta", "1", null), new SseEvent("message", "2", null)),
                parser.lines(List.of("event: delta", "data: 1", "", "data: 2", "")));
    }

    @Test
    void linesWhenIdSetOnceThenLastEventIdKeptForLaterEvents() throws Exception {
        assertEquals(List.of(new SseEvent("message", "1", "a"), new SseEvent("message", "2", "a"),
                new SseEvent("message", "3", "")),
                parser.lines(List.of("id: a", "data: 1", "", "data: 2", "", "id", "data: 3", "")));
    }

    @Test
    void lineWhenIdContainsNullThenIgnored() throws Exception {
        assertEquals(List.of(new SseEvent("message", "x", "ok")),
                parser.lines(List.of("id: ok", "id: b\0d", "data: x", "")));
    }

    @Test
    void lineWhenNoSpaceAfterColonThenValueAsIs() throws Exception {
        assertEquals(List.of(new SseEvent("ping", "{\"a\":1}", "3")),
                parser.lines(List.of("event:ping", "id:3", "data:{\"a\":1}", "")));
    }

    @Test
    void lineWhenTwoSpacesAfterColonThenOnlyOneRemoved() throws Exception {
        assertEquals(List.of(new SseEvent("message", " indented", null)),
                parser.lines(List.of("data:  indented", "")));
    }

    @Test
    void lineWhenValueContainsColonsThenSplitAtTheFirst() throws Exception {
        assertEquals(List.of(new SseEvent("message", "{\"url\":\"http://x\"}", null)),
                parser.lines(List.of("data: {\"url\":\"http://x\"}", "")));
    }

    @Test
    void lineWhenFieldHasNoColonThenWholeLineIsTheFieldWithEmptyValue() throws Exception {
        assertEquals(List.of(new SseEvent("message", "", null)), parser.lines(List.of("data", "")));
    }

    @Test
    void lineWhenEventWithoutDataThenNotDispatchedAndItsTypeForgotten() throws Exception {
        assertEquals(List.of(new SseEvent("message", "x", null)),
                parser.lines(List.of("event: ping", "", "data: x", "")));
    }

    @Test
    void lineWhenUnknownFieldsAndRetryThenIgnored() throws Exception {
        assertEquals(List.of(new SseEvent("message", "x", null)),
                parser.lines(List.of("retry: 3000", "Data: upper case is another field", "foo: bar", "data: x",
                        "")));
    }

    @Test
    void lineWhenCrlfAlreadyStrippedByTheCallerThenSameAsLf() throws Exception {
        List<String> fromCrlf = "data: a\r\n\r\ndata: b\r\n\r\n".lines().toList();

        assertEquals(List.of(new SseEvent("message", "a", null), new SseEvent("message", "b", null)),
                parser.lines(fromCrlf));
    }

    @Test
    void lineWhenStreamStartsWithByteOrderMarkThenMarkIgnored() throws Exception {
        assertEquals(List.of(new SseEvent("message", "x", null), new SseEvent("message", "\uFEFFy", null)),
                parser.lines(List.of("\uFEFFdata: x", "", "data: \uFEFFy", "")));
    }

    @Test
    void lineWhenNoBlankLineYetThenNothingDispatched() throws Exception {
        assertEquals(List.of(), parser.lines(List.of("data: pending")));
    }

    @Test
    void lineWhenDataExactlyAtTheBoundThenDispatched() throws Exception {
        String data = "x".repeat(100);

        assertEquals(List.of(new SseEvent("message", data, null)), parser.lines(List.of("data: " + data, "")));
    }

    @Test
    void lineWhenOneLineExceedsTheBoundThenProviderExceptionWithoutTheData() {
        ProviderException failure = assertThrows(ProviderException.class,
                () -> parser.line("data: " + "secret".repeat(20)));

        assertEquals("stream event larger than 100 characters", failure.getMessage());
    }

    @Test
    void lineWhenManyLinesExceedTheBoundTogetherThenProviderException() throws Exception {
        for (int i = 0; i < 9; i++) {
            parser.line("data: " + "y".repeat(10));
        }

        assertThrows(ProviderException.class, () -> parser.line("data: " + "y".repeat(10)));
    }

    @Test
    void lineWhenBoundIsPerEventThenManySmallEventsPass() throws Exception {
        for (int i = 0; i < 50; i++) {
            parser.line("data: " + "z".repeat(90));
            assertFalse(parser.line("").data().isEmpty());
        }
    }
}
