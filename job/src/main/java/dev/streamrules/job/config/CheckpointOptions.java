package dev.streamrules.job.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Stream mode: checkpoints, state and the restart budget. */
public final class CheckpointOptions {

    /** The state backends the job is tested with. */
    public enum StateBackend {
        ROCKSDB,
        HASHMAP;

        /** The name Flink's {@code state.backend.type} takes. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigOption<Duration> INTERVAL = ConfigOptions.key("checkpoint.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("stream mode: exactly-once checkpoint interval (Kafka offsets, state, transactions)");

    public static final ConfigOption<String> DIR = ConfigOptions.key("checkpoint.dir")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "stream mode: checkpoint storage URI (default: the cluster's execution.checkpointing.dir)");

    public static final ConfigOption<StateBackend> STATE_BACKEND = ConfigOptions.key("state.backend")
            .enumType(StateBackend.class)
            .defaultValue(StateBackend.ROCKSDB)
            .withDescription("stream mode: rocksdb (incremental checkpoints; production) or hashmap");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS = ConfigOptions.key("restart.attempts")
            .intType()
            .defaultValue(10)
            .withDescription("stream mode: restarts (exponential delay, 1s doubling up to --restart.max-backoff)"
                    + " before the job fails; the budget refills after --restart.reset-after without a failure");

    public static final ConfigOption<Duration> RESTART_MAX_BACKOFF = ConfigOptions.key("restart.max-backoff")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("stream mode: longest wait between two restarts");

    public static final ConfigOption<Duration> RESTART_RESET_AFTER = ConfigOptions.key("restart.reset-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription(
                    "stream mode: a job running this long without a failure gets its whole restart budget back");

    public static final List<ConfigOption<?>> ALL =
            List.of(INTERVAL, DIR, STATE_BACKEND, RESTART_ATTEMPTS, RESTART_MAX_BACKOFF, RESTART_RESET_AFTER);

    private CheckpointOptions() {}
}
