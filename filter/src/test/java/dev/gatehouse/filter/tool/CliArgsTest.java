package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CliArgsTest {

    private static final Set<String> VALUES = Set.of("--ttl", "--claim", "--sub");
    private static final Set<String> FLAGS = Set.of("--signed-only");

    @Test
    void parseWhenValueStartsWithDashThenItIsTheValue() throws Exception {
        CliArgs args = CliArgs.parse(List.of("--ttl", "-60s", "--sub=alice", "-"), VALUES, FLAGS);

        assertEquals("-60s", args.required("--ttl"));
        assertEquals("alice", args.required("--sub"));
        assertEquals(List.of("-"), args.positionals());
    }

    @Test
    void parseWhenOptionRepeatedThenAllKeepsOrderAndOptionalRefuses() throws Exception {
        CliArgs args = CliArgs.parse(List.of("--claim", "a=1", "--claim=b=2"), VALUES, FLAGS);

        assertEquals(List.of("a=1", "b=2"), args.all("--claim"));
        UsageException e = assertThrows(UsageException.class, () -> args.optional("--claim"));
        assertEquals("--claim is given 2 times; give it once", e.getMessage());
    }

    @Test
    void parseWhenDoubleDashThenLaterArgumentsArePositional() throws Exception {
        CliArgs args = CliArgs.parse(List.of("--signed-only", "--", "--sub"), VALUES, FLAGS);

        assertTrue(args.flag("--signed-only"));
        assertEquals(List.of("--sub"), args.positionals());
    }

    @Test
    void parseWhenFlagGivenAValueThenRefusesNamingIt() {
        UsageException e = assertThrows(UsageException.class,
                () -> CliArgs.parse(List.of("--signed-only=true"), VALUES, FLAGS));

        assertEquals("--signed-only takes no value", e.getMessage());
    }

    @Test
    void parseWhenNextArgumentIsAnOptionThenRefusesTheMissingValue() {
        UsageException e = assertThrows(UsageException.class,
                () -> CliArgs.parse(List.of("--sub", "--signed-only"), VALUES, FLAGS));

        assertEquals("--sub needs a value", e.getMessage());
    }
}
