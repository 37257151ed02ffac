package dev.streamrules.job.config;

import dev.streamrules.job.config.JobOptions.Mode;
import dev.streamrules.udfs.cli.CommandLine;
import dev.streamrules.udfs.cli.CommandLineException;
import dev.streamrules.udfs.cli.Settings;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's whole configuration, read once and validated once. The options are Flink
 * {@link ConfigOption}s declared per section ({@link JobOptions}, {@link ReplayOptions},
 * {@link RuleOptions}, {@link ProcessTreeOptions}, {@link KafkaOptions}, {@link ElasticsearchOptions},
 * {@link CheckpointOptions}, {@link PreflightOptions}); a value comes from, first found: a
 * {@code --key value} flag, the properties file named by {@code --config}, {@code streamrules.<key>} in
 * the cluster's Flink configuration, the option's default. {@link JobConfigValidator} lists every
 * problem at once.
 */
public final class JobConfig {

    /** Where the cluster's Flink configuration ({@code config.yaml}) sets the job's options. */
    public static final String CLUSTER_PREFIX = "streamrules.";

    public static final CommandLine COMMAND_LINE = CommandLine.builder()
            .section(null, JobOptions.ALL)
            .section("Replay mode", ReplayOptions.ALL)
            .section("Rules", RuleOptions.ALL)
            .section("Process tree", ProcessTreeOptions.ALL)
            .section("Kafka", KafkaOptions.ALL)
            .section("Elasticsearch", ElasticsearchOptions.ALL)
            .section("Checkpoints, state and restarts", CheckpointOptions.ALL)
            .section("Preflight", PreflightOptions.ALL)
            .switches(JobOptions.HELP, RuleOptions.CHECK_RULES)
            .repeatable(RuleOptions.RULES)
            .passThrough(KafkaOptions.PROPERTIES_PREFIX, "is passed to the Kafka clients")
            .configFile(JobOptions.CONFIG_FILE)
            .clusterPrefix(CLUSTER_PREFIX)
            .build();

    private final Settings settings;

    private JobConfig(Settings settings) {
        this.settings = settings;
    }

    /** Reads flags and the {@code --config} file they name, and validates every value. */
    public static JobConfig fromArgs(String... args) {
        return fromArgs(Map.of(), args);
    }

    /** As {@link #fromArgs(String...)}, below them the {@code streamrules.*} keys of the cluster's configuration. */
    public static JobConfig fromArgs(ReadableConfig cluster, String... args) {
        return fromArgs(cluster.toMap(), args);
    }

    /** See {@link #fromArgs(ReadableConfig, String...)}. */
    public static JobConfig fromArgs(Map<String, String> cluster, String... args) {
        try {
            JobConfig config = new JobConfig(COMMAND_LINE.parse(cluster, args));
            config.settings.requireNoProblems(new JobConfigValidator(config).problems());
            return config;
        } catch (CommandLineException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The value, else the option's default (null when it has none). */
    public <T> T get(ConfigOption<T> option) {
        return settings.get(option);
    }

    /** The value, or null where it does not read (for the validator, which reports that already). */
    <T> T getOrNull(ConfigOption<T> option) {
        return settings.getOrNull(option);
    }

    /** True when a flag, the config file or the cluster configuration set the option. */
    public boolean isSet(ConfigOption<?> option) {
        return settings.isSet(option);
    }

    /** A comma-separated option as a list, blanks dropped. */
    public List<String> list(ConfigOption<String> option) {
        return settings.list(option);
    }

    /** All keys starting with {@code prefix}, prefix removed (pass-through client properties). */
    public Map<String, String> withPrefix(String prefix) {
        return settings.withPrefix(prefix);
    }

    /** Explicit, else replay exactly when an input file is given. */
    public Mode mode() {
        Mode explicit = settings.getOrNull(JobOptions.MODE);
        if (explicit != null) {
            return explicit;
        }
        return isSet(ReplayOptions.INPUT) ? Mode.REPLAY : Mode.STREAM;
    }

    public boolean isReplay() {
        return mode() == Mode.REPLAY;
    }

    /** The {@code --rules} paths in the order given; empty means the built-in rule set. */
    public List<Path> rulePaths() {
        return settings.values(RuleOptions.RULES).stream().map(Path::of).toList();
    }

    /** The process-tree settings, or {@code null} when the enrichment is off. */
    public ProcessTreeSettings processTree() {
        if (!get(ProcessTreeOptions.ENABLED)) {
            return null;
        }
        try {
            return ProcessTreeSettings.builder()
                    .parentWait(get(ProcessTreeOptions.PARENT_WAIT))
                    .endedLinger(get(ProcessTreeOptions.ENDED_LINGER))
                    .idleTtl(get(ProcessTreeOptions.IDLE_TTL))
                    .maxProcessesPerHost(get(ProcessTreeOptions.MAX_PROCESSES_PER_HOST))
                    .clock(treeClock())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("process-tree: " + e.getMessage());
        }
    }

    private ProcessTreeSettings.Clock treeClock() {
        return switch (get(ProcessTreeOptions.CLOCK)) {
            case PROCESSING_TIME -> ProcessTreeSettings.Clock.PROCESSING_TIME;
            case EVENT_TIME -> ProcessTreeSettings.Clock.EVENT_TIME;
            case AUTO -> isReplay() ? ProcessTreeSettings.Clock.EVENT_TIME : ProcessTreeSettings.Clock.PROCESSING_TIME;
        };
    }

    /** Usage text generated from the option declarations, so it cannot drift from the code. */
    public static String usage() {
        return COMMAND_LINE.usage();
    }
}
