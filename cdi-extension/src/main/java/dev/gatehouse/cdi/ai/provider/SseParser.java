package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Incremental Server-Sent Events parser (WHATWG HTML §9.2.6): feed it lines as they arrive (without their line
 * terminator) and it returns the events completed by each blank line. Comments ({@code :ping}) and unknown fields are
 * ignored, one leading space after the colon is removed, an event without data is not dispatched, a byte order mark
 * opening the stream is ignored (the JDK's UTF-8 decoder keeps it). Bounded: an event
 * whose data grows beyond {@code maxEventChars} is refused (a hostile or broken upstream cannot exhaust memory).
 */
public final class SseParser {

    private final int maxEventChars;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private String lastId;
    private boolean started;

    public SseParser(int maxEventChars) {
        this.maxEventChars = maxEventChars;
    }

    /**
     * Takes one line.
     *
     * @return the event this line completed (a blank line), else {@code null}
     * @throws ProviderException when an event's data exceeds the bound
     */
    public SseEvent line(String line) throws ProviderException {
        if (!started) {
            started = true;
            if (line.startsWith("\uFEFF")) {
                return line(line.substring(1));
            }
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.charAt(0) == ':') {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
                if (data.length() > maxEventChars) {
                    throw new ProviderException("stream event larger than " + maxEventChars + " characters");
                }
            }
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // retry and unknown fields do not concern a relay
            }
        }
        return null;
    }

    /** Feeds several lines; the events they complete, in order. */
    public List<SseEvent> lines(Iterable<String> lines) throws ProviderException {
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines) {
            SseEvent completed = line(line);
            if (completed != null) {
                events.add(completed);
            }
        }
        return events;
    }

    private SseEvent dispatch() {
        SseEvent completed = hasData ? new SseEvent(event == null || event.isEmpty() ? "message" : event,
                data.toString(), lastId) : null;
        data.setLength(0);
        hasData = false;
        event = null;
        return completed;
    }
}
