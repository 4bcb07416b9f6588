package dev.gatehouse.filter.tool;

/**
 * A command line that cannot be carried out: an unknown or missing option, a bad value, or a file that cannot be read
 * or written. The message starts with the option it is about; {@link GatehouseCli} prints it and exits with
 * {@link GatehouseCli#USAGE_ERROR}. Messages never contain key material or tokens.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
