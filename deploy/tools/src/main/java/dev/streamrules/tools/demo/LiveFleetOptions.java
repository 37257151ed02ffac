package dev.streamrules.tools.demo;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The validated command line of {@link LiveFleet}. {@link #parse(String...)} checks every value and
 * throws {@link UsageException} with a message meant for the user; {@code help()} is true when only
 * the usage text was asked for.
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

              --bootstrap-servers HOST:PORT  Kafka (default 127.0.0.1:9092)
              --topic NAME                   events topic (default endpoint-events)
              --alerts-topic NAME            also check the job's alerts topic, read_committed (default: off)
              --es-url URL                   Elasticsearch (default http://127.0.0.1:9200)
              --index NAME                   alerts index; must be empty or absent (default streamrules-alerts)
              --rate N                       events per second (default 500)
              --duration D                   how long to send: seconds, or 90s, 2m; 0 = until Ctrl-C (default 0)
              --hosts N                      simulated hosts (default 50)
              --seed N                       simulation seed (default: random, printed)
              --attack-rate F                fraction of interactive shell commands that are attacks (default 0.01)
              --near-miss-rate F             fraction of commands that are near misses (default 0.05)
              --grace D                      after sending, wait at most this long for stragglers (default 30s)
              --warmup D                     leave alerts of events sent in the first D out of the latency
                                             percentiles (they still count as alerts; default 0)
              --poll-interval D              how often to search Elasticsearch: ms, or 50ms, 1s (default 50ms)
              --quiet                        do not print each alert (benchmarks)
              --alert-log FILE               write one CSV line per alert: seen_ms,append_ms,latency_ms,host,event_id,
                                             detected_ms,tree_wait_ms (the alert's @timestamp; the process tree's wait)
              --help                         print this help
            """;

    /** Thrown for a bad command line. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The command line's settings with every default applied; throws on the first invalid value. */
    public static LiveFleetOptions parse(String... args) throws UsageException {
        String bootstrap = "127.0.0.1:9092";
        String topic = "endpoint-events";
        String alertsTopic = null;
        String esUrl = "http://127.0.0.1:9200";
        String index = "streamrules-alerts";
        double rate = 500;
        Duration duration = Duration.ZERO;
        int hosts = 50;
        Long seed = null;
        double attackRate = 0.01;
        double nearMissRate = 0.05;
        Duration grace = Duration.ofSeconds(30);
        Duration warmup = Duration.ZERO;
        Duration poll = Duration.ofMillis(50);
        boolean quiet = false;
        String alertLog = null;

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("expected an option such as --rate, got '" + args[i] + "'");
            }
            if (!seen.add(flag)) {
                throw new UsageException(flag + " given more than once");
            }
            if (flag.equals("--help") || flag.equals("--quiet")) {
                if (value != null) {
                    throw new UsageException(flag + " takes no value");
                }
                if (flag.equals("--help")) {
                    return defaults(true);
                }
                quiet = true;
                continue;
            }
            if (!VALUED.contains(flag)) {
                throw new UsageException("unknown option '" + flag + "' (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--bootstrap-servers" -> bootstrap = nonBlank(flag, value);
                case "--topic" -> topic = nonBlank(flag, value);
                case "--alerts-topic" -> alertsTopic = nonBlank(flag, value);
                case "--es-url" -> esUrl = url(flag, value);
                case "--index" -> index = indexName(flag, value);
                case "--rate" -> rate = number(flag, value, 0.001, 1_000_000);
                case "--duration" -> duration = duration(flag, value, Duration.ofSeconds(1), false);
                case "--hosts" -> hosts = (int) whole(flag, value, 1, 100_000);
                case "--seed" -> seed = whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--attack-rate" -> attackRate = number(flag, value, 0, 1);
                case "--near-miss-rate" -> nearMissRate = number(flag, value, 0, 1);
                case "--grace" -> grace = duration(flag, value, Duration.ofSeconds(1), false);
                case "--warmup" -> warmup = duration(flag, value, Duration.ofSeconds(1), false);
                case "--poll-interval" -> poll = duration(flag, value, Duration.ofMillis(1), true);
                case "--alert-log" -> alertLog = nonBlank(flag, value);
                default -> throw new IllegalStateException(flag);
            }
        }
        if (attackRate + nearMissRate > 1.0) {
            throw new UsageException(
                    "--attack-rate plus --near-miss-rate must not exceed 1, got " + (attackRate + nearMissRate));
        }
        if (poll.compareTo(Duration.ofMillis(10)) < 0 || poll.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new UsageException("--poll-interval must be between 10ms and 10s, got " + poll.toMillis() + "ms");
        }
        if (!duration.isZero() && warmup.compareTo(duration) >= 0) {
            throw new UsageException("--warmup must be shorter than --duration");
        }
        if (!duration.isZero() && duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new UsageException("--duration must be at most 7 days");
        }
        return new LiveFleetOptions(
                bootstrap,
                topic,
                alertsTopic,
                stripSlash(esUrl),
                index,
                rate,
                duration,
                hosts,
                seed == null ? System.nanoTime() ^ System.currentTimeMillis() : seed,
                attackRate,
                nearMissRate,
                grace,
                warmup,
                poll,
                quiet,
                alertLog,
                false);
    }

    private static LiveFleetOptions defaults(boolean help) {
        return new LiveFleetOptions(
                "127.0.0.1:9092",
                "endpoint-events",
                null,
                "http://127.0.0.1:9200",
                "streamrules-alerts",
                500,
                Duration.ZERO,
                50,
                0,
                0.01,
                0.05,
                Duration.ofSeconds(30),
                Duration.ZERO,
                Duration.ofMillis(50),
                false,
                null,
                help);
    }

    /** True when the tool runs until interrupted. */
    public boolean unbounded() {
        return duration.isZero();
    }

    private static final Set<String> VALUED = Set.of(
            "--bootstrap-servers",
            "--topic",
            "--alerts-topic",
            "--es-url",
            "--index",
            "--rate",
            "--duration",
            "--hosts",
            "--seed",
            "--attack-rate",
            "--near-miss-rate",
            "--grace",
            "--warmup",
            "--poll-interval",
            "--alert-log");

    private static String nonBlank(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
        return value.trim();
    }

    private static String url(String flag, String value) throws UsageException {
        String v = nonBlank(flag, value);
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            throw new UsageException(flag + ": expected an http:// or https:// URL, got '" + value + "'");
        }
        return v;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Elasticsearch's index name rules, the ones a typo would break: lower case, no separators or wildcards. */
    private static String indexName(String flag, String value) throws UsageException {
        String v = nonBlank(flag, value);
        if (!v.equals(v.toLowerCase(Locale.ROOT))
                || v.startsWith("_")
                || v.startsWith("-")
                || v.startsWith("+")
                || v.chars().anyMatch(c -> "\\/*?\"<>| ,#:".indexOf(c) >= 0)) {
            throw new UsageException(flag + ": '" + value
                    + "' is not a valid index name (lower case, no \\ / * ? \" < > | , # : or space)");
        }
        return v;
    }

    private static long whole(String flag, String value, long min, long max) throws UsageException {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(flag + ": must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static double number(String flag, String value, double min, double max) throws UsageException {
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a number, got '" + value + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new UsageException(
                    flag + ": must be between " + plain(min) + " and " + plain(max) + ", got " + value.trim());
        }
        return parsed;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * A duration: a whole number with an optional unit {@code ms}, {@code s}, {@code m} or {@code h}. A
     * bare number is seconds, or milliseconds when {@code bareMillis}. Zero is allowed (it means "no
     * limit" for --duration); anything else must be at least {@code min}.
     */
    static Duration duration(String flag, String value, Duration min, boolean bareMillis) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < v.length() && Character.isDigit(v.charAt(split))) {
            split++;
        }
        String digits = v.substring(0, split);
        String unit = v.substring(split);
        if (digits.isEmpty() || digits.length() > 12) {
            throw new UsageException(flag + ": expected a duration such as 60, 90s or 2m, got '" + value + "'");
        }
        long n = Long.parseLong(digits);
        Duration d = switch (unit) {
            case "" -> bareMillis ? Duration.ofMillis(n) : Duration.ofSeconds(n);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default ->
                throw new UsageException(flag + ": unknown unit '" + unit + "' in '" + value + "' (ms, s, m or h)");
        };
        if (!d.isZero() && d.compareTo(min) < 0) {
            throw new UsageException(flag + ": must be 0 or at least " + min.toMillis() + "ms, got '" + value + "'");
        }
        return d;
    }
}
