package dev.gatehouse.cdi.ai.provider;

/**
 * One Server-Sent Event as dispatched by {@link SseParser} (WHATWG HTML §9.2.6).
 *
 * @param event the {@code event:} field, {@code "message"} when the event had none
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id the last {@code id:} seen, or {@code null}
 */
public record SseEvent(String event, String data, String id) {
}
