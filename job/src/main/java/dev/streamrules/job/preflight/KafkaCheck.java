package dev.streamrules.job.preflight;

import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.job.config.PreflightOptions;
import dev.streamrules.job.kafka.KafkaConnectors;
import dev.streamrules.job.kafka.KafkaRecordLimit;
import dev.streamrules.job.tls.TlsFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Kafka reachable within the preflight timeout; the event topics, the alerts topic and the
 * dead-letter topic exist (or are created with {@code --kafka.create-topics}); the output topics
 * accept records as large as the producers send ({@code max.message.bytes}).
 */
final class KafkaCheck {

    private final JobConfig config;
    private final Duration timeout;

    KafkaCheck(JobConfig config) {
        this.config = config;
        this.timeout = config.get(PreflightOptions.TIMEOUT);
    }

    void run(List<Problem> problems) {
        Properties props = KafkaConnectors.producerProperties(config);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing;
            try {
                admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                problems.add(unreachable(e));
                return;
            }
            Map<String, String> required = requiredTopics();
            List<String> missing = new ArrayList<>();
            required.forEach((topic, option) -> {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            });
            if (!missing.isEmpty() && config.get(KafkaOptions.CREATE_TOPICS)) {
                create(admin, missing, problems);
            } else {
                for (String topic : missing) {
                    problems.add(new Problem(
                            required.get(topic),
                            "topic " + topic + " does not exist on " + config.get(KafkaOptions.BOOTSTRAP_SERVERS),
                            "create it, correct the name, or pass" + " --kafka.create-topics true to have it created"));
                }
            }
            if (missing.isEmpty()) {
                messageSizes(admin, problems);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(new Problem(KafkaOptions.BOOTSTRAP_SERVERS.key(), "preflight interrupted", "run it again"));
        } catch (RuntimeException e) {
            // e.g. a bootstrap address that does not resolve, or an invalid client property
            problems.add(new Problem(
                    KafkaOptions.BOOTSTRAP_SERVERS.key(),
                    "cannot create a Kafka client: " + message(e),
                    "correct --kafka.bootstrap-servers and the --kafka.properties.* settings"));
        }
    }

