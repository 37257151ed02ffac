package dev.streamrules.job.e2e.servers;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The Flink REST API as the tests use it: submit a jar, follow, cancel and inspect jobs, list
 * TaskManagers. Knows nothing of the processes behind it ({@link FlinkSessionCluster}).
 */
public final class FlinkRestClient {

    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED", "SUSPENDED");

    private final String restUrl;

    /** {@code restUrl}: {@code http://host:port}. */
    public FlinkRestClient(String restUrl) {
        this.restUrl = restUrl;
    }

    public String url() {
        return restUrl;
    }

    /**
     * Uploads {@code jar} and runs its main class ({@code Main-Class} of its manifest) with
     * {@code args}; returns the job id. The main method runs inside the JobManager, detached.
     */
    public String submit(Path jar, int parallelism, List<String> args) {
        return submit(jar, parallelism, args, null);
    }

    /**
     * As {@link #submit(Path, int, List)}, the job starting from the savepoint or retained checkpoint
     * {@code restoreFrom} (a {@code chk-N} or savepoint folder; {@code null}: a fresh start).
     */
    public String submit(Path jar, int parallelism, List<String> args, Path restoreFrom) {
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
        HttpRequest upload = HttpRequest.newBuilder(URI.create(restUrl + "/jars/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(
                        List.of(head.getBytes(StandardCharsets.UTF_8), content, tail.getBytes(StandardCharsets.UTF_8))))
                .build();
        String uploaded = Http.parse(Http.send(upload)).path("filename").asText();
        String jarId = Path.of(uploaded).getFileName().toString();

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("parallelism", parallelism);
        run.put("programArgsList", args);
        if (restoreFrom != null) {
            run.put("savepointPath", restoreFrom.toUri().toString());
        }
        try {
            String body = Http.JSON.writeValueAsString(run);
            return Http.json("POST", restUrl + "/jars/" + jarId + "/run", body)
                    .path("jobid")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's state as the JobManager reports it: {@code CREATED}, {@code RUNNING}, {@code RESTARTING}, ... */
    public String jobStatus(String jobId) {
        return Http.json("GET", restUrl + "/jobs/" + jobId, null).path("state").asText();
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
        return Http.send("GET", restUrl + "/jobs/" + jobId + "/exceptions", null)
                .body();
    }

    /** Cancels the job and waits until it is {@code CANCELED} (or otherwise ended). */
    public void cancel(String jobId) {
        Http.send("PATCH", restUrl + "/jobs/" + jobId + "?mode=cancel", null);
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
        JsonNode id = Http.json("GET", restUrl + "/jobs/" + jobId + "/checkpoints", null)
                .path("latest")
                .path(which)
                .path("id");
        return id.isNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
    }

    /** The ids of the TaskManagers the JobManager lists (a killed one stays until its heartbeat times out). */
    public List<String> registeredTaskManagers() {
        List<String> ids = new ArrayList<>();
        Http.json("GET", restUrl + "/taskmanagers", null)
                .path("taskmanagers")
                .forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** The body of {@code GET <path>} ({@code path} starts with {@code /}), whatever the status. */
    public String get(String path) {
        return Http.send("GET", restUrl + path, null).body();
    }

    /** {@code GET /overview}: task managers, slots, job counts. */
    public JsonNode overview() {
        return Http.json("GET", restUrl + "/overview", null);
    }
}
