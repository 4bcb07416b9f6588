package dev.gatehouse.filter.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.keys.AlgorithmPolicy;

/**
 * {@code keygen}: a fresh encryption key pair and signing key pair, as PEM and JWK files, plus the
 * {@code microprofile-config.properties} lines that make the filter use them. Prints paths, kids and algorithms,
 * never key material.
 */
final class KeygenCommand implements CliCommand {

    static final String DECRYPT_PRIVATE_PEM = "decrypt-private.pem";
    static final String DECRYPT_PRIVATE_JWK = "decrypt-private.jwk";
    static final String ENCRYPT_PUBLIC_PEM = "encrypt-public.pem";
    static final String ENCRYPT_PUBLIC_JWK = "encrypt-public.jwk";
    static final String SIGN_PRIVATE_PEM = "sign-private.pem";
    static final String SIGN_PRIVATE_JWK = "sign-private.jwk";
    static final String VERIFY_PUBLIC_PEM = "verify-public.pem";
    static final String VERIFY_PUBLIC_JWKS = "verify-public.jwks";
    static final String CONFIG = "microprofile-config.properties";
    static final List<String> FILES = List.of(DECRYPT_PRIVATE_PEM, DECRYPT_PRIVATE_JWK, ENCRYPT_PUBLIC_PEM,
            ENCRYPT_PUBLIC_JWK, SIGN_PRIVATE_PEM, SIGN_PRIVATE_JWK, VERIFY_PUBLIC_PEM, VERIFY_PUBLIC_JWKS, CONFIG);

