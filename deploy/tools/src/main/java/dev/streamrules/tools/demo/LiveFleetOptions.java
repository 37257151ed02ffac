package dev.streamrules.tools.demo;

import static dev.streamrules.tools.demo.LiveFleetFlags.ALERTS_TOPIC;
import static dev.streamrules.tools.demo.LiveFleetFlags.ALERT_LOG;
import static dev.streamrules.tools.demo.LiveFleetFlags.ATTACK_RATE;
import static dev.streamrules.tools.demo.LiveFleetFlags.BOOTSTRAP_SERVERS;
import static dev.streamrules.tools.demo.LiveFleetFlags.COMMAND_LINE;
import static dev.streamrules.tools.demo.LiveFleetFlags.DURATION;
import static dev.streamrules.tools.demo.LiveFleetFlags.ES_URL;
import static dev.streamrules.tools.demo.LiveFleetFlags.GRACE;
import static dev.streamrules.tools.demo.LiveFleetFlags.HELP;
import static dev.streamrules.tools.demo.LiveFleetFlags.HOSTS;
import static dev.streamrules.tools.demo.LiveFleetFlags.INDEX;
import static dev.streamrules.tools.demo.LiveFleetFlags.NEAR_MISS_RATE;
import static dev.streamrules.tools.demo.LiveFleetFlags.POLL_INTERVAL;
import static dev.streamrules.tools.demo.LiveFleetFlags.QUIET;
import static dev.streamrules.tools.demo.LiveFleetFlags.RATE;
import static dev.streamrules.tools.demo.LiveFleetFlags.SEED;
import static dev.streamrules.tools.demo.LiveFleetFlags.SEQUENCE_ATTACK_RATE;
import static dev.streamrules.tools.demo.LiveFleetFlags.TOPIC;
import static dev.streamrules.tools.demo.LiveFleetFlags.WARMUP;

import dev.streamrules.udfs.cli.CommandLineException;
import dev.streamrules.udfs.cli.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/**
 * The validated command line of {@link LiveFleet} (options declared in {@link LiveFleetFlags}).
 * {@link #parse(String...)} checks every value and throws {@link UsageException} with every problem,
 * one a line; {@code help()} is true when only the usage text was asked for.
 */
