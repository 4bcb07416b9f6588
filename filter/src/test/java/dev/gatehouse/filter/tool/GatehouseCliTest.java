package dev.gatehouse.filter.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatehouseCliTest {

    @TempDir
    Path dir;

    @Test
    void runWhenNoArgumentsThenPrintsUsageOfAllCommandsAndExitsWithUsageError() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode());
        assertUsageOfAllCommands(run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void runWhenHelpThenPrintsUsageOfAllCommandsAndExitsZero(String help) {
        CliRun run = CliRun.of(help);

        assertEquals(0, run.exitCode());
        assertUsageOfAllCommands(run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "mint", "inspect"})
    void runWhenCommandHelpThenPrintsThatCommandsUsageAndExitsZero(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("usage: " + command + " "), run::toString);
    }

    @Test
    void runWhenUnknownCommandThenExitsWithUsageErrorNamingIt() {
        CliRun run = CliRun.of("decrypt");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown command 'decrypt'"), run::toString);
    }

    @ParameterizedTest
    @CsvSource({"keygen,--bogus", "mint,--exp", "inspect,--verify"})
    void runWhenUnknownOptionThenExitsWithUsageErrorNamingIt(String command, String option) {
        CliRun run = CliRun.of(command, option, "x");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(option + " is not an option of this command"), run::toString);
    }

    @ParameterizedTest
    @CsvSource({"keygen,--out", "mint,--sub", "inspect,--config"})
    void runWhenOptionLacksItsValueThenExitsWithUsageErrorNamingIt(String command, String option) {
        CliRun run = CliRun.of(command, option);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(option + " needs a value"), run::toString);
    }

    @Test
    void runWhenOptionGivenTwiceThenExitsWithUsageErrorNamingIt() {
        CliRun run = CliRun.of("keygen", "--out", dir.toString(), "--out=" + dir);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out is given 2 times"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    void runWhenKeygenMintAndInspectThenNoPrivateKeyMaterialIsPrinted(String kind) throws Exception {
        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.of("keygen", "--out", dir.toString(), "--kind", kind));
        String sign = dir.resolve("sign-private.jwk").toString();
        String decrypt = dir.resolve("decrypt-private.jwk").toString();
        String encrypt = dir.resolve("encrypt-public.jwk").toString();
        String config = dir.resolve("microprofile-config.properties").toString();
        runs.add(CliRun.of("mint", "--sign-key", sign, "--encrypt-key", encrypt, "--sub", "alice"));
        String token = runs.get(1).token();
        runs.add(CliRun.of("mint", "--sign-key", sign, "--encrypt-key", encrypt, "--sub", "alice", "--signed-only"));
        runs.add(CliRun.of("inspect", "--decrypt-key", decrypt, "--config", config, token));
        runs.add(CliRun.of("inspect", "--decrypt-key", sign, token));
        runs.add(CliRun.of("inspect", "--decrypt-key", decrypt, "--config", config, runs.get(2).token()));
        runs.add(CliRun.of("mint", "--sign-key", encrypt, "--encrypt-key", sign, "--sub", "alice"));
        runs.add(CliRun.of("mint", "--sign-key", sign, "--encrypt-key", decrypt, "--sub", "alice", "--sig-alg", "PS256"));
        runs.add(CliRun.of("keygen", "--out", dir.toString()));

        List<String> secrets = new ArrayList<>();
        for (String file : List.of("sign-private.jwk", "decrypt-private.jwk")) {
            Map<String, Object> params = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(dir.resolve(file)))
                    .toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            for (String name : List.of("d", "p", "q", "dp", "dq", "qi")) {
                if (params.get(name) instanceof String value) {
                    secrets.add(value);
                    secrets.add(value.substring(0, 16));
                }
            }
            String pem = Files.readString(dir.resolve(file.replace(".jwk", ".pem")));
            secrets.add(pem.lines().skip(2).findFirst().orElseThrow());
        }
        assertFalse(secrets.isEmpty());
        for (CliRun run : runs) {
            for (String secret : secrets) {
                assertFalse(run.out().contains(secret) || run.err().contains(secret), run::toString);
            }
        }
    }

    private static void assertUsageOfAllCommands(String text) {
        assertTrue(text.contains("keygen --out DIR"), text);
        assertTrue(text.contains("mint --sign-key FILE --encrypt-key FILE --sub S"), text);
        assertTrue(text.contains("inspect --decrypt-key FILE [--config FILE.properties] TOKEN|-"), text);
        assertTrue(text.contains("Exit codes"), text);
    }
}
