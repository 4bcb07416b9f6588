package dev.gatehouse.filter.keys;

/** Keys loaded once at deployment from a file, the classpath or an inline value. */
public record StaticKeySource(KeySet keys) implements KeySource {
}