public record LiveFleetOptions(
        String bootstrapServers,
        String topic,
        String alertsTopic,
        String esUrl,
        String index,
        double rate,
        Duration duration,
        int hosts,
        long seed,
        double attackRate,
        double nearMissRate,
        double sequenceAttackRate,
        Duration grace,
        Duration warmup,
        Duration pollInterval,
        boolean quiet,
        String alertLog,
        boolean help) {

    public static final String USAGE = """
            Usage: java -cp deploy/tools/target/streamrules-tools.jar dev.streamrules.tools.demo.LiveFleet [options]

            Sends simulated fleet traffic (Elastic Defend Linux process events, keyed by host.id) to a
            Kafka topic at a steady rate, watches the alerts index in Elasticsearch and prints every alert
            as soon as it is searchable, with its end-to-end latency (Kafka append time of the source
            event to first seen in search results). Ends with a latency line and the line
              alerts: X in Elasticsearch, Y expected, Z duplicates
            and exits 0 when X == Y, every expected alert is there and nothing is duplicated; else 1
            (2 for a bad command line).

            """ + COMMAND_LINE.usage();

    /** Thrown for a bad command line. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The command line's settings with every default applied. */
    public static LiveFleetOptions parse(String... args) throws UsageException {
        try {
            Settings s = COMMAND_LINE.parse(args);
            if (Boolean.TRUE.equals(s.getOrNull(HELP))) {
                return of(s, 0, true);
            }
            s.requireNoProblems(problems(s));
            Long seed = s.get(SEED);
            return of(s, seed == null ? System.nanoTime() ^ System.currentTimeMillis() : seed, false);
        } catch (CommandLineException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static LiveFleetOptions of(Settings s, long seed, boolean help) {
        String esUrl = s.getOrNull(ES_URL);
        return new LiveFleetOptions(
                s.getOrNull(BOOTSTRAP_SERVERS),
                s.getOrNull(TOPIC),
                s.getOrNull(ALERTS_TOPIC),
                esUrl != null && esUrl.endsWith("/") ? esUrl.substring(0, esUrl.length() - 1) : esUrl,
                s.getOrNull(INDEX),
                s.getOrNull(RATE),
                s.getOrNull(DURATION),
                s.getOrNull(HOSTS),
                seed,
                s.getOrNull(ATTACK_RATE),
                s.getOrNull(NEAR_MISS_RATE),
                s.getOrNull(SEQUENCE_ATTACK_RATE),
                s.getOrNull(GRACE),
                s.getOrNull(WARMUP),
                s.getOrNull(POLL_INTERVAL),
                s.getOrNull(QUIET),
                s.getOrNull(ALERT_LOG),
                help);
    }

    /** True when the tool runs until interrupted. */
    public boolean unbounded() {
        return duration.isZero();
    }

    private static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        for (ConfigOption<String> o : List.of(BOOTSTRAP_SERVERS, TOPIC, ALERTS_TOPIC, ES_URL, INDEX, ALERT_LOG)) {
            String v = s.getOrNull(o);
            if (s.isSet(o) && v != null && v.isBlank()) {
                problems.add("--" + o.key() + " must not be empty");
            }
        }
        String url = s.getOrNull(ES_URL);
        if (url != null && !url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
            problems.add("--es-url: expected an http:// or https:// URL, got '" + url + "'");
        }
        String index = s.getOrNull(INDEX);
        if (index != null && !index.isBlank() && !isIndexName(index)) {
            problems.add("--index: '" + index
                    + "' is not a valid index name (lower case, no \\ / * ? \" < > | , # : or space)");
        }
        between(s, RATE, 0.001, 1_000_000, problems);
        between(s, HOSTS, 1, 100_000, problems);
        between(s, ATTACK_RATE, 0, 1, problems);
        between(s, NEAR_MISS_RATE, 0, 1, problems);
        between(s, SEQUENCE_ATTACK_RATE, 0, 0.5, problems);
        Double attack = s.getOrNull(ATTACK_RATE);
        Double nearMiss = s.getOrNull(NEAR_MISS_RATE);
        if (attack != null && nearMiss != null && attack + nearMiss > 1.0) {
            problems.add("--attack-rate plus --near-miss-rate must not exceed 1, got " + (attack + nearMiss));
        }
        for (ConfigOption<Duration> o : List.of(DURATION, GRACE, WARMUP)) {
            Duration d = s.getOrNull(o);
            if (d != null && !d.isZero() && d.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add("--" + o.key() + ": must be 0 or at least 1s, got " + d.toMillis() + "ms");
            }
        }
        Duration poll = s.getOrNull(POLL_INTERVAL);
        if (poll != null && (poll.compareTo(Duration.ofMillis(10)) < 0 || poll.compareTo(Duration.ofSeconds(10)) > 0)) {
            problems.add("--poll-interval must be between 10ms and 10s, got " + poll.toMillis() + "ms");
        }
        Duration duration = s.getOrNull(DURATION);
        Duration warmup = s.getOrNull(WARMUP);
        if (duration != null && !duration.isZero() && warmup != null && warmup.compareTo(duration) >= 0) {
            problems.add("--warmup must be shorter than --duration");
        }
        if (duration != null && duration.compareTo(Duration.ofDays(7)) > 0) {
            problems.add("--duration must be at most 7 days");
        }
        return problems;
    }

    private static <T extends Number> void between(
            Settings s, ConfigOption<T> option, double min, double max, List<String> problems) {
        T value = s.getOrNull(option);
        if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            problems.add(
                    "--" + option.key() + ": must be between " + plain(min) + " and " + plain(max) + ", got " + value);
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Elasticsearch's index name rules, the ones a typo would break: lower case, no separators or wildcards. */
    private static boolean isIndexName(String v) {
        return v.equals(v.toLowerCase(Locale.ROOT))
                && !v.startsWith("_")
                && !v.startsWith("-")
                && !v.startsWith("+")
                && v.chars().noneMatch(c -> "\\/*?\"<>| ,#:".indexOf(c) >= 0);
    }
}
