package dev.streamrules.job.config;

import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The job's whole configuration, typed and validated in one place. Values come from
 * {@code --key value} flags and, optionally, a properties file named by {@code --config}; flags win.
 */
public final class JobConfig {

    /** Prefix of Kafka client properties passed through unchanged, e.g. {@code kafka.properties.security.protocol}. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    public static final Option<String> CONFIG_FILE =
            Option.string("config", null, "properties file with the same keys as the flags (flags override it)");
    public static final Option<String> MODE = Option.string(
            "mode",
            null,
            "replay (a file, bounded) or stream (Kafka in; Elasticsearch and Kafka out); default: replay when --input is given, else stream");

    // Replay mode
    public static final Option<String> INPUT = Option.string(
            "input",
            null,
            "replay mode: NDJSON file of ECS events to run the rule over (bounded; the job ends when it is read)");
    public static final Option<String> OUTPUT =
            Option.string("output", "-", "replay mode: where alerts go, one JSON document per line; - for stdout");
    public static final Option<String> DEAD_LETTER = Option.string(
            "dead-letter",
            null,
            "replay mode: file for dead letters (unparseable records, with line and reason); default: counted only");

    // Both modes
    public static final Option<Integer> PARALLELISM = Option.integer(
            "parallelism", null, "job parallelism (default: the cluster's, or the number of cores locally)");
    public static final Option<Duration> MAX_EVENT_AGE = Option.duration(
            "max-event-age",
            null,
            "set aside events whose @timestamp is older than this (e.g. 9m, the rule's look-back); default: evaluate all");

    // Both modes: process-tree enrichment
    public static final Option<Boolean> PROCESS_TREE = Option.bool(
            "process-tree.enabled",
            true,
            "resolve missing entry leaders and add ancestry from per-host process-tree state");
    public static final Option<Duration> PROCESS_TREE_PARENT_WAIT = Option.duration(
            "process-tree.parent-wait",
            ProcessTreeSettings.DEFAULT_PARENT_WAIT,
            "how long an event whose parent is unknown waits for it");
    public static final Option<Duration> PROCESS_TREE_ENDED_LINGER = Option.duration(
            "process-tree.ended-linger",
            ProcessTreeSettings.DEFAULT_ENDED_LINGER,
            "how long an ended process stays so late children still resolve");
    public static final Option<Duration> PROCESS_TREE_IDLE_TTL = Option.duration(
            "process-tree.idle-ttl",
            ProcessTreeSettings.DEFAULT_IDLE_TTL,
            "a process never seen to end is forgotten after this long untouched");
    public static final Option<Integer> PROCESS_TREE_MAX_PER_HOST = Option.integer(
            "process-tree.max-processes-per-host",
            ProcessTreeSettings.DEFAULT_MAX_PROCESSES_PER_HOST,
            "cap of tracked processes per host (ended first, then least recently used, are evicted)");

    // Stream mode: Kafka
    public static final Option<String> KAFKA_BOOTSTRAP =
            Option.string("kafka.bootstrap-servers", "127.0.0.1:9092", "stream mode: Kafka bootstrap servers");
    public static final Option<String> KAFKA_TOPICS = Option.string(
            "kafka.topics", "endpoint-events", "stream mode: comma-separated topics of ECS endpoint events");
    public static final Option<String> KAFKA_TOPIC_PATTERN = Option.string(
            "kafka.topic-pattern", null, "stream mode: regular expression of event topics (instead of --kafka.topics)");
    public static final Option<String> KAFKA_GROUP_ID =
            Option.string("kafka.group-id", "streamrules-procmaps", "stream mode: consumer group id");
    public static final Option<String> KAFKA_STARTING_OFFSETS = Option.string(
            "kafka.starting-offsets",
            "committed-earliest",
            "stream mode: where a new job starts reading: committed-earliest, committed-latest, earliest or latest"
                    + " (a restore from a checkpoint or savepoint always resumes from its offsets)");
    public static final Option<String> KAFKA_ALERTS_TOPIC = Option.string(
            "kafka.alerts-topic",
            "streamrules-alerts",
            "stream mode: topic alerts are written to, exactly once (consumers must read with isolation.level=read_committed)");
    public static final Option<String> KAFKA_DEAD_LETTER_TOPIC = Option.string(
            "kafka.dead-letter-topic",
            "streamrules-dead-letters",
            "stream mode: topic for dead letters (malformed records with reason and source coordinates)");
    public static final Option<String> KAFKA_TRANSACTIONAL_ID_PREFIX = Option.string(
            "kafka.transactional-id-prefix",
            "streamrules-procmaps",
            "stream mode: transactional id prefix of the exactly-once producers; unique per job, stable across restarts");
    public static final Option<Duration> KAFKA_TRANSACTION_TIMEOUT = Option.duration(
            "kafka.transaction-timeout",
            Duration.ofMinutes(15),
            "stream mode: producer transaction timeout; above checkpoint interval plus recovery time, at most the broker's transaction.max.timeout.ms");
    public static final Option<Duration> WATERMARK_OUT_OF_ORDERNESS = Option.duration(
            "watermark.out-of-orderness",
            Duration.ofSeconds(5),
            "stream mode: how late an event's @timestamp may be behind the newest seen on its partition");
    public static final Option<Duration> WATERMARK_IDLENESS = Option.duration(
            "watermark.idleness",
            Duration.ofSeconds(30),
            "stream mode: a partition silent this long no longer holds back event time");
    public static final Option<Boolean> KAFKA_CREATE_TOPICS = Option.bool(
            "kafka.create-topics",
            false,
            "stream mode: preflight creates missing event, alerts and dead-letter topics instead of refusing to start");
    public static final Option<Integer> KAFKA_CREATE_TOPICS_PARTITIONS = Option.integer(
            "kafka.create-topics.partitions", 3, "stream mode: partitions of topics created by --kafka.create-topics");

    // Stream mode: Elasticsearch
    public static final Option<String> ES_HOSTS = Option.string(
            "es.hosts",
            "http://127.0.0.1:9200",
            "stream mode: comma-separated Elasticsearch URLs; empty disables the Elasticsearch sink");
    public static final Option<String> ES_INDEX =
            Option.string("es.index", "streamrules-alerts", "stream mode: alerts index (or data stream) name");
    public static final Option<String> ES_API_KEY_ENV = Option.string(
            "es.api-key-env",
            null,
            "stream mode: name of the environment variable holding an Elasticsearch API key (encoded form)");
    public static final Option<String> ES_API_KEY_FILE =
            Option.string("es.api-key-file", null, "stream mode: file holding an Elasticsearch API key");
    public static final Option<String> ES_USERNAME = Option.string(
            "es.username", null, "stream mode: Elasticsearch user (with --es.password-env or --es.password-file)");
    public static final Option<String> ES_PASSWORD_ENV = Option.string(
            "es.password-env", null, "stream mode: environment variable holding the Elasticsearch password");
    public static final Option<String> ES_PASSWORD_FILE =
            Option.string("es.password-file", null, "stream mode: file holding the Elasticsearch password");
    public static final Option<String> ES_CA_FILE =
            Option.string("es.ca-file", null, "stream mode: PEM CA certificate to trust for https Elasticsearch hosts");
    public static final Option<Duration> ES_MAX_TIME_IN_BUFFER = Option.duration(
            "es.max-time-in-buffer",
            Duration.ofMillis(50),
            "stream mode: longest an alert waits in the sink's buffer before a bulk request (alert latency depends on it)");
    public static final Option<Integer> ES_MAX_BATCH_SIZE =
            Option.integer("es.max-batch-size", 500, "stream mode: alerts per bulk request at most");
    public static final Option<Integer> ES_HTTP_MAX_CONTENT_LENGTH = Option.integer(
            "es.http-max-content-length",
            100 * 1024 * 1024,
            "stream mode: the cluster's http.max_content_length in bytes; bulk requests and alerts stay below it and 5 MiB");
    public static final Option<Boolean> ES_INSTALL_TEMPLATE = Option.bool(
            "es.install-template",
            false,
            "stream mode: preflight installs the alerts index template when no template covers --es.index");

    // Stream mode: checkpoints and state
    public static final Option<Duration> CHECKPOINT_INTERVAL = Option.duration(
            "checkpoint.interval",
            Duration.ofSeconds(10),
            "stream mode: exactly-once checkpoint interval (Kafka offsets, state, transactions)");
    public static final Option<String> CHECKPOINT_DIR = Option.string(
            "checkpoint.dir",
            null,
            "stream mode: checkpoint storage URI (default: the cluster's execution.checkpointing.dir)");
    public static final Option<String> STATE_BACKEND = Option.string(
            "state.backend", "rocksdb", "stream mode: rocksdb (incremental checkpoints; production) or hashmap");
    public static final Option<Integer> RESTART_ATTEMPTS = Option.integer(
            "restart.attempts",
            10,
            "stream mode: restarts (exponential delay, 1s doubling up to --restart.max-backoff) before the job fails;"
                    + " the budget refills after --restart.reset-after without a failure");
    public static final Option<Duration> RESTART_MAX_BACKOFF = Option.duration(
            "restart.max-backoff", Duration.ofMinutes(1), "stream mode: longest wait between two restarts");
    public static final Option<Duration> RESTART_RESET_AFTER = Option.duration(
            "restart.reset-after",
            Duration.ofMinutes(10),
            "stream mode: a job running this long without a failure gets its whole restart budget back");
    public static final Option<Boolean> PREFLIGHT = Option.bool(
            "preflight",
            true,
            "stream mode: check Kafka, topics, Elasticsearch, the index template and secret files before starting");
    public static final Option<Duration> PREFLIGHT_TIMEOUT = Option.duration(
            "preflight.timeout",
            Duration.ofSeconds(10),
            "stream mode: how long each preflight check waits for Kafka or Elasticsearch to answer");

    // Both modes: rules
    public static final Option<String> RULES = Option.string(
            "rules",
            null,
            "detection-rules TOML file, or folder searched recursively for *.toml; repeat for more (default: the built-in rule set)");
    public static final Option<Boolean> CHECK_RULES = Option.bool(
            "check-rules",
            false,
            "load and compile the rules, print FILE:LINE:COLUMN: message per problem and a summary line, run nothing");
    public static final Option<String> MAPPING = Option.string(
            "mapping",
            null,
            "Elasticsearch mapping, index template or component template (JSON) giving field types (default: ECS and Elastic Defend)");

    public static final Option<Boolean> HELP = Option.bool("help", false, "print this help");

    public static final List<Option<?>> OPTIONS = List.of(
            CONFIG_FILE,
            MODE,
            INPUT,
            OUTPUT,
            DEAD_LETTER,
            PARALLELISM,
            MAX_EVENT_AGE,
            PROCESS_TREE,
            PROCESS_TREE_PARENT_WAIT,
            PROCESS_TREE_ENDED_LINGER,
            PROCESS_TREE_IDLE_TTL,
            PROCESS_TREE_MAX_PER_HOST,
            KAFKA_BOOTSTRAP,
            KAFKA_TOPICS,
            KAFKA_TOPIC_PATTERN,
            KAFKA_GROUP_ID,
            KAFKA_STARTING_OFFSETS,
            KAFKA_ALERTS_TOPIC,
            KAFKA_DEAD_LETTER_TOPIC,
            KAFKA_TRANSACTIONAL_ID_PREFIX,
            KAFKA_TRANSACTION_TIMEOUT,
            WATERMARK_OUT_OF_ORDERNESS,
            WATERMARK_IDLENESS,
            ES_HOSTS,
            ES_INDEX,
            ES_API_KEY_ENV,
            ES_API_KEY_FILE,
            ES_USERNAME,
            ES_PASSWORD_ENV,
            ES_PASSWORD_FILE,
            ES_CA_FILE,
            ES_MAX_TIME_IN_BUFFER,
            ES_MAX_BATCH_SIZE,
            CHECKPOINT_INTERVAL,
            CHECKPOINT_DIR,
            STATE_BACKEND,
            RULES,
            CHECK_RULES,
            MAPPING,
            HELP,
            KAFKA_CREATE_TOPICS,
            KAFKA_CREATE_TOPICS_PARTITIONS,
            ES_HTTP_MAX_CONTENT_LENGTH,
            ES_INSTALL_TEMPLATE,
            RESTART_ATTEMPTS,
            RESTART_MAX_BACKOFF,
            RESTART_RESET_AFTER,
            PREFLIGHT,
            PREFLIGHT_TIMEOUT);

    public static final String MODE_REPLAY = "replay";
    public static final String MODE_STREAM = "stream";

    /** Flags that take no value. */
    private static final List<Option<Boolean>> SWITCHES = List.of(HELP, CHECK_RULES);

