package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real Kafka broker (KRaft, broker and controller in one JVM) from {@code deploy/local/kafka-dist},
 * on free loopback ports, with the single-node settings that transactions (exactly-once sinks) need.
 *
 * <p>{@link #bootstrapServers()} is a PLAINTEXT listener (test fixtures, and brokers talking to
 * themselves); {@link #withSaslSslListener} adds SASL_SSL listeners (SCRAM-SHA-512 over TLS) for the
 * job, with users from {@link #withScramUser}, stored in the cluster metadata when the storage is
 * formatted, as a production KRaft cluster bootstraps its first credentials.
 *
 * <p>Lifecycle: {@link ServerExtension}; {@code try (KafkaBroker kafka = KafkaBroker.launch()) {...}}.
 */
public final class KafkaBroker extends ServerExtension {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The SASL mechanism of the SASL_SSL listeners. */
    public static final String SCRAM = "SCRAM-SHA-512";

    private Path dir;
    private int port;
    private ServerProcess process;
    private final Map<String, PrivateCa.ServerIdentity> saslSslListeners = new LinkedHashMap<>();
    private final Map<String, Integer> saslSslPorts = new LinkedHashMap<>();
    private final Map<String, String> scramUsers = new LinkedHashMap<>();

    /** A broker that starts in {@code beforeAll}; see {@link #launch()} for one started right away. */
    public KafkaBroker() {}

    /** Starts a broker and waits until it accepts clients. */
    public static KafkaBroker launch() {
        return launch(new KafkaBroker());
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        requireStarted();
        return "127.0.0.1:" + port;
    }

    /**
     * Adds a SASL_SSL listener called {@code name} (letters, e.g. {@code SECURE}) presenting
     * {@code identity}'s certificate and accepting SCRAM-SHA-512 logins. Only before the broker starts.
     */
    public KafkaBroker withSaslSslListener(String name, PrivateCa.ServerIdentity identity) {
        requireNotStarted();
        if (!name.matches("[A-Z]+") || name.equals("PLAINTEXT") || name.equals("CONTROLLER")) {
            throw new IllegalArgumentException("a listener name is upper-case letters, not " + name);
        }
        saslSslListeners.put(name, identity);
        return this;
    }

    /** Adds a SCRAM-SHA-512 user ({@code user} and {@code password}: letters and digits). Only before the start. */
    public KafkaBroker withScramUser(String user, String password) {
        requireNotStarted();
        if (!user.matches("[A-Za-z0-9]+") || !password.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("SCRAM user names and passwords here are letters and digits");
        }
        scramUsers.put(user, password);
        return this;
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener {@code name} ({@link #withSaslSslListener}). */
    public String bootstrapServers(String listener) {
        requireStarted();
        Integer listenerPort = saslSslPorts.get(listener);
        if (listenerPort == null) {
            throw new IllegalArgumentException("no listener " + listener + "; listeners: " + saslSslPorts.keySet());
        }
        return "127.0.0.1:" + listenerPort;
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
            awaitListed(admin, name);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The create call returns once the controller has the topic; the broker serves it from its metadata
     * a moment later. Until then a client listing topics (the job's preflight) does not see it yet.
     */
    private static void awaitListed(Admin admin, String name)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + name + " created but not listed by the broker after 30 s");
            }
            Thread.sleep(50);
        }
    }

    /** Sends {@code values} (UTF-8, no key) to {@code topic} over the PLAINTEXT listener and waits for the acks. */
    public void produce(String topic, List<String> values) {
        Map<String, Object> props =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
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
        port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        List<String> listeners = new ArrayList<>(List.of("PLAINTEXT://127.0.0.1:" + port));
        List<String> protocols = new ArrayList<>(List.of("CONTROLLER:PLAINTEXT", "PLAINTEXT:PLAINTEXT"));
        List<String> listenerSettings = new ArrayList<>();
        saslSslListeners.forEach((name, identity) -> {
            int listenerPort = FreePorts.next();
            saslSslPorts.put(name, listenerPort);
            listeners.add(name + "://127.0.0.1:" + listenerPort);
            protocols.add(name + ":SASL_SSL");
            String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
            listenerSettings.addAll(List.of(
                    prefix + "sasl.enabled.mechanisms=" + SCRAM,
                    prefix + SCRAM.toLowerCase(Locale.ROOT)
                            + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    prefix + "ssl.keystore.type=PKCS12",
                    prefix + "ssl.keystore.location=" + identity.keyStore(),
                    prefix + "ssl.keystore.password=" + identity.password(),
                    prefix + "ssl.key.password=" + identity.password()));
        });
        List<String> settings = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + String.join(",", listeners) + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + String.join(",", listeners),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=" + String.join(",", protocols),
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
                "transaction.max.timeout.ms=3600000"));
        settings.addAll(listenerSettings);
        settings.add("");
        Servers.write(properties, String.join("\n", settings));
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
        List<String> format = new ArrayList<>(List.of(
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
                properties.toString()));
        scramUsers.forEach((user, password) ->
                format.addAll(List.of("--add-scram", SCRAM + "=[name=" + user + ",password=" + password + "]")));
        ServerProcess.runToCompletion(
                "kafka storage format", format, dir, dir.resolve("format.out"), Duration.ofSeconds(60));
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

    private void requireNotStarted() {
        if (process != null) {
            throw new IllegalStateException("the Kafka broker is already started");
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the Kafka broker is not started");
        }
    }
}
