package dev.streamrules.tools.demo;

import dev.streamrules.udfs.cli.CommandLine;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of {@link LiveFleet}, declared once: parsing and {@code --help} come from here. */
final class LiveFleetFlags {

    static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("bootstrap-servers")
            .stringType()
            .defaultValue("127.0.0.1:9092")
            .withDescription("Kafka (HOST:PORT)");
    static final ConfigOption<String> TOPIC = ConfigOptions.key("topic")
            .stringType()
            .defaultValue("endpoint-events")
            .withDescription("events topic");
    static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("alerts-topic")
            .stringType()
            .noDefaultValue()
            .withDescription("also check the job's alerts topic, read_committed (default: off)");
    static final ConfigOption<String> ES_URL = ConfigOptions.key("es-url")
            .stringType()
            .defaultValue("http://127.0.0.1:9200")
            .withDescription("Elasticsearch");
    static final ConfigOption<String> INDEX = ConfigOptions.key("index")
            .stringType()
            .defaultValue("streamrules-alerts")
            .withDescription("alerts index; must be empty or absent");
    static final ConfigOption<Double> RATE =
            ConfigOptions.key("rate").doubleType().defaultValue(500.0).withDescription("events per second");
    static final ConfigOption<Duration> DURATION = ConfigOptions.key("duration")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("how long to send (e.g. 90s, 2m); 0 = until Ctrl-C");
    static final ConfigOption<Integer> HOSTS =
            ConfigOptions.key("hosts").intType().defaultValue(50).withDescription("simulated hosts");
    static final ConfigOption<Long> SEED = ConfigOptions.key("seed")
            .longType()
            .noDefaultValue()
            .withDescription("simulation seed (default: random, printed)");
    static final ConfigOption<Double> ATTACK_RATE = ConfigOptions.key("attack-rate")
            .doubleType()
            .defaultValue(0.01)
            .withDescription("fraction of interactive shell commands that are attacks");
    static final ConfigOption<Double> NEAR_MISS_RATE = ConfigOptions.key("near-miss-rate")
            .doubleType()
            .defaultValue(0.05)
            .withDescription("fraction of commands that are near misses");
    static final ConfigOption<Double> SEQUENCE_ATTACK_RATE = ConfigOptions.key("sequence-attack-rate")
            .doubleType()
            .defaultValue(0.0)
            .withDescription("fraction of new sessions that plant an attack (and as many near misses) for the rules"
                    + " in deploy/rules/sequences; the job must run them. Adds \"; sequences: X in Elasticsearch,"
                    + " Y expected, Z duplicates\" to the last line (0: none)");
    static final ConfigOption<Duration> GRACE = ConfigOptions.key("grace")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("after sending, wait at most this long for stragglers");
    static final ConfigOption<Duration> WARMUP = ConfigOptions.key("warmup")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("leave alerts of events sent in the first D out of the latency percentiles"
                    + " (they still count as alerts)");
    static final ConfigOption<Duration> POLL_INTERVAL = ConfigOptions.key("poll-interval")
            .durationType()
            .defaultValue(Duration.ofMillis(50))
            .withDescription("how often to search Elasticsearch (10ms to 10s)");
    static final ConfigOption<Boolean> QUIET = ConfigOptions.key("quiet")
            .booleanType()
            .defaultValue(false)
            .withDescription("do not print each alert (benchmarks)");
    static final ConfigOption<String> ALERT_LOG = ConfigOptions.key("alert-log")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "write one CSV line per alert: seen_ms,append_ms,latency_ms,host,event_id,detected_ms,tree_wait_ms"
                            + " (detected_ms: the alert's @timestamp; tree_wait_ms: the process tree's wait)");
    static final ConfigOption<Boolean> HELP = CommandLine.HELP;

    static final CommandLine COMMAND_LINE = CommandLine.builder()
            .section(
                    null,
                    List.of(
                            BOOTSTRAP_SERVERS,
                            TOPIC,
                            ALERTS_TOPIC,
                            ES_URL,
                            INDEX,
                            RATE,
                            DURATION,
                            HOSTS,
                            SEED,
                            ATTACK_RATE,
                            NEAR_MISS_RATE,
                            SEQUENCE_ATTACK_RATE,
                            GRACE,
                            WARMUP,
                            POLL_INTERVAL,
                            QUIET,
                            ALERT_LOG,
                            HELP))
            .switches(QUIET, HELP)
            .build();

    private LiveFleetFlags() {}
}
