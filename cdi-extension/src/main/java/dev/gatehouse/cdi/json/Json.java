package dev.gatehouse.cdi.json;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

/**
 * The factory methods of {@link jakarta.json.Json} that Gatehouse uses, over one {@link JsonProvider} looked up once.
 * {@code jakarta.json.Json} looks its provider up again on every call ({@link JsonProvider#provider()}: a
 * {@link java.util.ServiceLoader} scan of the class path, a {@code META-INF/services} file read and parsed, a class
 * loaded by name and instantiated); the provider's Javadoc asks users to cache it, and the API does not
 * (jakartaee/jsonp-api issues 154 and 346). On the gateway's request path those lookups were the largest single cost,
 * larger than the token's decryption and verification. Use this class instead of {@code jakarta.json.Json}.
 *
 * <p>The provider is the one {@code JsonProvider.provider()} finds at the first call, from the thread's context class
 * loader: in a server, the application's (this class is in the application's {@code WEB-INF/lib}, so each
 * application has its own). Thread-safe.
 */
public final class Json {

    private static volatile JsonProvider provider;

    private Json() {
    }

    /** The cached provider; looked up at the first call (a failed lookup is not cached and throws again). */
    public static JsonProvider provider() {
        JsonProvider cached = provider;
        if (cached == null) {
            cached = JsonProvider.provider();
            provider = cached; // two threads racing here both store a working provider
        }
        return cached;
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return provider().createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return provider().createObjectBuilder(object);
    }

    public static JsonObjectBuilder createObjectBuilder(Map<String, ?> map) {
        return provider().createObjectBuilder(map);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return provider().createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(JsonArray array) {
        return provider().createArrayBuilder(array);
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> collection) {
        return provider().createArrayBuilder(collection);
    }

    public static JsonReader createReader(Reader reader) {
        return provider().createReader(reader);
    }

    public static JsonReader createReader(InputStream in) {
        return provider().createReader(in);
    }

    public static JsonString createValue(String value) {
        return provider().createValue(value);
    }

    public static JsonNumber createValue(int value) {
        return provider().createValue(value);
    }

    public static JsonNumber createValue(long value) {
        return provider().createValue(value);
    }

    public static JsonNumber createValue(double value) {
        return provider().createValue(value);
    }

    public static JsonNumber createValue(BigDecimal value) {
        return provider().createValue(value);
    }

    public static JsonNumber createValue(BigInteger value) {
        return provider().createValue(value);
    }
}
