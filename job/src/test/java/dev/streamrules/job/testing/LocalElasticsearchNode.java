package dev.streamrules.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch for integration tests, run as a child process from the
 * distribution Maven unpacks into {@code target/es} (see job/pom.xml). Stopping and starting again
 * keeps the data directory and ports, so a test can take the node away and bring it back.
 *
 * <p>Elasticsearch refuses to run as root: when the tests do, the node runs as a system user
 * {@value #SYSTEM_USER} (created on first use) through {@code runuser}. Heap 256 MiB, bound to
 * 127.0.0.1 only, security off.
 *
 * <p>Stand-in until the shared end-to-end fixtures exist; it offers the same {@link #url()},
 * {@link #start()} and {@link #stop()}.
 */
public final class LocalElasticsearchNode implements AutoCloseable {

    public static final String HOME_PROPERTY = "streamrules.es.home";
    static final String SYSTEM_USER = "streamrules-es";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path dir;
    private final int httpPort;
    private final int transportPort;
    private final boolean asRoot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private final Thread shutdownHook = new Thread(this::kill, "stop-elasticsearch");

    private LocalElasticsearchNode(Path home, Path dir, int httpPort, int transportPort) {
        this.home = home;
        this.dir = dir;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    /** A node (not yet started) with its files in a fresh directory under {@code target/es-nodes}. */
    public static LocalElasticsearchNode create(String name) throws IOException {
        Path home = distribution();
        Path base = Path.of("target", "es-nodes").toAbsolutePath();
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, name + "-");
        return new LocalElasticsearchNode(home, dir, freePort(), freePort());
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the node (same data directory and ports every time) and waits until it is yellow or green. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Elasticsearch is already running at " + url());
        }
        prepareDirectories();
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        command.addAll(List.of(
                "-Ecluster.name=streamrules-test",
                "-Enode.name=" + dir.getFileName(),
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + dir.resolve("logs"),
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms256m -Xmx256m");
        env.put("ES_PATH_CONF", dir.resolve("config").toString());
        env.put("ES_TMPDIR", dir.resolve("tmp").toString());
        process = builder.start();
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalArgumentException alreadyAdded) {
            // restarted: the hook is registered once
        }
        awaitHealthy();
    }

    /** Stops the node (SIGTERM to it and its child processes), waiting until they are gone. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .collect(Collectors.toList());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        process = null;
        awaitPortFree();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the node and deletes its data (its logs stay in the node directory). */
    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // JVM shutting down, or never started
        }
        try (Stream<Path> paths = Files.walk(dir.resolve("data"))) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is under target/
        }
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** The last lines the node printed, for failure messages. */
    public String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    private void prepareDirectories() throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        if (!Files.exists(config)) {
            copyTree(home.resolve("config"), config);
        }
        for (String sub : List.of("data", "logs", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        if (asRoot) {
            ensureSystemUser();
            run("chown", "-R", SYSTEM_USER + ":" + SYSTEM_USER, dir.toString());
        }
    }

    private static void ensureSystemUser() throws IOException, InterruptedException {
        if (run("id", "-u", SYSTEM_USER) == 0) {
            return;
        }
        // Another test JVM may create it at the same moment: check again rather than trust the exit code.
        run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
        if (run("id", "-u", SYSTEM_USER) != 0) {
            throw new IOException("could not create system user " + SYSTEM_USER + " to run Elasticsearch as");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return p.exitValue();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        kill();
        throw new IOException("Elasticsearch at " + url() + " not healthy after " + START_TIMEOUT + ":\n" + consoleTail());
    }

    private void awaitPortFree() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (ServerSocket s = new ServerSocket(httpPort, 1, InetAddress.getLoopbackAddress())) {
                return;
            } catch (IOException inUse) {
                Thread.sleep(100);
            }
        }
    }

    private static Path distribution() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && Files.isExecutable(Path.of(configured, "bin", "elasticsearch"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path unpacked = Path.of("target", "es");
        if (Files.isDirectory(unpacked)) {
            try (Stream<Path> dirs = Files.list(unpacked)) {
                return dirs.filter(d -> Files.isExecutable(d.resolve("bin/elasticsearch")))
                        .max(Comparator.naturalOrder())
                        .map(Path::toAbsolutePath)
                        .orElseThrow(LocalElasticsearchNode::notUnpacked);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notUnpacked();
    }

    private static IllegalStateException notUnpacked() {
        return new IllegalStateException("No Elasticsearch distribution: run the job module's integration tests "
                + "through Maven (its pre-integration-test phase unpacks one into target/es), or set -D"
                + HOME_PROPERTY + "=<unpacked elasticsearch directory>");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
