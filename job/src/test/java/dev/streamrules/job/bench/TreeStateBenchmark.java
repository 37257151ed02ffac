package dev.streamrules.job.bench;

import dev.streamrules.job.DetectionJob;
import dev.streamrules.job.JobEnvironment;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.load.RuleSets;
import dev.streamrules.udfs.tree.ProcessTreeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Process-tree state at fleet scale: the real detection job (parse, process tree, the default rule)
 * in a MiniCluster with RocksDB and incremental checkpoints to a local folder, fed by
 * {@link ForkExecEvents} until every host has {@code --processes} live processes. Then it takes a
 * checkpoint (the first one uploads everything), adds {@code --churn} new processes and takes a
 * second (incremental) one, cancels the job, restores a new one from the second checkpoint and
 * reports, from Flink's own checkpoint statistics and task timestamps: state bytes, checkpointed
 * bytes, checkpoint durations, restore time, and a linear projection to {@code --project-hosts}.
 * Not a test (no timing belongs in tests): run by {@code docs/bench/tree-state.sh}.
 */
public final class TreeStateBenchmark {

    private static final int PARALLELISM = 2;

    private final int hosts;
    private final int processes;
    private final long churn;
    private final int projectHosts;
    private final Path dir;
    private final MemorySize managedMemory;
    private final InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();

