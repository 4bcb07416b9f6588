package dev.gatehouse.cdi.ai.usage;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import dev.gatehouse.cdi.json.Json;

/**
 * A {@link UsageRecord} as one line of the usage file: its {@link UsageRecord#toJson() JSON} with the format version
 * first, {@code {"v":1,"timestamp":...}}. One line per record: the JSON writer escapes line breaks inside values.
 */
final class UsageLine {

    /** The format written; a line of a higher version is not read (its fields may mean something else). */
    static final int VERSION = 1;

    private UsageLine() {
    }

    static String format(UsageRecord record) {
        return record.toJson(Json.createObjectBuilder().add("v", VERSION)).build().toString();
    }

    /**
     * The record on {@code line}, or empty when it is not one this version reads: not a JSON object (cut off by a
     * crash, corrupt), no or a newer {@code v}, a field missing or of the wrong type. Unknown fields are ignored.
     */
    static Optional<UsageRecord> parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonObject json = reader.readObject();
            if (!(json.get("v") instanceof JsonNumber version) || version.intValueExact() != VERSION) {
                return Optional.empty();
            }
            return Optional.of(UsageRecord.fromJson(json));
        } catch (JsonException | IllegalStateException | ClassCastException | NullPointerException
                | ArithmeticException | java.time.DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
