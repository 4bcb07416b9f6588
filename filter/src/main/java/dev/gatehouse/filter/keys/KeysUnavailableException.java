package dev.gatehouse.filter.keys;

/**
 * Gatehouse cannot get keys right now (remote key set unreachable or unusable). This is "we are broken", not "the
 * token is bad": it maps to 503 without an {@code error} attribute. The message never contains key material.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message) {
        super(message);
    }
}
