package dev.streamrules.job.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.config.JobConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Preflight checks that need no running server: each mistake is one line naming the option and the fix. */
class PreflightTest {

    @TempDir
    static Path dir;

    private static List<String> problems(String... args) {
        return new Preflight(JobConfig.fromArgs(args))
                .run().stream().map(Problem::line).collect(Collectors.toList());
    }

    /** A loopback port where nothing listens. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aReplayOfAPipeOrDeviceIsRefusedInOneLine() throws Exception {
        List<String> problems = problems("--input", "/dev/null");
        assertThat(problems)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("--input: /dev/null is not a regular file")
                        .contains("fix: write the events to a file"));
        Path file = Files.writeString(dir.resolve("events.ndjson"), "{}\n");
        assertThat(problems("--input", file.toString())).isEmpty();
    }

    static Stream<Arguments> localMistakes() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty-key"), "  \n");
        Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");
        return Stream.of(
                Arguments.of(
                        List.of("--es.api-key-file", dir.resolve("missing-key").toString()),
                        "--es.api-key-file: " + dir.resolve("missing-key") + " is not a readable file"),
                Arguments.of(
                        List.of("--es.api-key-file", empty.toString()), "--es.api-key-file: " + empty + " is empty"),
                Arguments.of(
                        List.of("--es.api-key-env", "STREAMRULES_NO_SUCH_VARIABLE"),
                        "--es.api-key-env: environment variable STREAMRULES_NO_SUCH_VARIABLE is not set"),
                Arguments.of(
                        List.of("--es.ca-file", notPem.toString()),
                        "--es.ca-file: is set but no --es.hosts URL is https://"),
                Arguments.of(
                        List.of("--es.hosts", "https://127.0.0.1:9200", "--es.ca-file", notPem.toString()),
                        "--es.ca-file: " + notPem + " holds no PEM certificate"),
                Arguments.of(
                        List.of("--kafka.properties.ssl.truststore.location", notPem.toString()),
                        "--kafka.properties.ssl.truststore.location: is set but security.protocol is PLAINTEXT"),
                Arguments.of(
                        List.of("--kafka.properties.security.protocol", "SASL_SSL"),
                        "--kafka.properties.sasl.jaas.config: is missing while security.protocol is SASL_SSL"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("localMistakes")
    void localMistakesAreOneLineEachNamingTheOptionAndTheFix(List<String> args, String expected) {
        List<String> all = new ArrayList<>(List.of("--mode", "stream"));
        all.addAll(args);
        List<String> problems = problems(all.toArray(String[]::new));
        assertThat(problems)
                .anySatisfy(line -> assertThat(line).startsWith(expected).contains("; fix: "));
        assertThat(problems).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    }

    @Test
    void unreachableKafkaAndElasticsearchAreNamedWithinTheTimeout() throws Exception {
        List<String> problems = problems(
                "--mode",
                "stream",
                "--preflight.timeout",
                "2s",
                "--kafka.bootstrap-servers",
                "127.0.0.1:" + closedPort(),
                "--es.hosts",
                "http://127.0.0.1:" + closedPort());
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
                .startsWith("--kafka.bootstrap-servers: Kafka at 127.0.0.1:")
                .contains("did not answer within 2s")
                .contains("fix: start Kafka or correct the address");
        assertThat(problems.get(1))
                .startsWith("--es.hosts: Elasticsearch at [http://127.0.0.1:")
                .contains("is not reachable")
                .contains("fix: start Elasticsearch or correct the URL");
    }

    @Test
    void preflightCanBeTurnedOff() throws Exception {
        assertThat(problems(
                        "--mode",
                        "stream",
                        "--preflight",
                        "false",
                        "--kafka.bootstrap-servers",
                        "127.0.0.1:" + closedPort()))
                .isEmpty();
    }
}
