package dev.gatehouse.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;

/** Bad configuration fails deployment with a message that names the property; nothing secret is echoed. */
class DeploymentConfigTest {

    @TempDir
    static Path dir;

    private static Arguments bad(String name, UnaryOperator<TestConfig> change, String property, String fragment) {
        return Arguments.of(name, change, property, fragment);
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("issuer missing", c -> c.with("mp.jwt.verify.issuer", null), "mp.jwt.verify.issuer", "required"),
                bad("role map pair without '='", c -> c.with("gatehouse.jwt.role-map", "admins"),
                        "gatehouse.jwt.role-map", "group=role"),
                bad("role map with an empty role", c -> c.with("gatehouse.jwt.role-map", "admins=,ops=admin"),
                        "gatehouse.jwt.role-map", "group=role"),
                bad("trusted proxy that is a host name", c -> c.with("gatehouse.trusted-proxies", "10.0.0.0/8,proxy.local"),
                        "gatehouse.trusted-proxies", "not an IP address"),
                bad("trusted proxy prefix too long", c -> c.with("gatehouse.trusted-proxies", "10.0.0.0/33"),
                        "gatehouse.trusted-proxies", "prefix length"),
                bad("misspelt audit property", c -> c.with("gatehouse.audit.sinks", "jul"),
                        "gatehouse.audit.sinks", "misspelt"),
                bad("file audit sink without a file", c -> c.with("gatehouse.audit.sink", "file"),
                        "gatehouse.audit.file.path", "is required"),
                bad("audit file size zero", c -> c.with("gatehouse.audit.sink", "file")
                        .with("gatehouse.audit.file.path", "/tmp/gatehouse-audit.log")
                        .with("gatehouse.audit.file.max-size", "0"), "gatehouse.audit.file.max-size", "at least 1"),
                bad("audit queue policy unknown", c -> c.with("gatehouse.audit.queue.full-policy", "wait"),
                        "gatehouse.audit.queue.full-policy", "block or drop"),
                bad("audit queue capacity zero", c -> c.with("gatehouse.audit.queue.capacity", "0"),
                        "gatehouse.audit.queue.capacity", "between 1"),
                bad("audit block timeout too long", c -> c.with("gatehouse.audit.queue.block-timeout", "PT1M"),
                        "gatehouse.audit.queue.block-timeout", "at most"),
                bad("audit switch not boolean", c -> c.with("gatehouse.audit.enabled", "yes"),
                        "gatehouse.audit.enabled", "true or false"),
                bad("audiences missing", c -> c.with("mp.jwt.verify.audiences", null), "mp.jwt.verify.audiences", "required"),
                bad("decryption key missing", c -> c.with("mp.jwt.decrypt.key.location", null),
                        "mp.jwt.decrypt.key.location", "required"),
                bad("verification key missing", c -> c.with("mp.jwt.verify.publickey.location", null),
                        "mp.jwt.verify.publickey.location", "required"),
                bad("both inline and location verification key",
                        c -> c.with("mp.jwt.verify.publickey", TestKeys.publicPem(TestKeys.RSA_SIG)),
                        "mp.jwt.verify.publickey", "not both"),
                bad("unreadable decryption key file", c -> c.with("mp.jwt.decrypt.key.location", "/nonexistent/key.pem"),
                        "mp.jwt.decrypt.key.location", "cannot read file /nonexistent/key.pem"),
                bad("missing class-path key", c -> c.with("mp.jwt.verify.publickey.location", "classpath:nope.pem"),
                        "mp.jwt.verify.publickey.location", "not found on the class path"),
                bad("decryption key is not a key", c -> c.with("mp.jwt.decrypt.key.location", c.file("junk.pem", "hello")),
                        "mp.jwt.decrypt.key.location", "not a PEM key, JWK or JWK Set"),
                bad("public key given for decryption",
                        c -> c.with("mp.jwt.decrypt.key.location", c.file("pub.pem", TestKeys.publicPem(TestKeys.RSA_ENC))),
                        "mp.jwt.decrypt.key.location", "PUBLIC KEY was given where the private decryption key is expected"),
                bad("PKCS#1 private key", c -> c.with("mp.jwt.decrypt.key.location",
                                c.file("pkcs1.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")),
                        "mp.jwt.decrypt.key.location", "openssl pkcs8 -topk8"),
                bad("RSA decryption key of 1024 bits", c -> c.with("mp.jwt.decrypt.key.location",
                                c.file("weak.jwk", TestKeys.privateJwk(TestKeys.rsa("weak", 1024)))),
                        "mp.jwt.decrypt.key.location", "RSA key of 1024 bits"),
                bad("RSA verification key of 1024 bits", c -> c.with("mp.jwt.verify.publickey.location",
                                c.file("weak-sig.pem", TestKeys.publicPem(TestKeys.rsa("weak", 1024)))),
                        "mp.jwt.verify.publickey.location", "RSA key of 1024 bits"),
                bad("key algorithm does not fit the key type", c -> c.with("mp.jwt.decrypt.key.algorithm", "ECDH-ES+A256KW"),
                        "mp.jwt.decrypt.key.location", "no accepted algorithm [ECDH-ES+A256KW] fits this RSA key"),
                bad("signature algorithm does not fit the key type", c -> c.with("mp.jwt.verify.publickey.algorithm", "ES256"),
                        "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey.algorithm"),
                bad("RSA1_5 configured", c -> c.with("mp.jwt.decrypt.key.algorithm", "RSA1_5"),
                        "mp.jwt.decrypt.key.algorithm", "RSA1_5 is refused"),
                bad("PBES2 configured", c -> c.with("mp.jwt.decrypt.key.algorithm", "PBES2-HS256+A128KW"),
                        "mp.jwt.decrypt.key.algorithm", "is refused"),
                bad("HMAC configured", c -> c.with("mp.jwt.verify.publickey.algorithm", "HS256"),
                        "mp.jwt.verify.publickey.algorithm", "HS256 is refused"),
                bad("none configured", c -> c.with("mp.jwt.verify.publickey.algorithm", "none"),
                        "mp.jwt.verify.publickey.algorithm", "none is refused"),
                bad("unknown algorithm", c -> c.with("mp.jwt.verify.publickey.algorithm", "RS257"),
                        "mp.jwt.verify.publickey.algorithm", "unknown algorithm 'RS257'"),
                bad("unknown content algorithm", c -> c.with("gatehouse.jwt.decrypt.content-algorithm", "A512GCM"),
                        "gatehouse.jwt.decrypt.content-algorithm", "unknown algorithm"),
                bad("symmetric verification key", c -> c.with("mp.jwt.verify.publickey.location",
                                c.file("oct.jwk", TestKeys.privateJwk(TestKeys.OCT_256))),
                        "mp.jwt.verify.publickey.location", "HMAC is refused"),
                bad("verification key reuses the decryption key pair", c -> c.with("mp.jwt.verify.publickey.location",
                                c.file("reuse.pem", TestKeys.publicPem(TestKeys.RSA_ENC))),
                        "mp.jwt.verify.publickey.location", "public half of a decryption key"),
                bad("single verification key meant for encryption", c -> c.with("mp.jwt.verify.publickey.location",
                                c.file("use-enc.json", TestKeys.publicJwk(TestKeys.RSA_SIG).replace("{", "{\"use\":\"enc\","))),
                        "mp.jwt.verify.publickey.location", "\"use\" is \"enc\""),
                bad("unknown token header", c -> c.with("mp.jwt.token.header", "X-Token"),
                        "mp.jwt.token.header", "unknown value 'X-Token'"),
                bad("negative clock skew", c -> c.with("mp.jwt.verify.clock.skew", "-5"),
                        "mp.jwt.verify.clock.skew", "must not be negative"),
                bad("clock skew not a number", c -> c.with("mp.jwt.verify.clock.skew", "1m"),
                        "mp.jwt.verify.clock.skew", "whole number of seconds"),
                bad("malformed max lifetime", c -> c.with("gatehouse.jwt.max-lifetime", "one day"),
                        "gatehouse.jwt.max-lifetime", "ISO-8601"),
                bad("unknown profile", c -> c.with("gatehouse.jwt.profile", "oauth"), "gatehouse.jwt.profile", "unknown value"),
                bad("boolean that is not one", c -> c.with("gatehouse.jwt.allow-compression", "yes"),
                        "gatehouse.jwt.allow-compression", "true or false"),
                bad("negative token cache size", c -> c.with("gatehouse.jwt.cache.size", "-1"),
                        "gatehouse.jwt.cache.size", "must not be negative"),
                bad("token cache size not a whole number", c -> c.with("gatehouse.jwt.cache.size", "1k"),
                        "gatehouse.jwt.cache.size", "whole number"),
                bad("misspelt gatehouse.jwt property", c -> c.with("gatehouse.jwt.max-lifetme", "PT1H"),
                        "gatehouse.jwt.max-lifetme", "misspelt"),
                bad("misspelt top-level property", c -> c.with("gatehouse.public-path", "/health"),
                        "gatehouse.public-path", "misspelt"),
                bad("rule property of an unlisted rule", c -> c.with("gatehouse.rule.admin.paths", "/admin/*"),
                        "gatehouse.rule.admin.paths", "does not belong to a rule"),
                bad("listed rule without paths", c -> c.with("gatehouse.rules", "admin"),
                        "gatehouse.rule.admin.paths", "is required"),
                bad("rule with unknown HTTP method", c -> c.with("gatehouse.rules", "a").with("gatehouse.rule.a.paths", "/a")
                        .with("gatehouse.rule.a.methods", "FETCH"), "gatehouse.rule.a.methods", "unknown HTTP method"),
                bad("bad path pattern", c -> c.with("gatehouse.public-paths", "/api/*/x"),
                        "gatehouse.public-paths", "is not a path pattern"),
                bad("realm with a quote", c -> c.with("gatehouse.realm", "my \"api\""), "gatehouse.realm", "printable ASCII"),
                bad("http key location without the insecure switch",
                        c -> c.with("mp.jwt.verify.publickey.location", "http://127.0.0.1:9/jwks"),
                        "mp.jwt.verify.publickey.location", "http: locations are refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void deploymentWhenConfigurationBadThenFailsNamingProperty(String name, UnaryOperator<TestConfig> change,
            String property, String fragment) {
        ConfigException e = assertThrows(ConfigException.class, () -> change.apply(TestConfig.in(dir)).validator());
        assertEquals(property, e.property());
        assertTrue(e.getMessage().startsWith(property + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void deploymentErrorsNeverEchoKeyMaterial() throws Exception {
        String privateJwk = TestKeys.privateJwk(TestKeys.RSA_SIG);
        String d = (String) org.jose4j.json.JsonUtil.parseJson(privateJwk).get("d");
        String broken = privateJwk.replace("\"kty\":\"RSA\"", "\"kty\":\"XYZ\"");
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfig.in(dir)
                .with("mp.jwt.verify.publickey.location", null).with("mp.jwt.verify.publickey", broken).validator());
        assertEquals("mp.jwt.verify.publickey", e.property());
        assertFalse(e.getMessage().contains(d.substring(0, 16)), e.getMessage());
    }

    @Test
    void defaultsAreSecure() {
        FilterSettings settings = TestConfig.in(dir).settings();
        assertEquals(Duration.ofSeconds(60), settings.claims().clockSkew());
        assertEquals(dev.gatehouse.filter.logging.AuditSettings.DEFAULTS, settings.audit());
        assertTrue(settings.trustedProxies().isEmpty());
        assertEquals(Duration.ofHours(24), settings.claims().maxLifetime());
        assertEquals(null, settings.claims().tokenAge());
        assertEquals(Profile.MP_JWT, settings.claims().profile());
        assertEquals(java.util.Set.of("A256GCM"), settings.jose().contentAlgorithms());
        assertEquals(java.util.Set.of("RS256"), settings.keys().signatureAlgorithms());
        assertFalse(settings.jose().allowCompression());
        assertFalse(settings.jose().acceptSignedOnly());
        assertEquals(1000, settings.jose().cacheSize());
        assertFalse(settings.keys().allowHttp());
        assertEquals(java.util.List.of("/*"), settings.urlPatterns());
        assertTrue(settings.publicPaths().isEmpty());
        assertFalse(settings.transport().usesCookie());
    }

    @Test
    void environmentVariablesOverrideInMicroProfileMapping() {
        Map<String, String> env = Map.of("MP_JWT_VERIFY_ISSUER", "https://env.example",
                "GATEHOUSE_JWT_MAX_LIFETIME", "PT1H", "GATEHOUSE_JWT_CACHE_SIZE", "0");
        Map<String, String> props = new java.util.HashMap<>(TestConfig.in(dir).properties());
        props.remove("mp.jwt.verify.issuer");
        FilterSettings settings = new SettingsLoader(FallbackConfigReader.of(props, env)).load();
        assertEquals("https://env.example", settings.claims().issuer());
        assertEquals(Duration.ofHours(1), settings.claims().maxLifetime());
        assertEquals(0, settings.jose().cacheSize());
    }

    @Test
    void enabledIsFalseOnlyWhenSaidSo() {
        assertTrue(new SettingsLoader(FallbackConfigReader.of(Map.of(), Map.of())).enabled());
        assertFalse(new SettingsLoader(FallbackConfigReader.of(Map.of("gatehouse.enabled", "false"), Map.of())).enabled());
    }
}