    /** Topic to the option that names it; the event topics only when given by name. */
    private Map<String, String> requiredTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        if (!config.isSet(KafkaOptions.TOPIC_PATTERN)) {
            for (String topic : config.list(KafkaOptions.TOPICS)) {
                topics.put(topic, KafkaOptions.TOPICS.key());
            }
        }
        String alerts = config.get(KafkaOptions.ALERTS_TOPIC);
        if (alerts != null && !alerts.isBlank()) {
            topics.put(alerts, KafkaOptions.ALERTS_TOPIC.key());
        }
        topics.put(config.get(KafkaOptions.DEAD_LETTER_TOPIC), KafkaOptions.DEAD_LETTER_TOPIC.key());
        return topics;
    }

    private void create(Admin admin, List<String> topics, List<Problem> problems) throws InterruptedException {
        int partitions = config.get(KafkaOptions.CREATE_TOPICS_PARTITIONS);
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            admin.createTopics(newTopics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitListed(admin, topics, deadline);
        } catch (ExecutionException | TimeoutException e) {
            problems.add(new Problem(
                    KafkaOptions.CREATE_TOPICS.key(),
                    "could not create " + topics + ": " + message(e),
                    "create the topics yourself, or grant this principal CREATE on them"));
        }
    }

    /**
     * The create call returns once the controller has the topics; a broker lists them a moment later.
     * The job's Kafka source fails on a topic its broker does not know yet, so preflight waits for it.
     */
    private static void awaitListed(Admin admin, List<String> topics, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (!admin.listTopics().names().get().containsAll(topics)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("created, but the broker does not list them yet");
            }
            Thread.sleep(50);
        }
    }

    /** Output topics must take what the producers may send, or a large alert fails on the broker. */
    private void messageSizes(Admin admin, List<Problem> problems) throws InterruptedException {
        int maxRequestSize =
                KafkaRecordLimit.of(KafkaConnectors.producerProperties(config)).maxRequestSize();
        Map<ConfigResource, String> outputs = new LinkedHashMap<>();
        String alerts = config.get(KafkaOptions.ALERTS_TOPIC);
        if (alerts != null && !alerts.isBlank()) {
            outputs.put(new ConfigResource(ConfigResource.Type.TOPIC, alerts), KafkaOptions.ALERTS_TOPIC.key());
        }
        outputs.put(
                new ConfigResource(ConfigResource.Type.TOPIC, config.get(KafkaOptions.DEAD_LETTER_TOPIC)),
                KafkaOptions.DEAD_LETTER_TOPIC.key());
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(outputs.keySet()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return; // not allowed to read topic configs: nothing to compare with, the topics exist
        }
        configs.forEach((resource, topicConfig) -> {
            var entry = topicConfig.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null && Long.parseLong(entry.value()) < maxRequestSize) {
                problems.add(new Problem(
                        outputs.get(resource),
                        "topic " + resource.name() + " accepts records of at"
                                + " most " + entry.value() + " bytes (max.message.bytes) but the producers send up to "
                                + maxRequestSize + " (max.request.size)",
                        "pass --kafka.properties.max.request.size=" + entry.value()
                                + " or raise the topic's max.message.bytes"));
            }
        });
    }

    private Problem unreachable(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        Optional<TlsFailure> tls = TlsFailure.of(cause);
        if (tls.isPresent()) {
            return tlsProblem(tls.get(), "Kafka at " + bootstrap);
        }
        if (cause instanceof SslAuthenticationException) {
            return new Problem(
                    KafkaOptions.PROPERTIES_PREFIX + "security.protocol",
                    "TLS with Kafka at " + bootstrap + " failed: " + message(cause),
                    "check that the listener at that address speaks " + clientProperty("security.protocol", "PLAINTEXT")
                            + " and the ssl.* settings");
        }
        if (cause instanceof AuthenticationException) {
            return new Problem(
                    KafkaOptions.PROPERTIES_PREFIX + "sasl.jaas.config",
                    "Kafka at " + bootstrap + " refused the credentials: " + message(cause),
                    "correct the user name and password in the login module (and --"
                            + KafkaOptions.PROPERTIES_PREFIX + "sasl.mechanism, now "
                            + clientProperty("sasl.mechanism", "GSSAPI") + ")");
        }
        if (cause instanceof AuthorizationException) {
            return new Problem(
                    KafkaOptions.PROPERTIES_PREFIX + "sasl.jaas.config",
                    "Kafka refused the client: " + message(cause),
                    "grant this principal access to the cluster and topics (ACLs)");
        }
        return new Problem(
                KafkaOptions.BOOTSTRAP_SERVERS.key(),
                "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + "s (" + message(cause)
                        + ")",
                "start Kafka or correct the address (and --kafka.properties.security.protocol)");
    }

    /** The broker's certificate refused: the option to change depends on why. */
    private Problem tlsProblem(TlsFailure failure, String server) {
        if (failure.kind() == TlsFailure.Kind.UNTRUSTED) {
            Map<String, String> client = config.withPrefix(KafkaOptions.PROPERTIES_PREFIX);
            String key = client.containsKey("ssl.truststore.certificates")
                    ? "ssl.truststore.certificates"
                    : "ssl.truststore.location";
            String store = client.get("ssl.truststore.location");
            return new Problem(
                    KafkaOptions.PROPERTIES_PREFIX + key,
                    failure.describe(server)
                            + (client.containsKey(key)
                                    ? (store == null ? "" : "; the trust store is " + store)
                                    : "; no trust store is set, so only the JVM's CAs are trusted"),
                    "give the CA certificate that signed the broker's (a PEM file with"
                            + " --kafka.properties.ssl.truststore.type=PEM)");
        }
        if (failure.kind() == TlsFailure.Kind.WRONG_HOST) {
            return new Problem(
                    KafkaOptions.BOOTSTRAP_SERVERS.key(),
                    failure.describe(server),
                    "use an address the broker's certificate names, or issue it one that names this address");
        }
        return new Problem(
                KafkaOptions.BOOTSTRAP_SERVERS.key(),
                failure.describe(server),
                "renew the broker's certificate (the key store of its SASL_SSL or SSL listener)");
    }

    private String clientProperty(String key, String defaultValue) {
        return config.withPrefix(KafkaOptions.PROPERTIES_PREFIX).getOrDefault(key, defaultValue);
    }

    static String message(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
