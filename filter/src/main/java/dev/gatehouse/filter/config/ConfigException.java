package dev.gatehouse.filter.config;

/**
 * A configuration problem found at deployment. The message always starts with the property name, so the server log
 * says exactly what to fix; it never contains a key or a secret value.
 */
public class ConfigException extends RuntimeException {

    private final String property;

    public ConfigException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    /** The property to fix. */
    public String property() {
        return property;
    }
}
