package dev.streamrules.job.e2e.servers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A real Flink session cluster (one JobManager, TaskManagers on demand, two slots each) assembled from
 * {@code deploy/local/flink-dist/target/lib}, each process its own JVM on free loopback ports, so a
 * TaskManager can be killed for real. Jobs are shaded jars submitted over REST. Heartbeats are short
 * (1 s / 5 s), so a killed TaskManager is noticed in seconds; checkpoints go to a folder of this run.
 *
 * <p>Either an extension ({@code @RegisterExtension static final FlinkSessionCluster FLINK = new
 * FlinkSessionCluster();}) or {@code try (FlinkSessionCluster flink = FlinkSessionCluster.launch()) {...}}.
 */
public final class FlinkSessionCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

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
    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED", "SUSPENDED");

    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private Path lib;
    private Path dir;
    private int restPort;
    private ServerProcess jobManager;
    private final List<ServerProcess> taskManagers = new ArrayList<>();
    private int taskManagersStarted;
    private CompletableFuture<String[]> taskManagerParams;

    /** A cluster that starts in {@code beforeAll}; see {@link #launch()} for one started right away. */
    public FlinkSessionCluster() {}

    /** Starts a JobManager and one TaskManager and waits until a slot is free. */
    public static FlinkSessionCluster launch() {
        FlinkSessionCluster cluster = new FlinkSessionCluster();
        cluster.startCluster();
        return cluster;
    }

    /** Adds or overrides a {@code config.yaml} entry; only before the cluster starts. */
    public FlinkSessionCluster withConfig(String key, String value) {
        if (jobManager != null) {
            throw new IllegalStateException("the cluster is already running");
        }
        extraConfig.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startCluster();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** {@code http://127.0.0.1:<rest port>}. */
    public String restUrl() {
        if (dir == null) {
            throw new IllegalStateException("the Flink cluster was never started");
        }
        return "http://127.0.0.1:" + restPort;
    }

    /**
     * Uploads {@code jar} and runs its main class ({@code Main-Class} of its manifest) with
     * {@code args}; returns the job id. The main method runs inside the JobManager, detached.
     */
    public String submit(Path jar, int parallelism, List<String> args) {
        String boundary = "----streamrules" + UUID.randomUUID();
        byte[] content;
        try {
            content = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job jar " + jar, e);
        }
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest upload = HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(
                        head.getBytes(StandardCharsets.UTF_8), content, tail.getBytes(StandardCharsets.UTF_8))))
                .build();
        String uploaded = Http.parse(Http.send(upload)).path("filename").asText();
        String jarId = Path.of(uploaded).getFileName().toString();

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("parallelism", parallelism);
        run.put("programArgsList", args);
        try {
            String body = Http.JSON.writeValueAsString(run);
            return Http.json("POST", restUrl() + "/jars/" + jarId + "/run", body).path("jobid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's state as the JobManager reports it: {@code CREATED}, {@code RUNNING}, {@code RESTARTING}, ... */
    public String jobStatus(String jobId) {
        return Http.json("GET", restUrl() + "/jobs/" + jobId, null).path("state").asText();
    }

    /** Waits until the job is in one of {@code states}; fails early when it ends in another. */
    public String awaitJobStatus(String jobId, Duration timeout, String... states) {
        Set<String> wanted = Set.of(states);
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = jobStatus(jobId);
        while (!wanted.contains(state)) {
            if (TERMINAL.contains(state)) {
                throw new IllegalStateException("job " + jobId + " ended " + state + ", expected " + wanted
                        + "; exceptions: " + exceptions(jobId));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + state + " after " + timeout.toSeconds()
                        + " s, expected " + wanted + "; exceptions: " + exceptions(jobId));
            }
            ServerProcess.sleep(200);
            state = jobStatus(jobId);
        }
        return state;
    }

    /** The job's exception history, as JSON text (for failure messages). */
    public String exceptions(String jobId) {
        return Http.send("GET", restUrl() + "/jobs/" + jobId + "/exceptions", null).body();
    }

    /** Cancels the job and waits until it is {@code CANCELED} (or otherwise ended). */
    public void cancel(String jobId) {
        Http.send("PATCH", restUrl() + "/jobs/" + jobId + "?mode=cancel", null);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!TERMINAL.contains(jobStatus(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " did not stop within 60 s of its cancellation");
            }
            ServerProcess.sleep(200);
        }
    }

    /** The id of the job's latest completed checkpoint, if any. */
    public OptionalLong latestCompletedCheckpoint(String jobId) {
        return checkpointId(jobId, "completed");
    }

    /** The id of the checkpoint the job last restored from (after a failover), if any. */
    public OptionalLong restoredCheckpoint(String jobId) {
        return checkpointId(jobId, "restored");
    }

    private OptionalLong checkpointId(String jobId, String which) {
        JsonNode id = Http.json("GET", restUrl() + "/jobs/" + jobId + "/checkpoints", null)
                .path("latest").path(which).path("id");
        return id.isNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
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
        List<String> command = new ArrayList<>();
        command.add(Servers.javaBin().toString());
        command.addAll(split(params[0]));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-Dlog.file=" + log, "-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"),
                "-cp", lib + "/*", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir", dir.resolve("conf").toString()));
        command.addAll(split(params[1]));
        command.addAll(List.of("-D", "taskmanager.resource-id=" + resourceId));
        ServerProcess taskManager = ServerProcess.start("Flink TaskManager " + resourceId, command,
                Map.of("FLINK_CONF_DIR", dir.resolve("conf").toString()), dir,
                dir.resolve("log/taskmanager-" + number + ".out"));
        taskManagers.add(taskManager);
        taskManager.awaitReady(START_TIMEOUT, log, () -> registeredTaskManagers().contains(resourceId));
    }

    /** The ids of the TaskManagers the JobManager lists (a killed one stays until its heartbeat times out). */
    public List<String> registeredTaskManagers() {
        List<String> ids = new ArrayList<>();
        Http.json("GET", restUrl() + "/taskmanagers", null).path("taskmanagers")
                .forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** {@code GET /overview}: task managers, slots, job counts. */
    public JsonNode overview() {
        return Http.json("GET", restUrl() + "/overview", null);
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

    private synchronized void startCluster() {
        if (jobManager != null) {
            return;
        }
        lib = Servers.dist("flink-dist", "lib");
        dir = Servers.freshWorkDir("flink");
        restPort = Servers.freePort();
        writeConfig(Servers.freePort(), Servers.freePort());

        String[] jobManagerParams = resourceParams("GET_JM_RESOURCE_PARAMS");
        // The TaskManager's memory is computed while the JobManager boots.
        taskManagerParams = CompletableFuture.supplyAsync(() -> resourceParams("GET_TM_RESOURCE_PARAMS"));
        Path log = dir.resolve("log/jobmanager.log");
        List<String> command = new ArrayList<>();
        command.add(Servers.javaBin().toString());
        command.addAll(split(jobManagerParams[0]));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-Dlog.file=" + log, "-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"),
                "-cp", lib + "/*", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir", dir.resolve("conf").toString()));
        command.addAll(split(jobManagerParams[1]));
        jobManager = ServerProcess.start("Flink JobManager", command,
                Map.of("FLINK_CONF_DIR", dir.resolve("conf").toString()), dir, dir.resolve("log/jobmanager.out"));
        jobManager.awaitReady(START_TIMEOUT, log, () -> Http.send("GET", restUrl() + "/overview", null).statusCode() == 200);
        startTaskManager();
        jobManager.awaitReady(START_TIMEOUT, log, () -> overview().path("slots-available").asInt() > 0);
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
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        config.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        config.put("heartbeat.interval", "1s");
        config.put("heartbeat.timeout", "5s");
        config.put("cluster.intercept-user-system-exit", "THROW");
        config.put("restart-strategy.type", "exponential-delay");
        config.put("restart-strategy.exponential-delay.initial-backoff", "500ms");
        config.put("restart-strategy.exponential-delay.max-backoff", "5s");
        config.putAll(extraConfig);
        Servers.write(dir.resolve("conf/config.yaml"), config.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        Servers.write(dir.resolve("conf/log4j.properties"), String.join("\n",
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

    /** JVM flags and dynamic properties, computed by Flink's BashJavaUtils as the distribution's scripts do. */
    private String[] resourceParams(String command) {
        Path out = dir.resolve("log/" + command.toLowerCase() + ".out");
        ServerProcess.runToCompletion("BashJavaUtils " + command,
                List.of(Servers.javaBin().toString(), "-Xmx128m", "-cp", lib + "/*",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils", command,
                        "--configDir", dir.resolve("conf").toString()),
                dir, out, Duration.ofSeconds(60));
        try {
            List<String> results = Files.readAllLines(out).stream()
                    .filter(line -> line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                    .map(line -> line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                    .collect(Collectors.toList());
            if (results.size() < 2) {
                throw new IllegalStateException("BashJavaUtils " + command + " printed no result:\n"
                        + ServerProcess.tail(out, 40));
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