    private TreeStateBenchmark(Map<String, String> options) {
        this.hosts = Integer.parseInt(options.getOrDefault("--hosts", "10000"));
        this.processes = Integer.parseInt(options.getOrDefault("--processes", "300"));
        this.churn = Long.parseLong(options.getOrDefault("--churn", "50000"));
        this.projectHosts = Integer.parseInt(options.getOrDefault("--project-hosts", "100000"));
        this.managedMemory = MemorySize.parse(options.getOrDefault("--managed-memory", "256m"));
        this.dir = Path.of(options.getOrDefault("--dir", "target/bench/tree-state"))
                .toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        if (args.length % 2 != 0) {
            System.err.println("usage: TreeStateBenchmark [--hosts 10000] [--processes 300] [--churn 50000]"
                    + " [--project-hosts 100000] [--managed-memory 256m] [--dir target/bench/tree-state]");
            System.exit(2);
        }
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        new TreeStateBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir.resolve("tmp"));
        Configuration conf = clusterConfiguration();
        long live = (long) hosts * processes;
        System.out.printf(
                "tree-state: %d hosts x %d live processes = %d processes, then %d more (churn); parallelism %d,"
                        + " RocksDB (managed memory %s), incremental checkpoints in %s%n",
                hosts, processes, live, churn, PARALLELISM, conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE), dir);
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(PARALLELISM)
                .build())) {
            cluster.start();
            JobID job = cluster.submitJob(graph(conf, null)).get().getJobID();
            awaitRunning(cluster, job);

            long t0 = System.nanoTime();
            ForkExecEvents.allow(live);
            awaitTracked(job, live);
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "ingest: %d events in %.1f s (%.0f events/s), %d processes tracked%n",
                    live, ingestSeconds, live / ingestSeconds, tracked(job));

            CheckpointFigures first = CheckpointFigures.take(cluster, job, ProcessTreeState.NAME);
            first.print("checkpoint 1 (all state new)", live);

            ForkExecEvents.allow(live + churn);
            awaitTracked(job, live + churn);
            CheckpointFigures second = CheckpointFigures.take(cluster, job, ProcessTreeState.NAME);
            second.print("checkpoint 2 (after " + churn + " new processes)", live + churn);
            System.out.printf(
                    "on disk after checkpoint 2: %s (shared SST files plus the retained checkpoints)%n",
                    CheckpointFigures.mib(sizeOnDisk(dir.resolve("checkpoints"))));

            cluster.cancelJob(job).get();
            awaitStatus(cluster, job, JobStatus.CANCELED);
            long restoreStart = System.currentTimeMillis();
            JobID restored = cluster.submitJob(graph(conf, second.path())).get().getJobID();
            awaitRunning(cluster, restored);
            long restoreWall = System.currentTimeMillis() - restoreStart;
            long treeInit = initializingMillis(cluster, restored, ProcessTreeState.NAME);
            awaitTracked(restored, live + churn);
            System.out.printf(
                    "restore from checkpoint 2: job RUNNING %d ms after submission; process-tree subtasks"
                            + " INITIALIZING -> RUNNING (state restore) max %d ms; %d processes tracked after restore%n",
                    restoreWall, treeInit, tracked(restored));

            double scale = (double) projectHosts / hosts;
            // Restore time is not scaled: at these sizes it is start-up cost (compare two scales).
            System.out.printf(
                    "projection to %d hosts (x%.0f; linear in the number of processes, same churn per host):"
                            + " process-tree state %s; first checkpoint writes %s in at most %.0f s; an incremental"
                            + " checkpoint after the same churn per host writes %s (durations scaled linearly are"
                            + " upper bounds: they include this run's fixed costs)%n",
                    projectHosts,
                    scale,
                    CheckpointFigures.mib((long) (first.treeStateBytes() * scale)),
                    CheckpointFigures.mib((long) (first.checkpointedBytes() * scale)),
                    first.durationMillis() * scale / 1000,
                    CheckpointFigures.mib((long) (second.checkpointedBytes() * scale)));
            cluster.cancelJob(restored).get();
        }
    }

    private Configuration clusterConfiguration() {
        // The production settings (RocksDB, incremental, exactly once); checkpoints only when triggered.
        Configuration conf = JobEnvironment.streamingConfiguration(
                PARALLELISM,
                Duration.ofHours(1),
                "rocksdb",
                dir.resolve("checkpoints").toUri().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory);
        conf.set(CoreOptions.TMP_DIRS, dir.resolve("tmp").toString());
        return metrics.addToConfiguration(conf);
    }

    private StreamGraph graph(Configuration conf, String restoreFrom) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(
                new ForkExecEvents(hosts), Long.MAX_VALUE, TypeInformation.of(RawRecord.class));
        DetectionJob.builder()
                .source(source, "Generated exec events")
                .watermarks(WatermarkStrategy.noWatermarks())
                .rules(RuleSets.defaults().rules())
                .alertSink(new DiscardingSink<>(), "Discard alerts", "discard", 0)
                .deadLetterSink(new DiscardingSink<>(), "Discard dead letters", 0)
                .build()
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        if (restoreFrom != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restoreFrom, false));
        }
        return graph;
    }

    /** The process-tree gauge summed over subtasks (0 before the operator reports). */
    private long tracked(JobID job) {
        long sum = 0;
        for (Metric m :
                metrics.findMetrics(job, ProcessTreeState.METRIC_TRACKED).values()) {
            if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    private void awaitTracked(JobID job, long expected) throws InterruptedException {
        long lastPrint = System.nanoTime();
        while (tracked(job) < expected) {
            Thread.sleep(200);
            if (System.nanoTime() - lastPrint > 30e9) {
                System.out.printf(
                        "  ... %d events emitted, %d processes tracked%n", ForkExecEvents.emitted(), tracked(job));
                lastPrint = System.nanoTime();
            }
        }
    }

    private static void awaitStatus(MiniCluster cluster, JobID job, JobStatus status) throws Exception {
        while (cluster.getJobStatus(job).get() != status) {
            Thread.sleep(50);
        }
    }

    /** The job and every one of its subtasks RUNNING. */
    private static void awaitRunning(MiniCluster cluster, JobID job) throws Exception {
        while (true) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
            if (graph.getState().isGloballyTerminalState()) {
                throw new IllegalStateException("job " + job + " ended: " + graph.getState());
            }
            boolean all = graph.getState() == JobStatus.RUNNING;
            for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
                all &= v.getExecutionState() == ExecutionState.RUNNING;
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** The longest INITIALIZING phase (state restore) of the named operator's subtasks. */
    private static long initializingMillis(MiniCluster cluster, JobID job, String name) throws Exception {
        long max = 0;
        for (AccessExecutionJobVertex vertex :
                cluster.getExecutionGraph(job).get().getVerticesTopologically()) {
            if (!vertex.getName().contains(name)) {
                continue;
            }
            for (AccessExecutionVertex v : vertex.getTaskVertices()) {
                long init = v.getStateTimestamp(ExecutionState.INITIALIZING);
                long running = v.getStateTimestamp(ExecutionState.RUNNING);
                max = Math.max(max, running - init);
            }
        }
        return max;
    }

    static long sizeOnDisk(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