    /** Flags that may be given several times; their values are kept in order. */
    private static final List<Option<String>> REPEATABLE = List.of(RULES);

    private static final String REPEAT_SEPARATOR = "\n";

    private static final List<String> STARTING_OFFSETS =
            List.of("committed-earliest", "committed-latest", "earliest", "latest");
    private static final List<String> STATE_BACKENDS = List.of("rocksdb", "hashmap");

    private final Map<String, String> raw;

    private JobConfig(Map<String, String> raw) {
        this.raw = raw;
    }

    /** Parses flags (and the {@code --config} file they name) and validates every value. */
    public static JobConfig fromArgs(String... args) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> merged = new LinkedHashMap<>();
        String file = flags.get(CONFIG_FILE.key());
        if (file != null) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(flags);
        JobConfig config = new JobConfig(merged);
        config.validate();
        return config;
    }

    public <T> T get(Option<T> option) {
        String text = raw.get(option.key());
        return text == null ? option.defaultValue() : option.parse(text);
    }

    public boolean isSet(Option<?> option) {
        return raw.containsKey(option.key());
    }

    /** All keys starting with {@code prefix}, prefix removed (pass-through client properties). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (!key.startsWith(KAFKA_PROPERTIES_PREFIX)
                    && OPTIONS.stream().noneMatch(o -> o.key().equals(key))) {
                problems.add("unknown option --" + key);
            }
        }
        for (Option<?> option : OPTIONS) {
            try {
                get(option);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        Integer parallelism = valueOrNull(PARALLELISM);
        if (parallelism != null && parallelism < 1) {
            problems.add("--parallelism must be at least 1, was " + parallelism);
        }
        Duration age = valueOrNull(MAX_EVENT_AGE);
        if (age != null && (age.isNegative() || age.isZero())) {
            problems.add("--max-event-age must be positive, was " + age);
        }
        if (Boolean.TRUE.equals(valueOrNull(PROCESS_TREE))) {
            try {
                processTree();
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        for (Path rules : rulePaths()) {
            if (!Files.exists(rules)) {
                problems.add("--rules " + rules + ": no such file or folder");
            }
        }
        String mapping = valueOrNull(MAPPING);
        if (mapping != null && !Files.isReadable(Path.of(mapping))) {
            problems.add("--mapping " + mapping + ": no such readable file");
        }
        String mode = mode();
        String input = valueOrNull(INPUT);
        // --check-rules runs nothing, so it needs no input, Kafka or Elasticsearch settings.
        boolean runsNothing = Boolean.TRUE.equals(valueOrNull(HELP)) || Boolean.TRUE.equals(valueOrNull(CHECK_RULES));
        if (!MODE_REPLAY.equals(mode) && !MODE_STREAM.equals(mode)) {
            problems.add("--mode must be replay or stream, was " + mode);
        } else if (MODE_REPLAY.equals(mode) && !runsNothing) {
            if (input == null) {
                problems.add("--input is required (the NDJSON file to replay)");
            } else if (!Files.isReadable(Path.of(input))) {
                problems.add("--input " + input + ": no such readable file");
            }
        } else if (MODE_STREAM.equals(mode) && !runsNothing) {
            validateStream(problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    /** The process-tree settings, or {@code null} when the enrichment is off. */
    public ProcessTreeSettings processTree() {
        if (!get(PROCESS_TREE)) {
            return null;
        }
        try {
            return ProcessTreeSettings.builder()
                    .parentWait(get(PROCESS_TREE_PARENT_WAIT))
                    .endedLinger(get(PROCESS_TREE_ENDED_LINGER))
                    .idleTtl(get(PROCESS_TREE_IDLE_TTL))
                    .maxProcessesPerHost(get(PROCESS_TREE_MAX_PER_HOST))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("process-tree: " + e.getMessage());
        }
    }

    /** {@code replay} or {@code stream}: explicit, else replay exactly when an input file is given. */
    public String mode() {
        String explicit = raw.get(MODE.key());
        if (explicit != null) {
            return explicit.trim();
        }
        return raw.containsKey(INPUT.key()) ? MODE_REPLAY : MODE_STREAM;
    }

    /** The {@code --rules} paths in the order given; empty means the built-in rule set. */
    public List<Path> rulePaths() {
        String value = raw.get(RULES.key());
        List<Path> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(REPEAT_SEPARATOR)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.trim()));
                }
            }
        }
        return out;
    }

    public boolean isReplay() {
        return MODE_REPLAY.equals(mode());
    }

    /** Comma-separated option as a list, blanks dropped. */
    public List<String> list(Option<String> option) {
        String value = get(option);
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private void validateStream(List<String> problems) {
        if (valueOrNull(KAFKA_BOOTSTRAP) == null || valueOrNull(KAFKA_BOOTSTRAP).isBlank()) {
            problems.add("--kafka.bootstrap-servers is required in stream mode");
        }
        boolean hasPattern = raw.containsKey(KAFKA_TOPIC_PATTERN.key());
        if (hasPattern && raw.containsKey(KAFKA_TOPICS.key())) {
            problems.add("give either --kafka.topics or --kafka.topic-pattern, not both");
        }
        if (hasPattern) {
            try {
                java.util.regex.Pattern.compile(get(KAFKA_TOPIC_PATTERN));
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.add("--kafka.topic-pattern is not a valid regular expression: " + e.getDescription());
            }
        } else if (list(KAFKA_TOPICS).isEmpty()) {
            problems.add("--kafka.topics must name at least one topic");
        }
        requireOneOf(problems, KAFKA_STARTING_OFFSETS, STARTING_OFFSETS);
        requireOneOf(problems, STATE_BACKEND, STATE_BACKENDS);
        for (Option<String> o : List.of(KAFKA_GROUP_ID, KAFKA_DEAD_LETTER_TOPIC, KAFKA_TRANSACTIONAL_ID_PREFIX)) {
            String v = valueOrNull(o);
            if (v == null || v.isBlank()) {
                problems.add("--" + o.key() + " must not be empty");
            }
        }
        for (Option<Duration> o :
                List.of(KAFKA_TRANSACTION_TIMEOUT, WATERMARK_IDLENESS, ES_MAX_TIME_IN_BUFFER, CHECKPOINT_INTERVAL)) {
            Duration d = valueOrNull(o);
            if (d != null && (d.isNegative() || d.isZero())) {
                problems.add("--" + o.key() + " must be positive, was " + d);
            }
        }
        Duration outOfOrder = valueOrNull(WATERMARK_OUT_OF_ORDERNESS);
        if (outOfOrder != null && outOfOrder.isNegative()) {
            problems.add("--watermark.out-of-orderness must not be negative");
        }
        Duration timeout = valueOrNull(KAFKA_TRANSACTION_TIMEOUT);
        Duration interval = valueOrNull(CHECKPOINT_INTERVAL);
        if (timeout != null && interval != null && timeout.compareTo(interval.multipliedBy(3)) < 0) {
            problems.add("--kafka.transaction-timeout (" + timeout + ") must be well above --checkpoint.interval ("
                    + interval + "): at least 3 times, or transactions abort before they commit");
        }
        Integer batch = valueOrNull(ES_MAX_BATCH_SIZE);
        if (batch != null && batch < 1) {
            problems.add("--es.max-batch-size must be at least 1");
        }
        for (String host : list(ES_HOSTS)) {
            if (!host.startsWith("http://") && !host.startsWith("https://")) {
                problems.add("--es.hosts: " + host + " must start with http:// or https://");
            }
        }
        if (raw.containsKey(ES_API_KEY_ENV.key()) && raw.containsKey(ES_API_KEY_FILE.key())) {
            problems.add("give either --es.api-key-env or --es.api-key-file, not both");
        }
        boolean password = raw.containsKey(ES_PASSWORD_ENV.key()) || raw.containsKey(ES_PASSWORD_FILE.key());
        if (password != raw.containsKey(ES_USERNAME.key())) {
            problems.add("--es.username needs a password (--es.password-env or --es.password-file) and vice versa");
        }
        String ca = valueOrNull(ES_CA_FILE);
        if (ca != null && !Files.isReadable(Path.of(ca))) {
            problems.add("--es.ca-file " + ca + ": no such readable file");
        }
    }

    private void requireOneOf(List<String> problems, Option<String> option, List<String> allowed) {
        String v = valueOrNull(option);
        if (v != null && !allowed.contains(v)) {
            problems.add("--" + option.key() + " must be one of " + allowed + ", was " + v);
        }
    }

    /** The value, or null when it does not parse (already reported by {@link #validate()}). */
    private <T> T valueOrNull(Option<T> option) {
        try {
            return get(option);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("expected --option, got \"" + arg + "\"");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (isOneOf(key, SWITCHES)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + key + " needs a value");
            }
            String previous = flags.put(key, value);
            if (previous != null && isOneOf(key, REPEATABLE)) {
                flags.put(key, previous + REPEAT_SEPARATOR + value);
            } else if (previous != null) {
                throw new ConfigException("--" + key + " given twice");
            }
        }
        return flags;
    }

    private static boolean isOneOf(String key, List<? extends Option<?>> options) {
        return options.stream().anyMatch(o -> o.key().equals(key));
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("--config " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    /** Durations as they are typed ({@code 200ms}, {@code 2s}, {@code 5m}), not ISO-8601. */
    private static String shown(Object value) {
        if (!(value instanceof Duration)) {
            return String.valueOf(value);
        }
        Duration d = (Duration) value;
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** Usage text generated from the option constants, so it cannot drift from the code. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("Options (--key value or --key=value; any --" + KAFKA_PROPERTIES_PREFIX
                + "<name> is passed to the Kafka clients):\n");
        for (Option<?> o : OPTIONS) {
            sb.append(String.format(
                    "  --%-30s %s%s%n",
                    o.key(),
                    o.description(),
                    o.defaultValue() == null || o == HELP ? "" : " [default: " + shown(o.defaultValue()) + "]"));
        }
        return sb.toString();
    }
}
