package dev.gatehouse.cdi.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/** Binds an authenticated caller to the test thread, as the filter does around the filter chain. */
public final class Callers {

    /** The raw token of every test caller: must never show up in a log record or message. */
    public static final String RAW_TOKEN = "raw-token-never-logged";

    private Callers() {
    }

    /** A caller named alice with {@code roles} (the filter's role map, if any, already applied). */
    public static CurrentCaller.Binding withRoles(String... roles) {
        return CurrentCaller.bind(new ValidatedToken("alice", Set.of(roles), Instant.now().plusSeconds(300),
                Map.of("sub", "alice"), RAW_TOKEN));
    }
}
