package dev.streamrules.job.e2e.servers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Elasticsearch node (Elastic's minimal integ-test build from
 * {@code deploy/local/elasticsearch-dist}): single node, security off, 127.0.0.1 on free ports,
 * 256 MB heap. Elasticsearch refuses to run as root, so as root it runs as the system user
 * {@value #ES_USER} (created when missing) through {@code runuser}.
 *
 * <p>{@link #stop()} and {@link #start()} stop and restart the same node on the same data folder and
 * ports, for outage tests. {@link #withHttpsFront} puts a TLS endpoint with API-key authentication in
 * front of it ({@link ApiKeyHttpsProxy}), as this build has no security module. Small helpers ({@link #count}, {@link #search}, {@link #index}) talk to it
 * over plain HTTP.
 *
 * <p>Over 300 lines: the node's lifecycle (unpack, its own user, start, health) and its HTTP
 * helpers for tests (documents, counts, an https front) share the process they manage.
 */
public final class ElasticsearchNode extends ServerExtension {

    static final String ES_USER = "streamrules-es";
    /** ~20 s on an idle machine; a shared, loaded one (load 30 on 2 cores) was seen taking over 2 minutes. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private Path home;
    private Path dir;
    private int httpPort;
    private int transportPort;
    private ServerProcess process;
    private final Map<String, HttpsFront> httpsFronts = new LinkedHashMap<>();

    /** A TLS endpoint to start with the node: its identity and the API key it demands. */
    private static final class HttpsFront {
        final PrivateCa.ServerIdentity identity;
        final String apiKey;
        ApiKeyHttpsProxy proxy;

        HttpsFront(PrivateCa.ServerIdentity identity, String apiKey) {
            this.identity = identity;
            this.apiKey = apiKey;
        }
    }

    /** A node that starts in {@code beforeAll}; see {@link #launch()} for one started right away. */
    public ElasticsearchNode() {}

    /** Starts a node on a fresh data folder and waits until the cluster is at least yellow. */
    public static ElasticsearchNode launch() {
        return launch(new ElasticsearchNode());
    }

    /** {@code http://127.0.0.1:<port>}; the same across {@link #stop()} and {@link #start()}. */
    public String url() {
        if (dir == null) {
            throw new IllegalStateException("the Elasticsearch node was never started");
        }
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * Adds an https endpoint called {@code name} in front of the node, serving {@code identity}'s
     * certificate and forwarding only requests with {@code Authorization: ApiKey <apiKey>} (401
     * otherwise); it runs from the node's first start to {@link #close()}. Only before the node starts.
     */
    public ElasticsearchNode withHttpsFront(String name, PrivateCa.ServerIdentity identity, String apiKey) {
        if (dir != null) {
            throw new IllegalStateException("the node is already started");
        }
        httpsFronts.put(name, new HttpsFront(identity, apiKey));
        return this;
    }

    /** {@code https://127.0.0.1:<port>} of the endpoint {@code name} ({@link #withHttpsFront}). */
    public String httpsUrl(String name) {
        HttpsFront front = httpsFronts.get(name);
        if (front == null || front.proxy == null) {
            throw new IllegalStateException("no running https front " + name);
        }
        return front.proxy.url();
    }

    /** How many requests the endpoint {@code name} refused (401) so far. */
    public int refusedRequests(String name) {
        httpsUrl(name); // fails clearly for an unknown or stopped front
        return httpsFronts.get(name).proxy.refusedRequests();
    }

    @Override
    protected boolean isStarted() {
        return process != null;
    }

    /**
     * Starts the node, or starts it again after {@link #stop()} on the same data folder and ports, and
     * waits until the cluster health is at least yellow.
     */
    @Override
    protected void startServer() {
        if (dir == null) {
            prepare();
        }
        List<String> command = new ArrayList<>();
        if (Servers.isRoot()) {
            command.addAll(List.of("runuser", "-u", ES_USER, "--"));
        }
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + System.getProperty("java.home"),
                "ES_PATH_CONF=" + dir.resolve("config"),
                "ES_TMPDIR=" + dir.resolve("tmp"),
                "ES_JAVA_OPTS=-Xms256m -Xmx256m",
                // the launcher's own temp files, otherwise left in /tmp
                "CLI_JAVA_OPTS=-Djava.io.tmpdir=" + dir.resolve("tmp"),
                home.resolve("bin/elasticsearch").toString(),
                "-Ecluster.name=streamrules-e2e",
                "-Enode.name=e2e",
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + dir.resolve("logs"),
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        process = ServerProcess.start("elasticsearch", command, Map.of(), dir, dir.resolve("elasticsearch.out"));
        process.awaitReady(START_TIMEOUT, dir.resolve("elasticsearch.out"), this::healthy);
        for (HttpsFront front : httpsFronts.values()) {
            if (front.proxy == null) {
                front.proxy = ApiKeyHttpsProxy.start(front.identity, url(), front.apiKey);
            }
        }
    }

    /** Stops the node (SIGTERM, as its service scripts do) and waits until it is gone. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Indexes one JSON document under {@code id}, visible to search when this returns. */
    public void index(String index, String id, String json) {
        Http.json("PUT", url() + "/" + index + "/_doc/" + encode(id) + "?refresh=wait_for", json);
    }

    /** Refreshes {@code index} and counts its documents; 0 when the index does not exist. */
    public long count(String index) {
        refresh(index);
        HttpResponse<String> response = Http.send("GET", url() + "/" + index + "/_count", null);
        if (response.statusCode() == 404) {
            return 0;
        }
        return Http.parse(response).path("count").asLong();
    }

    /** Refreshes {@code index} and runs a search ({@code queryJson} is the request body); the whole answer. */
    public JsonNode search(String index, String queryJson) {
        refresh(index);
        return Http.json("POST", url() + "/" + index + "/_search", queryJson);
    }

    /** The {@code _source} of every document in {@code index} (up to 10,000); empty when it does not exist. */
    public List<JsonNode> documents(String index) {
        if (count(index) == 0) {
            return List.of();
        }
        List<JsonNode> sources = new ArrayList<>();
        search(index, "{\"size\":10000,\"query\":{\"match_all\":{}}}")
                .path("hits")
                .path("hits")
                .forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }

    /** Any other request: {@code method} {@code path} (starting with {@code /}) with an optional JSON body. */
    public HttpResponse<String> request(String method, String path, String jsonBody) {
        return Http.send(method, url() + path, jsonBody);
    }

    /** The node's own log folder. */
    public Path logDir() {
        return dir.resolve("logs");
    }

    /** Stops the node and deletes its data; the logs stay under {@code target/e2e-servers}. */
    @Override
    public synchronized void close() {
        stop();
        for (HttpsFront front : httpsFronts.values()) {
            if (front.proxy != null) {
                front.proxy.close();
                front.proxy = null;
            }
        }
        if (dir != null) {
            Servers.deleteTree(dir.resolve("data"));
        }
    }

    private void refresh(String index) {
        Http.send("POST", url() + "/" + index + "/_refresh", null);
    }

    private boolean healthy() {
        HttpResponse<String> response =
                Http.send("GET", url() + "/_cluster/health?wait_for_status=yellow&timeout=1s", null);
        return response.statusCode() == 200;
    }

    private void prepare() {
        Path target = Servers.dist("elasticsearch-dist", "");
        try (Stream<Path> homes = Files.list(target)) {
            home = homes.filter(p -> p.getFileName().toString().startsWith("elasticsearch-")
                            && Files.isExecutable(p.resolve("bin/elasticsearch")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Elasticsearch unpacked in " + target
                            + ": run `mvn package` from the repository root first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = Servers.freshWorkDir("elasticsearch");
        if (Servers.isRoot()) {
            ensureUser();
            // A checkout in a private folder (such as /root) is out of the node user's reach: then the
            // node runs from a copy of the distribution and a work folder under the system temp folder.
            if (!reachable(home.resolve("bin/elasticsearch"))) {
                home = sharedCopy(home);
            }
            if (!reachable(dir)) {
                Servers.deleteTree(dir);
                dir = Servers.freshTempDir("streamrules-e2e-elasticsearch");
            }
        }
        httpPort = FreePorts.next();
        transportPort = FreePorts.next();
        try {
            // A config folder of our own: the node writes its keystore there.
            copyTree(home.resolve("config"), dir.resolve("config"));
            for (String sub : List.of("data", "logs", "tmp")) {
                Files.createDirectories(dir.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Servers.isRoot()) {
            ServerProcess.runToCompletion(
                    "chown",
                    List.of("chown", "-R", ES_USER + ":", dir.toString()),
                    dir,
                    dir.resolve("chown.out"),
                    Duration.ofSeconds(30));
        }
    }

    private static void ensureUser() {
        if (ServerProcess.exitCode(List.of("id", "-u", ES_USER)) == 0) {
            return;
        }
        // Another build may create it at the same moment: only its absence afterwards is an error.
        ServerProcess.exitCode(List.of(
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                ES_USER));
        if (ServerProcess.exitCode(List.of("id", "-u", ES_USER)) != 0) {
            throw new IllegalStateException(
                    "Elasticsearch refuses to run as root and the user " + ES_USER + " could not be created (useradd)");
        }
    }

    /** Whether the node's user may enter (directory) or run (file) {@code path}. */
    private static boolean reachable(Path path) {
        return ServerProcess.exitCode(List.of("runuser", "-u", ES_USER, "--", "test", "-x", path.toString())) == 0;
    }

    /** A copy of the distribution in the system temp folder, made once and reused. */
    private static Path sharedCopy(Path home) {
        Path copy = Path.of(System.getProperty("java.io.tmpdir"), "streamrules-" + home.getFileName());
        if (Files.exists(copy.resolve(".complete"))) {
            return copy;
        }
        try {
            Path partial = Files.createTempDirectory(copy.getParent(), copy.getFileName() + ".partial-");
            copyTree(home, partial);
            Files.createFile(partial.resolve(".complete"));
            ServerProcess.runToCompletion(
                    "chmod",
                    List.of("chmod", "-R", "a+rX", partial.toString()),
                    partial,
                    partial.resolve(".chmod.out"),
                    Duration.ofSeconds(60));
            try {
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another test JVM made the same copy first
                Servers.deleteTree(partial);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + home + " to " + copy, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
