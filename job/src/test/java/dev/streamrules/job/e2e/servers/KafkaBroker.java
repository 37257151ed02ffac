package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, broker and controller in one JVM) from {@code deploy/local/kafka-dist},
 * on free loopback ports, with the single-node settings that transactions (exactly-once sinks) need.
 *
 * <p>Lifecycle: {@link ServerExtension}; {@code try (KafkaBroker kafka = KafkaBroker.launch()) {...}}.
 */
public final class KafkaBroker extends ServerExtension {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Path dir;
    private int port;
    private ServerProcess process;

    /** A broker that starts in {@code beforeAll}; see {@link #launch()} for one started right away. */
    public KafkaBroker() {}

    /** Starts a broker and waits until it accepts clients. */
    public static KafkaBroker launch() {
        return launch(new KafkaBroker());
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        requireStarted();
        return "127.0.0.1:" + port;
    }

    /** Creates a topic with one replica and waits until it exists. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** As {@link #createTopic(String, int)}, with topic configs (e.g. {@code max.message.bytes}). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The broker's log file (server.log of this run). */
    public Path logFile() {
        return dir.resolve("logs/server.log");
    }

    /** Kills the broker and deletes its data; the logs stay under {@code target/e2e-servers}. */
    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
            Servers.deleteTree(dir.resolve("data"));
        }
    }

    @Override
    protected boolean isStarted() {
        return process != null;
    }

    @Override
    protected void startServer() {
        Path lib = Servers.dist("kafka-dist", "lib");
        dir = Servers.freshWorkDir("kafka");
        port = Servers.freePort();
        int controllerPort = Servers.freePort();
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        Servers.write(
                properties,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + dir.resolve("data"),
                        "auto.create.topics.enable=false",
                        "group.initial.rebalance.delay.ms=0",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=4",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "transaction.state.log.num.partitions=4",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "transaction.max.timeout.ms=3600000",
                        ""));
        Servers.write(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:kafka.log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                        ""));
        String java = Servers.javaBin().toString();
        String classpath = lib + "/*";
        ServerProcess.runToCompletion(
                "kafka storage format",
                List.of(
                        java,
                        "-Xmx128m",
                        "-Dkafka.log.file=" + dir.resolve("logs/format.log"),
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-cp",
                        classpath,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        properties.toString()),
                dir,
                dir.resolve("format.out"),
                Duration.ofSeconds(60));
        process = ServerProcess.start(
                "kafka broker",
                List.of(
                        java,
                        "-Xms64m",
                        "-Xmx384m",
                        "-XX:+UseG1GC",
                        "-Djava.awt.headless=true",
                        "-Dkafka.log.file=" + logFile(),
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-cp",
                        classpath,
                        "kafka.Kafka",
                        properties.toString()),
                Map.of(),
                dir,
                dir.resolve("kafka.out"));
        process.awaitReady(START_TIMEOUT, logFile(), () -> portOpen(port) && logSays("Kafka Server started"));
    }

    private boolean logSays(String text) {
        try {
            return Files.exists(logFile()) && Files.readString(logFile()).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean portOpen(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the Kafka broker is not started");
        }
    }
}
