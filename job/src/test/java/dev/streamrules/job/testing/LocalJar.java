package dev.streamrules.job.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/detection-job-local.jar ...} in its own JVM, as a user runs it. */
public final class LocalJar {

    /** Built by the package phase. */
    public static final Path JAR = Path.of("target", "detection-job-local.jar");

    /** What a run printed and its exit status. */
    public record Run(int exitCode, String stdout, String stderr) {}

    private LocalJar() {}

    /** Runs the jar with {@code args} (its output kept in files under {@code dir}) and waits at most 3 minutes. */
    public static Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish in 3 minutes");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
