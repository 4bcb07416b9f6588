package dev.gatehouse.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Logs once, at deployment, the commands that mint a token for the demo keys and call the sample with it. The keys'
 * folder, the token tool and the base URL come from {@code gatehouse.sample.*} properties (set at build time in
 * {@code microprofile-config.properties}); issuer and audience are the ones in force, so a token minted with the
 * printed command is accepted even when {@code MP_JWT_VERIFY_ISSUER} or {@code MP_JWT_VERIFY_AUDIENCES} override them.
 */
@WebListener
public class StartupBanner implements ServletContextListener {

    static final String KEYS_DIR = "gatehouse.sample.keys-dir";
    static final String CLI_JAR = "gatehouse.sample.cli-jar";
    static final String BASE_URL = "gatehouse.sample.base-url";

    /** Defaults of the token tool's {@code mint}: no option needed when the server uses them. */
    private static final String MINT_ISSUER = "https://issuer.example";
    private static final String MINT_AUDIENCE = "gatehouse-api";

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig(event.getServletContext().getClassLoader());
        Optional<String> keysDir = config.getOptionalValue(KEYS_DIR, String.class);
        if (keysDir.isEmpty()) {
            LOG.info("Gatehouse sample deployed; " + KEYS_DIR + " is not set, so mint tokens with your issuer's keys");
            return;
        }
        LOG.info(banner(config, Path.of(keysDir.get()).toAbsolutePath().normalize()));
    }

    private static String banner(Config config, Path keys) {
        String baseUrl = config.getOptionalValue(BASE_URL, String.class).orElse("http://localhost:8080");
        String issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse(MINT_ISSUER);
        String audience = config.getOptionalValue("mp.jwt.verify.audiences", String.class).orElse(MINT_AUDIENCE)
                .split(",")[0].trim();
        String cli = config.getOptionalValue(CLI_JAR, String.class)
                .map(jar -> "java -jar " + quote(Path.of(jar).toAbsolutePath().normalize().toString()))
                .orElse("java -jar filter/target/gatehouse-filter-0.1.0-SNAPSHOT-cli.jar");
        StringBuilder mint = new StringBuilder(cli).append(" mint")
                .append(" --sign-key ").append(quote(keys.resolve("sign-private.jwk").toString()))
                .append(" --encrypt-key ").append(quote(keys.resolve("encrypt-public.jwk").toString()));
        if (!issuer.equals(MINT_ISSUER)) {
            mint.append(" --iss ").append(quote(issuer));
        }
        if (!audience.equals(MINT_AUDIENCE)) {
            mint.append(" --aud ").append(quote(audience));
        }
        mint.append(" --sub alice --groups user,admin");

        StringBuilder text = new StringBuilder("Gatehouse sample deployed at ").append(baseUrl)
                .append("/ (issuer ").append(issuer).append(", audience ").append(audience).append("). Try it:\n")
                .append("  curl -i ").append(baseUrl).append("/health\n")
                .append("  TOKEN=$(").append(mint).append(")\n")
                .append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(baseUrl).append("/api/me\n")
                .append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(baseUrl).append("/api/admin/stats")
                .append("    # 403 for a token minted without --groups admin");
        if (!Files.isReadable(keys.resolve("sign-private.jwk"))) {
            text.append("\n  (").append(keys).append(" has no demo keys: build the sample with Maven to create them)");
        }
        for (String key : List.of("mp.jwt.decrypt.key.location", "mp.jwt.verify.publickey.location")) {
            String location = config.getOptionalValue(key, String.class).orElse("");
            if (!location.startsWith(keys.toString()) && !location.startsWith("file:" + keys)) {
                text.append("\n  (").append(key).append(" is not in ").append(keys)
                        .append(": mint with the keys that match it instead)");
            }
        }
        return text.toString();
    }

    private static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
