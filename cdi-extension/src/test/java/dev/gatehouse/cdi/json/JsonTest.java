package dev.gatehouse.cdi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void providerWhenCalledTwiceThenTheSameInstance() {
        assertSame(Json.provider(), Json.provider());
    }

    @Test
    void factoriesWhenUsedThenBehaveAsJakartaJson() {
        JsonObject built = Json.createObjectBuilder().add("a", Json.createArrayBuilder().add(1).add("x"))
                .add("b", Json.createValue("y")).build();
        try (JsonReader reader = Json.createReader(new StringReader(built.toString()))) {
            assertEquals(built, reader.readObject());
        }
        assertEquals(jakarta.json.Json.createObjectBuilder(built).add("c", 2).build(),
                Json.createObjectBuilder(built).add("c", 2).build());
    }

    /** {@code jakarta.json.Json} looks its provider up on every call; one import of it brings that back. */
    @Test
    void mainSourcesWhenScannedThenNoneUsesJakartaJsonFactories() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String source = Files.readString(f);
                    return source.contains("import jakarta.json.Json;") || source.contains("jakarta.json.Json.");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
