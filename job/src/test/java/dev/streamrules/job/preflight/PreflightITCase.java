package dev.streamrules.job.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preflight against a real Kafka broker and Elasticsearch node: missing topics, templates, mappings. */
class PreflightITCase {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    /** Names of one test's topics and index, nothing created. */
    private static final class Names {
        final String id = UUID.randomUUID().toString().substring(0, 8);
        final String events = "events-" + id;
        final String alerts = "alerts-" + id;
        final String deadLetters = "dead-" + id;
        final String index = "streamrules-alerts-" + id;

        /** The preflight's lines for this run's names, {@code overrides} ({@code option, value, ...}) applied. */
        List<String> problems(String... overrides) {
            Map<String, String> options = new LinkedHashMap<>(Map.of(
                    "mode",
                    "stream",
                    "preflight.timeout",
                    "10s",
                    "kafka.bootstrap-servers",
                    KAFKA.bootstrapServers(),
                    "kafka.topics",
                    events,
                    "kafka.alerts-topic",
                    alerts,
                    "kafka.dead-letter-topic",
                    deadLetters,
                    "es.hosts",
                    ES.url(),
                    "es.index",
                    index,
                    "es.install-template",
                    "true"));
            for (int i = 0; i < overrides.length; i += 2) {
                options.put(overrides[i].substring(2), overrides[i + 1]);
            }
            List<String> args = new ArrayList<>();
            options.forEach((k, v) -> args.add("--" + k + "=" + v));
            return new Preflight(JobConfig.fromArgs(args.toArray(String[]::new)))
                    .run().stream().map(Problem::line).collect(Collectors.toList());
        }

        void createTopics() {
            KAFKA.createTopic(events, 1);
            KAFKA.createTopic(alerts, 1);
            KAFKA.createTopic(deadLetters, 1);
        }
    }

    @Test
    void aMissingDeadLetterTopicIsNamedBeforeTheJobStarts() {
        Names run = new Names();
        KAFKA.createTopic(run.events, 1);
        KAFKA.createTopic(run.alerts, 1);
        assertThat(run.problems())
                .containsExactly("--kafka.dead-letter-topic: topic " + run.deadLetters
                        + " does not exist on " + KAFKA.bootstrapServers()
                        + "; fix: create it, correct the name, or pass"
                        + " --kafka.create-topics true to have it created");
    }

    @Test
    void createTopicsCreatesEveryMissingTopic() throws Exception {
        Names run = new Names();
        assertThat(run.problems()).hasSize(3);
        assertThat(run.problems("--kafka.create-topics", "true", "--kafka.create-topics.partitions", "2"))
                .isEmpty();
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains(run.events, run.alerts, run.deadLetters);
            assertThat(admin.describeTopics(List.of(run.alerts))
                            .allTopicNames()
                            .get()
                            .get(run.alerts)
                            .partitions())
                    .hasSize(2);
        }
        assertThat(run.problems()).isEmpty();
    }

    @Test
    void anIndexNoTemplateCoversIsRefusedUnlessTheTemplateIsInstalledAndCoversIt() {
        Names run = new Names();
        run.createTopics();
        String other = "other-alerts-" + run.id;
        ES.request("DELETE", "/_index_template/streamrules-alerts", null);

        assertThat(run.problems("--es.install-template", "false"))
                .singleElement()
                .asString()
                .startsWith("--es.index: no installed index template covers " + run.index)
                .contains("fix: pass --es.install-template true");
        assertThat(run.problems()).as("installs the template").isEmpty();
        assertThat(run.problems("--es.index", other))
                .singleElement()
                .asString()
                .isEqualTo("--es.index: the alerts template was installed but does not cover " + other
                        + "; fix: use an index name matching streamrules-alerts*");
    }

    @Test
    void anExistingIndexWithDynamicTextMappingsIsRefused() {
        Names run = new Names();
        run.createTopics();
        String dynamic = "dynamic-" + run.id;
        ES.index(dynamic, "1", "{\"kibana\":{\"alert\":{\"uuid\":\"abc\"}}}");

        assertThat(run.problems("--es.index", dynamic))
                .singleElement()
                .asString()
                .startsWith("--es.index: index " + dynamic + " exists without the alerts mapping"
                        + " (kibana.alert.uuid is mapped as text)");
    }

    @Test
    void anOutputTopicThatAcceptsLessThanTheProducersSendIsRefused() throws Exception {
        Names run = new Names();
        KAFKA.createTopic(run.events, 1);
        KAFKA.createTopic(run.deadLetters, 1);
        KAFKA.createTopic(run.alerts, 1, Map.of("max.message.bytes", "100000"));
        assertThat(run.problems())
                .singleElement()
                .asString()
                .startsWith("--kafka.alerts-topic: topic " + run.alerts + " accepts records of at most 100000 bytes")
                .contains("--kafka.properties.max.request.size=100000");
        assertThat(run.problems("--kafka.properties.max.request.size", "100000"))
                .isEmpty();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
