package dev.streamrules.job;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Settings every run of the job shares, whatever its sources and sinks. */
public final class JobEnvironment {

    /**
     * How long a network buffer between subtasks may wait to fill before it is sent (Flink's default is
     * 100 ms). Under load buffers fill far sooner; at a few hundred events per second the event behind
     * an alert would wait up to the timeout at the keyBy, a fixed share of alert latency. 10 ms costs a
     * flush per channel every 10 ms when traffic is thin, which is nothing next to parsing.
     */
    public static final Duration NETWORK_BUFFER_TIMEOUT = Duration.ofMillis(10);

    private JobEnvironment() {}

    /**
     * No Kryo fallback (every type must have a real serializer, or the job fails at build time, not in
     * a savepoint later) and no generated uids (every stateful operator names its state explicitly).
     */
    public static Configuration baseConfiguration(Integer parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        return conf;
    }

    /**
     * The production setting: exactly-once checkpoints (Kafka offsets, operator state and the alert
     * topic's transactions move together), RocksDB with incremental checkpoints unless told otherwise,
     * and checkpoints kept on cancellation so an operator can restart from the last one.
     */
    public static Configuration streamingConfiguration(
            Integer parallelism, Duration interval, String stateBackend, String checkpointDir) {
        Configuration conf = baseConfiguration(parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, NETWORK_BUFFER_TIMEOUT);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // A checkpoint can stall while Elasticsearch is unreachable (the sink back-pressures and its
        // in-flight requests must finish first); a few failed ones must not restart the job.
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 10);
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        if ("rocksdb".equals(stateBackend)) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            // Every new process looks up an entity the tree has never seen: without bloom filters
            // each such miss searches every SST file's index, which made ingest collapse once the
            // tree outgrew the block cache (docs/benchmarks.md section 10).
            conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        }
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        return conf;
    }

    /**
     * Network buffer size of a replay's embedded cluster at small parallelism. A replay moves ~3 KB
     * records as fast as it reads them: Flink's 32 KB buffers hand about ten at a time from the reader
     * to the parsing task, and that hand-over (wake-ups, buffer recycling, records split over two
     * buffers) showed in the profiles; 256 KB buffers ran a replay at parallelism 1 about 10% faster
     * (docs/benchmarks.md section 12). Every channel between two subtasks needs buffers of its own,
     * so the network memory grows with the square of the parallelism (a job with sequence rules
     * needed more than 256 at parallelism 8); above {@link #REPLAY_BIG_BUFFERS_UP_TO} subtasks that
     * would cost too much memory, and Flink's defaults apply.
     */
    static final MemorySize REPLAY_BUFFER_SIZE = MemorySize.parse("256kb");

    static final int REPLAY_BIG_BUFFERS_UP_TO = 8;

    /** Flink's own minimum: 256 buffers of 256 KB, enough up to parallelism 4 with every kind of rule. */
    static final MemorySize REPLAY_NETWORK_MEMORY_MIN = MemorySize.parse("64mb");

    /** Times the square of the parallelism: 8 buffers of 256 KB per pair of subtasks. */
    static final MemorySize REPLAY_NETWORK_MEMORY_PER_CHANNEL = MemorySize.parse("2mb");

    /** A bounded replay must not restart: its file sinks would write records twice. Fail loudly instead. */
    public static StreamExecutionEnvironment forReplay(Integer parallelism) {
        Configuration conf = baseConfiguration(parallelism);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        int subtasks = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        if (subtasks <= REPLAY_BIG_BUFFERS_UP_TO) {
            MemorySize network = new MemorySize(Math.max(
                    REPLAY_NETWORK_MEMORY_MIN.getBytes(),
                    (long) subtasks * subtasks * REPLAY_NETWORK_MEMORY_PER_CHANNEL.getBytes()));
            conf.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, REPLAY_BUFFER_SIZE);
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
