package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and authentication of the sink's HTTP client, against a local HTTPS server (no Elasticsearch).
 * An integration test: it runs {@code keytool} processes for its certificates and a real HTTPS server.
 */
class RestClientsITCase {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static Path trustedKeyStore;
    private static Path trustedCa;
    private static Path otherNameKeyStore;

    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        trustedKeyStore = selfSigned("trusted", "SAN=ip:127.0.0.1");
        trustedCa = dir.resolve("trusted-ca.pem");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "es",
                "-keystore",
                trustedKeyStore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-file",
                trustedCa.toString());
        otherNameKeyStore = selfSigned("other", "SAN=dns:other.example");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void trustsTheGivenCaAndSendsTheApiKey() throws Exception {
        String url = start(trustedKeyStore);
        ElasticsearchSinkSettings settings = ElasticsearchAlertSink.builder()
                .setHosts(url)
                .setCaCertificateFile(trustedCa.toString())
                .setApiKey(Secret.of("aWQ6a2V5"))
                .build()
                .settings();
        try (RestClient client = RestClients.create(settings)) {
            assertThat(client.performRequest(new Request("GET", "/"))
                            .getStatusLine()
                            .getStatusCode())
                    .isEqualTo(200);
        }
        assertThat(authorizations).containsExactly("ApiKey aWQ6a2V5");
    }

    @Test
    void sendsBasicAuthentication() throws Exception {
        String url = start(trustedKeyStore);
        ElasticsearchSinkSettings settings = ElasticsearchAlertSink.builder()
                .setHosts(url)
                .setCaCertificateFile(trustedCa.toString())
                .setBasicAuth("elastic", Secret.of("pä:ss"))
                .build()
                .settings();
        try (RestClient client = RestClients.create(settings)) {
            client.performRequest(new Request("GET", "/"));
        }
        assertThat(authorizations)
                .containsExactly("Basic "
                        + Base64.getEncoder().encodeToString("elastic:pä:ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAServerItDoesNotTrust() throws Exception {
        String url = start(trustedKeyStore);
        ElasticsearchSinkSettings jvmTrustStore =
                ElasticsearchAlertSink.builder().setHosts(url).build().settings();
        try (RestClient client = RestClients.create(jvmTrustStore)) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .isInstanceOf(IOException.class);
        }
        assertThat(authorizations).isEmpty();
    }

    @Test
    void checksTheHostNameUnlessInsecure() throws Exception {
        String url = start(otherNameKeyStore);
        Path otherCa = dir.resolve("other-ca.pem");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "es",
                "-keystore",
                otherNameKeyStore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-file",
                otherCa.toString());
        ElasticsearchSinkSettings trustedButWrongName = ElasticsearchAlertSink.builder()
                .setHosts(url)
                .setCaCertificateFile(otherCa.toString())
                .build()
                .settings();
        try (RestClient client = RestClients.create(trustedButWrongName)) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .isInstanceOf(IOException.class);
        }
        ElasticsearchSinkSettings insecure = ElasticsearchAlertSink.builder()
                .setHosts(url)
                .setInsecureSkipVerify(true)
                .build()
                .settings();
        try (RestClient client = RestClients.create(insecure)) {
            assertThat(client.performRequest(new Request("GET", "/"))
                            .getStatusLine()
                            .getStatusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aBadCaFileFailsWithItsName() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
        ElasticsearchSinkSettings settings = ElasticsearchAlertSink.builder()
                .setHosts("https://127.0.0.1:9200")
                .setCaCertificateFile(garbage.toString())
                .build()
                .settings();
        assertThatThrownBy(() -> RestClients.create(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CA certificate file " + garbage);
        ElasticsearchSinkSettings missing = ElasticsearchAlertSink.builder()
                .setHosts("https://127.0.0.1:9200")
                .setCaCertificateFile(dir.resolve("missing.pem").toString())
                .build()
                .settings();
        assertThatThrownBy(() -> RestClients.create(missing))
                .hasMessageContaining("cannot read CA certificate file " + dir.resolve("missing.pem"));
    }

    private String start(Path keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Path selfSigned(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                "es",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD));
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
