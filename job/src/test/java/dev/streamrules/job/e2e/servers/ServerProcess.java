package dev.streamrules.job.e2e.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One server started as a child process: its output goes to a file, readiness is polled, and
 * stopping reaches the whole process tree (Elasticsearch runs as {@code runuser} → launcher JVM →
 * server JVM). A JVM shutdown hook kills whatever is still running when the test JVM exits.
 */
final class ServerProcess {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::kill), "streamrules-e2e-server-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path output;

    private ServerProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code command} in {@code workDir} with stdout and stderr in {@code output}. */
    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path output) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        try {
            ServerProcess started = new ServerProcess(name, builder.start(), output);
            LIVE.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a short command to completion, failing with its output when it does not exit 0. */
    static void runToCompletion(String what, List<String> command, Path workDir, Path output, Duration timeout) {
        ServerProcess tool = start(what, command, Map.of(), workDir, output);
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.kill();
                throw new IllegalStateException(what + " did not finish in " + timeout + "\n" + tool.tail(40));
            }
            if (tool.process.exitValue() != 0) {
                throw new IllegalStateException(
                        what + " failed with exit code " + tool.process.exitValue() + ":\n" + tool.tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.kill();
            throw new IllegalStateException("interrupted while running " + what, e);
        } finally {
            LIVE.remove(tool);
        }
    }

    /** Runs a short command quietly and returns its exit code (-1 when it cannot run or times out). */
    static int exitCode(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code ready} until it holds; fails early, with the end of {@code log}, when the process
     * exits or the timeout passes.
     */
    void awaitReady(Duration timeout, Path log, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (probe(ready)) {
                return;
            }
            if (!process.isAlive()) {
                LIVE.remove(this);
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " while starting; last lines of " + log + ":\n" + tail(log, 60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds()
                        + " s; last lines of " + log + ":\n" + tail(log, 60));
            }
            sleep(200);
        }
    }

    private static boolean probe(BooleanSupplier ready) {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SIGTERM to the process tree; SIGKILL to what is left after {@code grace}. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            sleep(100);
        }
        killAndForget(tree);
    }

    /** SIGKILL ({@code kill -9}) to the process tree, waiting until it is gone. */
    void kill() {
        killAndForget(tree());
    }

    private void killAndForget(List<ProcessHandle> tree) {
        kill(tree);
        // The pid can be gone before the JVM's reaper has noted the exit, and until then isAlive()
        // still says true: a restart right after a stop or kill would refuse to start.
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        LIVE.remove(this);
    }

    private static void kill(List<ProcessHandle> tree) {
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        return tree;
    }

    String tail(int lines) {
        return tail(output, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
