package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A real Flink session cluster (one JobManager, TaskManagers on demand, two slots each) assembled from
 * {@code deploy/local/flink-dist/target/lib}, each process its own JVM on free loopback ports, so a
 * TaskManager can be killed for real. Jobs are shaded jars submitted over REST. Heartbeats are short
 * (1 s / 5 s), so a killed TaskManager is noticed in seconds; checkpoints go to a folder of this run.
 *
 * <p>Crashes on demand: {@link #killTaskManager()} and {@link #startTaskManager()}, {@link #killJobManager()}
 * and {@link #restartJobManager()}. Over 300 lines because the processes' command lines, configuration
 * and lifecycle are one thing: split, each part would need the others' fields.
 *
 * <p>This class runs the processes; {@link #rest()} talks to them. Lifecycle: {@link ServerExtension};
 * {@code try (FlinkSessionCluster flink = FlinkSessionCluster.launch()) {...}}.
 */
public final class FlinkSessionCluster extends ServerExtension {

    /** The JVM flags Flink's own scripts add; without them jobs fail on Java 17. */
    static final List<String> JVM_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private Path lib;
    private Path dir;
    private int restPort;
    private FlinkRestClient rest;
    private ServerProcess jobManager;
    private final List<ServerProcess> taskManagers = new ArrayList<>();
    private int taskManagersStarted;
    private CompletableFuture<String[]> taskManagerParams;
    private String[] jobManagerParams;
    private boolean prometheus;
    private boolean stateChangelog;
    private int taskManagerPrometheusPort;
    private int jobManagerPrometheusPort;

    /** A cluster that starts in {@code beforeAll}; see {@link #launch()} for one started right away. */
    public FlinkSessionCluster() {}

    /** Starts a JobManager and one TaskManager and waits until a slot is free. */
    public static FlinkSessionCluster launch() {
        return launch(new FlinkSessionCluster());
    }

    /** Adds or overrides a {@code config.yaml} entry; only before the cluster starts. */
    public FlinkSessionCluster withConfig(String key, String value) {
        if (jobManager != null) {
            throw new IllegalStateException("the cluster is already running");
        }
        extraConfig.put(key, value);
        return this;
    }

    /**
     * Each process serves its metrics with Flink's Prometheus reporter (as the local stack does), on a
     * port of its own: {@link #taskManagerMetricsUrl()}. Only before the cluster starts.
     */
    public FlinkSessionCluster withPrometheus() {
        withConfig(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        prometheus = true;
        return this;
    }

    /**
     * Jobs run with Flink's changelog state backend around their own (as the local stack's cluster
     * does), its log in the cluster's folder, and resume from a checkpoint or savepoint in CLAIM mode:
     * the changelog backend cannot take the full first checkpoint NO_CLAIM demands, and a job resumed
     * that way fails every first checkpoint. Only before the cluster starts.
     */
    public FlinkSessionCluster withStateChangelog() {
        withConfig("state.changelog.enabled", "true");
        withConfig("state.changelog.storage", "filesystem");
        withConfig("execution.state-recovery.claim-mode", "CLAIM");
        stateChangelog = true;
        return this;
    }

    /** The folder the changelog state backend writes its log to ({@link #withStateChangelog()}). */
    public Path changelogDir() {
        return dir.resolve("changelog");
    }

    /** {@code http://127.0.0.1:<port>/metrics} of the newest TaskManager; needs {@link #withPrometheus()}. */
    public synchronized String taskManagerMetricsUrl() {
        return metricsUrl(taskManagerPrometheusPort);
    }

    /** {@code http://127.0.0.1:<port>/metrics} of the JobManager; needs {@link #withPrometheus()}. */
    public synchronized String jobManagerMetricsUrl() {
        return metricsUrl(jobManagerPrometheusPort);
    }

    private static String metricsUrl(int port) {
        if (port == 0) {
            throw new IllegalStateException("no process with the Prometheus reporter: call withPrometheus()");
        }
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** {@code http://127.0.0.1:<rest port>}. */
    public String restUrl() {
        return rest().url();
    }

    /** The cluster's REST API: jobs, checkpoints, TaskManagers. */
    public FlinkRestClient rest() {
        if (rest == null) {
            throw new IllegalStateException("the Flink cluster was never started");
        }
        return rest;
    }

    /** {@code kill -9} of every running TaskManager, as in a machine crash; returns how many were killed. */
    public synchronized int killTaskManager() {
        int killed = 0;
        for (ServerProcess taskManager : taskManagers) {
            if (taskManager.isAlive()) {
                taskManager.kill();
                killed++;
            }
        }
        taskManagers.clear();
        return killed;
    }

    /** Starts one more TaskManager and waits until the JobManager lists it. */
    public synchronized void startTaskManager() {
        if (jobManager == null) {
            throw new IllegalStateException("the Flink cluster is not running");
        }
        String[] params = taskManagerParams.join();
        int number = ++taskManagersStarted;
        String resourceId = "tm-" + number;
        Path log = dir.resolve("log/taskmanager-" + number + ".log");
        List<String> command = processCommand(params, log, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        command.addAll(List.of("-D", "taskmanager.resource-id=" + resourceId));
        int metricsPort = addPrometheusPort(command);
        ServerProcess taskManager = ServerProcess.start(
                "Flink TaskManager " + resourceId,
                command,
                Map.of("FLINK_CONF_DIR", dir.resolve("conf").toString()),
                dir,
                dir.resolve("log/taskmanager-" + number + ".out"));
        taskManagers.add(taskManager);
        taskManager.awaitReady(
                START_TIMEOUT, log, () -> rest.registeredTaskManagers().contains(resourceId));
        taskManagerPrometheusPort = metricsPort;
    }

    /**
     * {@code kill -9} of the JobManager, as in a machine crash. Without high availability (it needs
     * ZooKeeper or Kubernetes) its jobs die with it; the TaskManagers keep trying to reconnect, and the
     * retained checkpoints stay in {@link #checkpointDir()}.
     */
    public synchronized void killJobManager() {
        if (jobManager == null) {
            throw new IllegalStateException("the Flink cluster is not running");
        }
        jobManager.kill();
    }

    /**
     * Starts the JobManager again after {@link #killJobManager()}, on the same configuration and ports, and
     * waits until a TaskManager has registered again and offers a free slot. It knows no job of before.
     */
    public synchronized void restartJobManager() {
        if (jobManager == null) {
            throw new IllegalStateException("the Flink cluster is not running");
        }
        if (jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager is running: kill it first");
        }
        startJobManager();
        jobManager.awaitReady(
                START_TIMEOUT,
                dir.resolve("log/jobmanager.log"),
                () -> rest.overview().path("slots-available").asInt() > 0);
    }

    /** The folder ({@code execution.checkpointing.dir}) the cluster writes checkpoints to. */
    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** The JobManager's and TaskManagers' log files are here. */
    public Path logDir() {
        return dir.resolve("log");
    }

    /** Stops the TaskManagers and the JobManager; the logs stay under {@code target/e2e-servers}. */
    @Override
    public synchronized void close() {
        for (ServerProcess taskManager : taskManagers) {
            taskManager.stop(Duration.ofSeconds(10));
        }
        taskManagers.clear();
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(10));
            jobManager = null;
            Servers.deleteTree(dir.resolve("checkpoints"));
            Servers.deleteTree(dir.resolve("tmp"));
        }
    }

    @Override
    protected boolean isStarted() {
        return jobManager != null;
    }

    @Override
    protected synchronized void startServer() {
        lib = Servers.dist("flink-dist", "lib");
        dir = Servers.freshWorkDir("flink");
        restPort = FreePorts.next();
        rest = new FlinkRestClient("http://127.0.0.1:" + restPort);
        writeConfig(FreePorts.next(), FreePorts.next());

        jobManagerParams = resourceParams("GET_JM_RESOURCE_PARAMS");
        // The TaskManager's memory is computed while the JobManager boots.
        taskManagerParams = CompletableFuture.supplyAsync(() -> resourceParams("GET_TM_RESOURCE_PARAMS"));
        startJobManager();
        startTaskManager();
        jobManager.awaitReady(
                START_TIMEOUT,
                dir.resolve("log/jobmanager.log"),
                () -> rest.overview().path("slots-available").asInt() > 0);
    }

    /** Starts the JobManager process (its log appends to the same file) and waits until REST answers. */
    private void startJobManager() {
        Path log = dir.resolve("log/jobmanager.log");
        List<String> command = processCommand(
                jobManagerParams, log, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        jobManagerPrometheusPort = addPrometheusPort(command);
        jobManager = ServerProcess.start(
                "Flink JobManager",
                command,
                Map.of("FLINK_CONF_DIR", dir.resolve("conf").toString()),
                dir,
                dir.resolve("log/jobmanager.out"));
        jobManager.awaitReady(
                START_TIMEOUT,
                log,
                () -> Http.send("GET", restUrl() + "/overview", null).statusCode() == 200);
    }

    /** With {@link #withPrometheus()}: gives the process a free port of its own; returns it (0: none). */
    private int addPrometheusPort(List<String> command) {
        if (!prometheus) {
            return 0;
        }
        int port = FreePorts.next();
        command.addAll(List.of("-D", "metrics.reporter.prom.port=" + port));
        return port;
    }

    private void writeConfig(int rpcPort, int blobPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("jobmanager.memory.process.size", "800m");
        config.put("blob.server.port", String.valueOf(blobPort));
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", String.valueOf(restPort));
        config.put("web.refresh-interval", "500ms");
        config.put("web.upload.dir", dir.resolve("upload").toString());
        config.put("taskmanager.host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.numberOfTaskSlots", "2");
        config.put("taskmanager.memory.process.size", "1200m");
        config.put("io.tmp.dirs", dir.resolve("tmp").toString());
        config.put(
                "execution.checkpointing.dir",
                dir.resolve("checkpoints").toUri().toString());
        config.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        config.put("heartbeat.interval", "1s");
        config.put("heartbeat.timeout", "5s");
        config.put("cluster.intercept-user-system-exit", "THROW");
        config.put("restart-strategy.type", "exponential-delay");
        config.put("restart-strategy.exponential-delay.initial-backoff", "500ms");
        config.put("restart-strategy.exponential-delay.max-backoff", "5s");
        if (stateChangelog) {
            config.put(
                    "state.changelog.dstl.dfs.base-path", changelogDir().toUri().toString());
        }
        config.putAll(extraConfig);
        Servers.write(
                dir.resolve("conf/config.yaml"),
                config.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")));
        Servers.write(
                dir.resolve("conf/log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                        ""));
        for (String sub : List.of("log", "tmp", "upload", "checkpoints", "savepoints")) {
            try {
                Files.createDirectories(dir.resolve(sub));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The command line of a JobManager or TaskManager JVM: {@code params} are BashJavaUtils' JVM flags and
     * dynamic properties, as the distribution's scripts pass them.
     */
    private List<String> processCommand(String[] params, Path log, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Servers.javaBin().toString());
        command.addAll(split(params[0]));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of(
                "-Dlog.file=" + log,
                "-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"),
                "-cp",
                lib + "/*",
                mainClass,
                "--configDir",
                dir.resolve("conf").toString()));
        command.addAll(split(params[1]));
        return command;
    }

    /** JVM flags and dynamic properties, computed by Flink's BashJavaUtils as the distribution's scripts do. */
    private String[] resourceParams(String command) {
        Path out = dir.resolve("log/" + command.toLowerCase() + ".out");
        ServerProcess.runToCompletion(
                "BashJavaUtils " + command,
                List.of(
                        Servers.javaBin().toString(),
                        "-Xmx128m",
                        "-cp",
                        lib + "/*",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        dir.resolve("conf").toString()),
                dir,
                out,
                Duration.ofSeconds(60));
        try {
            List<String> results = Files.readAllLines(out).stream()
                    .filter(line -> line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                    .map(line -> line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())
                            .trim())
                    .collect(Collectors.toList());
            if (results.size() < 2) {
                throw new IllegalStateException(
                        "BashJavaUtils " + command + " printed no result:\n" + ServerProcess.tail(out, 40));
            }
            return new String[] {results.get(0), results.get(1)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String words) {
        List<String> parts = new ArrayList<>();
        for (String word : words.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                parts.add(word);
            }
        }
        return parts;
    }
}