    private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
    private static final Set<String> CURVES = Set.of(EllipticCurves.P_256, EllipticCurves.P_384, EllipticCurves.P_521);

    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String usage() {
        return """
                keygen --out DIR [--kind rsa|ec] [--bits 2048|3072|4096] [--curve P-256|P-384|P-521]
                       [--enc-kid K] [--sig-kid K] [--issuer I] [--audience A] [--force]
                  Generates an encryption and a signing key pair (RSA 2048 by default, EC P-256 with --kind ec)
                  and writes PEM and JWK files plus microprofile-config.properties into DIR.
                  RSA: RSA-OAEP-256 + RS256; EC: ECDH-ES+A256KW + ES256/ES384/ES512 (by curve).
                  --issuer/--audience default to https://issuer.example and gatehouse-api.
                  --force replaces existing files in DIR.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--out", "--kind", "--bits", "--curve", "--enc-kid", "--sig-kid", "--issuer", "--audience");
    }

    @Override
    public Set<String> flags() {
        return Set.of("--force");
    }

    @Override
    public int run(CliArgs args, Terminal terminal) throws UsageException {
        Path dir = outputDir(args.required("--out"));
        KeyKind kind = KeyKind.from(args);
        String issuer = args.optional("--issuer").orElse(MintCommand.DEFAULT_ISSUER);
        String audience = args.optional("--audience").orElse(MintCommand.DEFAULT_AUDIENCE);
        String encKid = kid(args, "--enc-kid");
        String sigKid = kid(args, "--sig-kid");
        if (encKid != null && encKid.equals(sigKid)) {
            throw new UsageException("--sig-kid must differ from --enc-kid: one key, one purpose");
        }
        if (!args.flag("--force")) {
            refuseExisting(dir);
        }
        PublicJsonWebKey encryption = kind.generate();
        PublicJsonWebKey signing = kind.generate();
        String keyManagement = AlgorithmDefaults.keyManagement(encryption.getPublicKey());
        String signature = AlgorithmDefaults.signature(signing.getPublicKey());
        describe(encryption, encKid, "enc", keyManagement);
        describe(signing, sigKid, "sig", signature);
        ConfigSnippet snippet = new ConfigSnippet(issuer, audience, dir.resolve(DECRYPT_PRIVATE_JWK), keyManagement,
                dir.resolve(VERIFY_PUBLIC_JWKS), signature);
        List<String> written;
        try {
            written = write(dir, encryption, signing, snippet);
        } catch (IOException e) {
            throw new UsageException("--out: cannot write to " + dir + " (" + KeyFiles.describe(e) + ")");
        }
        terminal.out().println("Generated " + kind + " keys in " + dir);
        terminal.out().println("  encryption: kid=" + encryption.getKeyId() + ", alg=" + keyManagement + ", enc="
                + AlgorithmDefaults.CONTENT);
        terminal.out().println("  signing:    kid=" + signing.getKeyId() + ", alg=" + signature);
        written.forEach(line -> terminal.out().println("  " + line));
        return GatehouseCli.OK;
    }

    private static Path outputDir(String out) throws UsageException {
        try {
            Path dir = Path.of(out).toAbsolutePath().normalize();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UsageException("--out: " + dir + " exists and is not a folder");
            }
            return dir;
        } catch (InvalidPathException e) {
            throw new UsageException("--out: '" + out + "' is not a valid path");
        }
    }

    private static void refuseExisting(Path dir) throws UsageException {
        for (String name : FILES) {
            if (Files.exists(dir.resolve(name))) {
                throw new UsageException("--out: " + dir + " already holds " + name
                        + "; choose another folder or pass --force to replace the files");
            }
        }
    }

    private static String kid(CliArgs args, String option) throws UsageException {
        String kid = args.optional(option).orElse(null);
        if (kid != null && !kid.matches("[\\x21-\\x7e]{1,128}")) {
            throw new UsageException(option + " must be 1 to 128 printable ASCII characters without spaces");
        }
        return kid;
    }

    /** Sets kid (default: use and the start of the RFC 7638 thumbprint), use and alg. */
    private static void describe(PublicJsonWebKey key, String kid, String use, String alg) {
        key.setKeyId(kid != null ? kid : use + "-" + key.calculateBase64urlEncodedThumbprint("SHA-256").substring(0, 16));
        key.setUse(use);
        key.setAlgorithm(alg);
    }

    private static List<String> write(Path dir, PublicJsonWebKey encryption, PublicJsonWebKey signing,
            ConfigSnippet snippet) throws IOException {
        Files.createDirectories(dir);
        KeyFileWriter writer = new KeyFileWriter(dir);
        List<String> lines = new ArrayList<>();
        boolean ownerOnly = writer.writePrivate(DECRYPT_PRIVATE_PEM,
                KeyFileWriter.pem("PRIVATE KEY", encryption.getPrivateKey().getEncoded()));
        ownerOnly &= writer.writePrivate(DECRYPT_PRIVATE_JWK, json(encryption, OutputControlLevel.INCLUDE_PRIVATE));
        ownerOnly &= writer.writePrivate(SIGN_PRIVATE_PEM,
                KeyFileWriter.pem("PRIVATE KEY", signing.getPrivateKey().getEncoded()));
        ownerOnly &= writer.writePrivate(SIGN_PRIVATE_JWK, json(signing, OutputControlLevel.INCLUDE_PRIVATE));
        String privateNote = ownerOnly ? "private, mode 600" : "private: restrict access yourself (no POSIX permissions)";
        lines.add(DECRYPT_PRIVATE_PEM + ", " + DECRYPT_PRIVATE_JWK + "  (" + privateNote + ") API server: decrypts");
        lines.add(SIGN_PRIVATE_PEM + ", " + SIGN_PRIVATE_JWK + "  (" + privateNote + ") token issuer: signs");
        writer.writePublic(ENCRYPT_PUBLIC_PEM, KeyFileWriter.pem("PUBLIC KEY", encryption.getPublicKey().getEncoded()));
        writer.writePublic(ENCRYPT_PUBLIC_JWK, json(encryption, OutputControlLevel.PUBLIC_ONLY));
        lines.add(ENCRYPT_PUBLIC_PEM + ", " + ENCRYPT_PUBLIC_JWK + "  (public) token issuer: encrypts");
        writer.writePublic(VERIFY_PUBLIC_PEM, KeyFileWriter.pem("PUBLIC KEY", signing.getPublicKey().getEncoded()));
        writer.writePublic(VERIFY_PUBLIC_JWKS, PrettyJson.format(
                parse(new JsonWebKeySet(signing).toJson(OutputControlLevel.PUBLIC_ONLY))) + "\n");
        lines.add(VERIFY_PUBLIC_PEM + ", " + VERIFY_PUBLIC_JWKS + "  (public) API server: verifies");
        writer.writePublic(CONFIG, snippet.text());
        lines.add(CONFIG + "  (API server settings: issuer " + snippet.issuer() + ", audience " + snippet.audiences()
                + ")");
        return lines;
    }

    private static String json(PublicJsonWebKey key, OutputControlLevel level) {
        return PrettyJson.format(key.toParams(level)) + "\n";
    }

    private static Object parse(String json) {
        try {
            return JsonUtil.parseJson(json);
        } catch (JoseException e) {
            throw new IllegalStateException("jose4j wrote invalid JSON", e);
        }
    }

    /** RSA of a size, or EC on a curve, as chosen by --kind, --bits and --curve. */
    private record KeyKind(boolean rsa, int bits, String curve) {

        static KeyKind from(CliArgs args) throws UsageException {
            String kind = args.optional("--kind").orElse(args.has("--curve") ? "ec" : "rsa");
            if (kind.equals("rsa")) {
                if (args.has("--curve")) {
                    throw new UsageException("--curve applies to --kind ec only");
                }
                return new KeyKind(true, bits(args.optional("--bits").orElse("2048")), null);
            }
            if (kind.equals("ec")) {
                if (args.has("--bits")) {
                    throw new UsageException("--bits applies to --kind rsa only; choose an EC size with --curve");
                }
                String curve = args.optional("--curve").orElse(EllipticCurves.P_256);
                if (!CURVES.contains(curve)) {
                    throw new UsageException("--curve must be P-256, P-384 or P-521, not '" + curve + "'");
                }
                return new KeyKind(false, 0, curve);
            }
            throw new UsageException("--kind must be rsa or ec, not '" + kind + "'");
        }

        private static int bits(String value) throws UsageException {
            int bits;
            try {
                bits = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException("--bits must be 2048, 3072 or 4096, not '" + value + "'");
            }
            if (bits < AlgorithmPolicy.MIN_RSA_BITS) {
                throw new UsageException("--bits " + bits + " is refused: RSA keys need at least "
                        + AlgorithmPolicy.MIN_RSA_BITS + " bits");
            }
            if (!RSA_SIZES.contains(bits)) {
                throw new UsageException("--bits must be 2048, 3072 or 4096, not " + bits);
            }
            return bits;
        }

        PublicJsonWebKey generate() {
            try {
                return rsa ? RsaJwkGenerator.generateJwk(bits) : EcJwkGenerator.generateJwk(EllipticCurves.getSpec(curve));
            } catch (JoseException e) {
                throw new IllegalStateException("cannot generate a key: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return rsa ? "RSA " + bits + "-bit" : "EC " + curve;
        }
    }
}
