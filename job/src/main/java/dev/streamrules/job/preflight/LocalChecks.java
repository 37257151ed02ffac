package dev.streamrules.job.preflight;

import dev.streamrules.job.config.ElasticsearchOptions;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.job.config.ReplayOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * Checks that need no server and look at files and the environment: the input file, secret files, TLS
 * settings that contradict each other. (Values alone are checked when the configuration is read.)
 */
final class LocalChecks {

    private LocalChecks() {}

    /**
     * Replay reads its input as a splittable file (it seeks), so a pipe or terminal such as
     * {@code /dev/stdin} cannot work: say so in one line instead of a stack trace.
     */
    static void input(JobConfig config, List<Problem> problems) {
        String input = config.get(ReplayOptions.INPUT);
        if (input == null) {
            return;
        }
        Path path = Path.of(input);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            problems.add(new Problem(
                    ReplayOptions.INPUT.key(),
                    input + " is not a regular file (a pipe, terminal or"
                            + " device such as /dev/stdin cannot be replayed: the reader needs to seek)",
                    "write the events to a file first, e.g. `cat > events.ndjson`, and pass that file"));
        }
    }

    static void secretFiles(JobConfig config, List<Problem> problems) {
        for (ConfigOption<String> option :
                List.of(ElasticsearchOptions.API_KEY_FILE, ElasticsearchOptions.PASSWORD_FILE)) {
            String file = config.get(option);
            if (file == null) {
                continue;
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problems.add(new Problem(
                        option.key(),
                        file + " is not a readable file",
                        "create it (readable by the Flink user) or correct the path"));
            } else if (isBlank(path)) {
                problems.add(new Problem(option.key(), file + " is empty", "put the secret into it"));
            }
        }
        for (ConfigOption<String> option :
                List.of(ElasticsearchOptions.API_KEY_ENV, ElasticsearchOptions.PASSWORD_ENV)) {
            String variable = config.get(option);
            if (variable != null && System.getenv(variable) == null) {
                problems.add(new Problem(
                        option.key(),
                        "environment variable " + variable + " is not set here",
                        "set it in the environment of the JobManager and TaskManagers"));
            }
        }
    }

    static void tls(JobConfig config, List<Problem> problems) {
        List<String> hosts = config.list(ElasticsearchOptions.HOSTS);
        boolean https = hosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("https://"));
        String ca = config.get(ElasticsearchOptions.CA_FILE);
        if (ca != null && !https) {
            problems.add(new Problem(
                    ElasticsearchOptions.CA_FILE.key(),
                    "is set but no --es.hosts URL is https://",
                    "use https:// URLs, or drop --es.ca-file"));
        }
        if (ca != null && Files.isReadable(Path.of(ca)) && !isCertificate(Path.of(ca))) {
            problems.add(new Problem(
                    ElasticsearchOptions.CA_FILE.key(),
                    ca + " holds no PEM certificate",
                    "point it to the CA certificate (-----BEGIN CERTIFICATE-----) that signed Elasticsearch's"));
        }
        Map<String, String> kafka = config.withPrefix(KafkaOptions.PROPERTIES_PREFIX);
        String protocol = kafka.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        boolean kafkaTls = protocol.equals("SSL") || protocol.equals("SASL_SSL");
        for (String key : List.of("ssl.truststore.location", "ssl.keystore.location")) {
            String file = kafka.get(key);
            if (file == null) {
                continue;
            }
            String option = KafkaOptions.PROPERTIES_PREFIX + key;
            if (!kafkaTls) {
                problems.add(new Problem(
                        option,
                        "is set but security.protocol is " + protocol,
                        "set --kafka.properties.security.protocol to SSL or SASL_SSL, or drop it"));
            } else if (!Files.isReadable(Path.of(file))) {
                problems.add(new Problem(option, file + " is not a readable file", "correct the path"));
            }
        }
        if (protocol.startsWith("SASL") && !kafka.containsKey("sasl.jaas.config")) {
            problems.add(
                    new Problem(
                            KafkaOptions.PROPERTIES_PREFIX + "sasl.jaas.config",
                            "is missing while security.protocol is " + protocol,
                            "give the SASL login module and credentials, e.g. ScramLoginModule required username=… password=…;"));
        }
    }

    private static boolean isBlank(Path path) {
        try {
            return Files.readString(path).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .isEmpty();
        } catch (IOException | CertificateException e) {
            return false;
        }
    }
}
