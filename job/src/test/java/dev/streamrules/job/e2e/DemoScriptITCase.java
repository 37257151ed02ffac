package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.e2e.servers.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/local/demo.sh} as a newcomer runs it: the whole local stack, the job (the seed rule and
 * the sequence rules) and 40 seconds of live traffic with planted attacks and sequence attacks, on ports
 * and in a folder of its own. It must end with every expected alert and sequence in Elasticsearch
 * exactly once, and stop everything it started.
 */
class DemoScriptITCase {

    private static final Pattern SUMMARY = Pattern.compile("^alerts: (\\d+) in Elasticsearch, (\\d+) expected, (\\d+)"
            + " duplicates; sequences: (\\d+) in Elasticsearch, (\\d+) expected, (\\d+) duplicates$");
    private static final long TIMEOUT_SECONDS = 210;

    @Test
    void endsWithEveryExpectedAlertInElasticsearchExactlyOnce() throws Exception {
        Path module =
                Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path root = module.getParent();
        Path stackDir = stackDir();
        Path output = stackDir.resolve("demo.out");
        Map<String, String> ports = ports();

        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        root.resolve("deploy/local/demo.sh").toString(),
                        "--duration",
                        "40",
                        "--rate",
                        "500",
                        "--sequence-attack-rate",
                        "0.05")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(ports);
        env.put("STACK_DIR", stackDir.toString());
        env.put("SKIP_BUILD", "true"); // Maven built the jars in this very run: never start another build
        env.put("JAVA_HOME", System.getProperty("java.home"));

        long start = System.nanoTime();
        Process demo = builder.start();
        int exit;
        List<String> leftRunning;
        try {
            if (!demo.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                demo.destroy(); // SIGTERM: the script stops the live tool, cancels the job, stops the stack
                if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                    demo.descendants().forEach(ProcessHandle::destroyForcibly);
                    demo.destroyForcibly();
                }
                throw new AssertionError("demo.sh did not end within " + TIMEOUT_SECONDS + " s:\n" + tail(output));
            }
            exit = demo.exitValue();
            leftRunning = pidFiles(stackDir);
        } finally {
            stopStack(root, stackDir, ports);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        List<Matcher> summaries = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                summaries.add(m);
            }
        }
        assertThat(exit)
                .as("exit status of demo.sh after %d s:\n%s", seconds, tail(output))
                .isZero();
        assertThat(summaries).as("one summary line in:\n%s", tail(output)).hasSize(1);
        Matcher summary = summaries.get(0);
        long inElasticsearch = Long.parseLong(summary.group(1));
        long expected = Long.parseLong(summary.group(2));
        long duplicates = Long.parseLong(summary.group(3));
        assertThat(expected).as("the simulator planted attacks").isPositive();
        assertThat(inElasticsearch).as("alerts in Elasticsearch").isEqualTo(expected);
        assertThat(duplicates).as("duplicates").isZero();
        long sequencesInElasticsearch = Long.parseLong(summary.group(4));
        long expectedSequences = Long.parseLong(summary.group(5));
        assertThat(expectedSequences)
                .as("the simulator planted sequence attacks")
                .isPositive();
        assertThat(sequencesInElasticsearch)
                .as("sequence alerts in Elasticsearch")
                .isEqualTo(expectedSequences);
        assertThat(Long.parseLong(summary.group(6))).as("sequence duplicates").isZero();
        assertThat(lines)
                .anyMatch(l -> l.contains("(read_committed): sequences: " + expectedSequences + " in the topic, "
                        + expectedSequences + " expected, 0 duplicates"));
        assertThat(lines).anyMatch(l -> l.startsWith("latency ms: p50="));
        assertThat(lines).anyMatch(l -> l.contains("(read_committed): " + expected + " records, 0 duplicates"));
        assertThat(lines.get(lines.size() - 1))
                .as("the script says where the logs are")
                .startsWith("demo: logs: ");
        assertThat(leftRunning).as("servers the script left running").isEmpty();
    }

    private static List<String> pidFiles(Path stackDir) throws IOException {
        Path pids = stackDir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (var files = Files.list(pids)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * A fresh stack folder that Elasticsearch's own user (when the tests run as root) can enter: in the
     * system temp folder, since a checkout may sit in a private folder (a home, a {@code mktemp -d}).
     */
    private static Path stackDir() throws IOException {
        Path dir = Files.createTempDirectory("streamrules-demo-");
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
        return dir;
    }

    /** Every port the stack listens on, free right now and distinct. */
    private static Map<String, String> ports() {
        String[] names = {
            "KAFKA_PORT",
            "KAFKA_CONTROLLER_PORT",
            "ES_PORT",
            "ES_TRANSPORT_PORT",
            "FLINK_REST_PORT",
            "FLINK_RPC_PORT",
            "FLINK_BLOB_PORT"
        };
        Map<String, String> ports = new java.util.LinkedHashMap<>();
        for (String name : names) {
            ports.put(name, Integer.toString(FreePorts.next()));
        }
        return ports;
    }

    /** Belt and braces: whatever the script left running in its folder is stopped by pid file. */
    private static void stopStack(Path root, Path stackDir, Map<String, String> ports) throws InterruptedException {
        try {
            ProcessBuilder stop = new ProcessBuilder(
                            "bash", root.resolve("deploy/local/stack.sh").toString(), "stop")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            stop.environment().putAll(ports);
            stop.environment().put("STACK_DIR", stackDir.toString());
            stop.environment().put("JAVA_HOME", System.getProperty("java.home"));
            stop.start().waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("could not run stack.sh stop: " + e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
