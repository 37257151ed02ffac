package dev.streamrules.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.job.kafka.StartingOffsets;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigTest {

    @TempDir
    Path dir;

    private Path input() throws IOException {
        Path p = dir.resolve("in.ndjson");
        if (!Files.exists(p)) {
            Files.writeString(p, "{}\n");
        }
        return p;
    }

    @Test
    void readsTypedValuesAndDefaults() throws IOException {
        JobConfig c = JobConfig.fromArgs("--input", input().toString(), "--parallelism=3", "--max-event-age", "9m");
        assertThat(c.get(JobOptions.PARALLELISM)).isEqualTo(3);
        assertThat(c.get(JobOptions.MAX_EVENT_AGE)).isEqualTo(Duration.ofMinutes(9));
        assertThat(c.get(ReplayOptions.OUTPUT)).isEqualTo("-");
        assertThat(c.get(ReplayOptions.DEAD_LETTER)).isNull();
        assertThat(c.get(KafkaOptions.STARTING_OFFSETS)).isEqualTo(StartingOffsets.COMMITTED_EARLIEST);
        assertThat(c.isReplay()).isTrue();
    }

    @Test
    void aFlagBeatsTheFileWhichBeatsTheClusterConfigurationWhichBeatsTheDefault() throws IOException {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "input=" + input() + "\nparallelism=4\noutput=/tmp/file.ndjson\n");
        Configuration cluster = new Configuration();
        cluster.setString("streamrules.parallelism", "5");
        cluster.setString("streamrules.output", "/tmp/cluster.ndjson");
        cluster.setString("streamrules.dead-letter", "/tmp/cluster-dead.ndjson");
        cluster.setString("parallelism.default", "7"); // Flink's own keys are not the job's
        JobConfig c = JobConfig.fromArgs(cluster, "--config", file.toString(), "--parallelism", "2");
        assertThat(c.get(JobOptions.PARALLELISM)).as("flag").isEqualTo(2);
        assertThat(c.get(ReplayOptions.OUTPUT)).as("file").isEqualTo("/tmp/file.ndjson");
        assertThat(c.get(ReplayOptions.DEAD_LETTER)).as("cluster").isEqualTo("/tmp/cluster-dead.ndjson");
        assertThat(c.get(ProcessTreeOptions.ENABLED)).as("default").isTrue();
        assertThat(c.isSet(ReplayOptions.DEAD_LETTER)).isTrue();
        assertThat(c.isSet(ReplayOptions.OUTPUT)).isTrue();
        assertThat(c.isSet(JobOptions.MAX_EVENT_AGE)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--parallelism 0                 | --parallelism must be at least 1, was 0",
                "--parallelism two               | --parallelism: expected a whole number, got \"two\"",
                "--max-event-age 5weeks          | --max-event-age: expected a duration such as 500ms, 10s, 9m, 2h or 1d",
                "--max-event-age 0s              | --max-event-age must be positive",
                "--process-tree.enabled maybe    | --process-tree.enabled: expected true or false, got \"maybe\"",
                "--process-tree.parent-wait 0s   | process-tree: ",
                "--mode batch                    | --mode: expected one of [replay, stream], got \"batch\"",
                "--colour blue                   | unknown option --colour (see --help)",
                "--output                        | --output needs a value",
                "stray                           | expected an option such as --config, got \"stray\"",
                "--output a --output b           | --output given more than once",
                "--rules /no/such/rules          | --rules /no/such/rules: no such file or folder",
                "--mapping /no/such.json         | --mapping /no/such.json: no such readable file",
                "--mode stream --kafka.bootstrap-servers= | --kafka.bootstrap-servers is required in stream mode",
                "--mode stream --kafka.topics a --kafka.topic-pattern b | give either --kafka.topics or --kafka.topic-pattern, not both",
                "--mode stream --kafka.topic-pattern ( | --kafka.topic-pattern is not a valid regular expression",
                "--mode stream --kafka.topics ,  | --kafka.topics must name at least one topic",
                "--mode stream --kafka.starting-offsets newest | --kafka.starting-offsets: expected one of [committed-earliest, committed-latest, earliest, latest]",
                "--mode stream --state.backend memory | --state.backend: expected one of [rocksdb, hashmap]",
                "--mode stream --kafka.group-id= | --kafka.group-id must not be empty",
                "--mode stream --checkpoint.interval 0s | --checkpoint.interval must be positive",
                "--mode stream --watermark.out-of-orderness -1s | --watermark.out-of-orderness: expected a duration such as 500ms",
                "--mode stream --kafka.transaction-timeout 20s | --kafka.transaction-timeout (PT20S) must be well above --checkpoint.interval (PT10S)",
                "--mode stream --es.max-batch-size 0 | --es.max-batch-size must be at least 1",
                "--mode stream --es.max-time-in-buffer 0ms | --es.max-time-in-buffer must be positive",
                "--mode stream --es.hosts 127.0.0.1:9200 | --es.hosts: host \"127.0.0.1:9200\" must be a URL starting with http:// or https://",
                "--mode stream --es.hosts https://a:9200,http://b:9200 | --es.hosts: hosts mix http:// and https://",
                "--mode stream --es.index Alerts | --es.index: index \"Alerts\" must be lowercase",
                "--mode stream --es.api-key-env A --es.api-key-file B | give either --es.api-key-env or --es.api-key-file, not both",
                "--mode stream --es.username elastic | --es.username needs a password",
                "--mode stream --es.ca-file /no/ca.pem | --es.ca-file /no/ca.pem: no such readable file",
            })
    void rejectsInvalidValuesNamingTheOption(String args, String message) throws IOException {
        String[] parts = ("--input " + input() + " " + args.trim()).split(" ");
        assertThatThrownBy(() -> JobConfig.fromArgs(parts))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message.trim());
    }

    /** A replay keeps the tree's time by its events unless told otherwise; a stream by the wall clock. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "replay, auto, EVENT_TIME",
        "stream, auto, PROCESSING_TIME",
        "replay, processing-time, PROCESSING_TIME",
        "stream, event-time, EVENT_TIME",
    })
    void theTreeClockFollowsTheMode(String mode, String clock, ProcessTreeSettings.Clock expected) throws IOException {
        JobConfig c = JobConfig.fromArgs("--mode", mode, "--input", input().toString(), "--process-tree.clock", clock);
        assertThat(c.processTree().clock()).isEqualTo(expected);
    }

    @Test
    void unknownOptionsAreFoundInEverySource() throws IOException {
        Path file = Files.writeString(dir.resolve("job.properties"), "colour=blue\n");
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        Map.of("streamrules.flavour", "x", "taskmanager.numberOfTaskSlots", "2"),
                        "--input",
                        input().toString(),
                        "--config",
                        file.toString()))
                .hasMessageContaining("unknown option colour in --config " + file)
                .hasMessageContaining("unknown option streamrules.flavour in the cluster configuration")
                .message()
                .doesNotContain("numberOfTaskSlots");
    }

    @Test
    void reportsEveryProblemAtOnceOneALine() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--mode", "replay", "--parallelism", "-1", "--nope", "x"))
                .hasMessage(String.join(
                        "\n",
                        "unknown option --nope (see --help)",
                        "--parallelism must be at least 1, was -1",
                        "--input is required (the NDJSON file to replay)"));
    }

    @Test
    void rulesMayBeRepeatedAndKeepTheirOrder() throws IOException {
        Path a = Files.createDirectories(dir.resolve("rules-a"));
        Path b = Files.writeString(dir.resolve("b.toml"), "");
        JobConfig c = JobConfig.fromArgs("--input", input().toString(), "--rules", a.toString(), "--rules=" + b);
        assertThat(c.rulePaths()).containsExactly(a, b);
        assertThat(JobConfig.fromArgs("--input", input().toString()).rulePaths())
                .isEmpty();
        Path file = Files.writeString(dir.resolve("job.properties"), "rules=" + b + ";" + a + "\n");
        assertThat(JobConfig.fromArgs("--input", input().toString(), "--config", file.toString())
                        .rulePaths())
                .as("several paths in a file")
                .containsExactly(b, a);
    }

    @Test
    void kafkaClientPropertiesPassThroughFromEverySource() throws IOException {
        Path file = Files.writeString(dir.resolve("job.properties"), "kafka.properties.acks=all\n");
        JobConfig c = JobConfig.fromArgs(
                Map.of("streamrules.kafka.properties.client.rack", "eu-1"),
                "--mode",
                "stream",
                "--config",
                file.toString(),
                "--kafka.properties.security.protocol",
                "SSL");
        assertThat(c.withPrefix(KafkaOptions.PROPERTIES_PREFIX))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("security.protocol", "SSL", "acks", "all", "client.rack", "eu-1"));
    }

    @Test
    void checkRulesIsASwitchThatNeedsNoInputNorServers() throws IOException {
        Path mapping = Files.writeString(dir.resolve("mapping.json"), "{}");
        JobConfig c = JobConfig.fromArgs("--check-rules", "--mapping", mapping.toString());
        assertThat(c.get(RuleOptions.CHECK_RULES)).isTrue();
        assertThat(c.get(RuleOptions.MAPPING)).isEqualTo(mapping.toString());
        assertThat(JobConfig.fromArgs("--input", input().toString()).get(RuleOptions.CHECK_RULES))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "10,PT10S", "9m,PT9M", "2h,PT2H", "1d,PT24H", "15min,PT15M"})
    void readsDurationsAsTyped(String text, String iso) throws IOException {
        JobConfig c = JobConfig.fromArgs("--input", input().toString(), "--max-event-age", text);
        assertThat(c.get(JobOptions.MAX_EVENT_AGE)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = JobConfig.usage();
        for (ConfigOption<?> o : JobConfig.COMMAND_LINE.options()) {
            String line = usage.lines()
                    .filter(l -> l.startsWith("  --" + o.key() + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("--help misses --" + o.key()));
            if (o.hasDefaultValue() && o != JobOptions.HELP && o != RuleOptions.CHECK_RULES) {
                assertThat(line).endsWith("]").contains("[default: ");
            }
        }
        assertThat(usage)
                .contains("--es.max-time-in-buffer")
                .contains("[default: 10ms]")
                .contains("[default: 15m]")
                .contains("[default: committed-earliest]")
                .contains("any --kafka.properties.<name> is passed to the Kafka clients")
                .contains("streamrules.<key> in the cluster's Flink configuration");
    }
}
