package dev.streamrules.job.e2e.servers;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A private certificate authority made at test time with the JDK's {@code keytool}: its certificate
 * as PEM (what a client is given as its CA file or PEM trust store) and server identities it signs
 * for {@code 127.0.0.1}/{@code localhost}, valid or already expired. Keys are EC P-256; every store
 * is PKCS12 with a password of this run.
 */
public final class PrivateCa {

    /** A server's key and certificate chain (leaf signed by the CA, then the CA) in a PKCS12 key store. */
    public record ServerIdentity(Path keyStore, String password) {}

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final String name;
    private final String password;
    private final Path keyStore;
    private final Path certificatePem;

    private PrivateCa(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.password = randomSecret();
        this.keyStore = dir.resolve(name + "-ca.p12");
        this.certificatePem = dir.resolve(name + "-ca.pem");
    }

    /** Makes a CA named {@code name}, valid for two days from now, its files under {@code target/e2e-servers}. */
    public static PrivateCa create(String name) {
        PrivateCa ca = new PrivateCa(Servers.freshWorkDir("ca-" + name), name);
        ca.keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-dname",
                "CN=" + name + " test CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                ca.keyStore.toString(),
                "-storepass",
                ca.password);
        ca.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca.keyStore.toString(),
                "-storepass",
                ca.password,
                "-file",
                ca.certificatePem.toString());
        return ca;
    }

    /** The CA's certificate, PEM. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** A server identity for 127.0.0.1 and localhost, valid for two days from now. */
    public ServerIdentity issue(String server) {
        return issue(server, null, 2);
    }

    /** A server identity for 127.0.0.1 and localhost whose certificate expired a week ago. */
    public ServerIdentity issueExpired(String server) {
        return issue(server, "-10d", 3);
    }

    private ServerIdentity issue(String server, String startDate, int validityDays) {
        String serverPassword = randomSecret();
        Path store = dir.resolve(name + "-" + server + ".p12");
        Path request = dir.resolve(name + "-" + server + ".csr");
        Path signed = dir.resolve(name + "-" + server + ".pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-dname",
                "CN=" + server,
                "-keystore",
                store.toString(),
                "-storepass",
                serverPassword);
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                store.toString(),
                "-storepass",
                serverPassword,
                "-file",
                request.toString());
        List<String> sign = new ArrayList<>(List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                password,
                "-infile",
                request.toString(),
                "-outfile",
                signed.toString(),
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-ext",
                "EKU=serverAuth",
                "-validity",
                String.valueOf(validityDays)));
        if (startDate != null) {
            sign.addAll(List.of("-startdate", startDate));
        }
        keytool(sign.toArray(String[]::new));
        // The CA first, so that keytool accepts the signed certificate as a chain ending in a trusted root.
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                certificatePem.toString(),
                "-keystore",
                store.toString(),
                "-storepass",
                serverPassword);
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                signed.toString(),
                "-keystore",
                store.toString(),
                "-storepass",
                serverPassword);
        return new ServerIdentity(store, serverPassword);
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12"));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        ServerProcess.runToCompletion("keytool " + args[0], command, dir, dir.resolve("keytool.out"), KEYTOOL_TIMEOUT);
    }

    /** 24 random hex digits: a password or key of this run. */
    public static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
