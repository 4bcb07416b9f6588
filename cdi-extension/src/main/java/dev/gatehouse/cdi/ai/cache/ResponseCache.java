package dev.gatehouse.cdi.ai.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.json.Json;

/**
 * Exact-match cache of non-streamed answers, per alias with the alias's TTL, keyed on the normalised request (members
 * sorted, {@code stream}, {@code stream_options} and {@code user} left out) and, unless the alias shares its cache,
 * the caller. Bounded (least recently used entries go first). Thread-safe. Only what a provider answered
 * successfully is kept.
 */
public final class ResponseCache {

    private static final Set<String> IGNORED = Set.of("stream", "stream_options", "user");

    private final Clock clock;
    private final Map<String, Entry> entries;

    private record Entry(JsonObject response, Instant expires) {
    }

    public ResponseCache(int maxEntries, Clock clock) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The key of a request, or empty when the alias caches nothing. */
    public Optional<String> key(AliasSettings alias, String caller, JsonObject chat) {
        if (alias.cacheTtl() == null) {
            return Optional.empty();
        }
        String scope = alias.cacheShared() ? "*" : caller;
        String normalised = alias.name() + "\n" + scope + "\n" + sorted(chat, true);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    public synchronized Optional<JsonObject> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.response());
    }

    public synchronized void put(String key, AliasSettings alias, JsonObject response) {
        entries.put(key, new Entry(response, clock.instant().plus(alias.cacheTtl())));
    }

    /** The value with object members in sorted order, so that member order does not change the key. */
    private static JsonValue sorted(JsonValue value, boolean top) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                new TreeMap<>(value.asJsonObject()).forEach((name, member) -> {
                    if (!(top && IGNORED.contains(name))) {
                        object.add(name, sorted(member, false));
                    }
                });
                yield object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder items = Json.createArrayBuilder();
                value.asJsonArray().forEach(item -> items.add(sorted(item, false)));
                yield items.build();
            }
            default -> value;
        };
    }
}
