package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the servers come from and where their runs go, plus free loopback ports. */
final class Servers {

    private Servers() {}

    /** The job module's folder (Maven runs the tests there). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    /**
     * A folder that the {@code deploy/local/*-dist} modules build, e.g. {@code kafka-dist/target/lib};
     * fails with how to build it when it is missing.
     */
    static Path dist(String module, String inTarget) {
        Path target = moduleDir()
                .resolve("../deploy/local")
                .resolve(module)
                .resolve("target")
                .normalize();
        Path path = inTarget.isEmpty() ? target : target.resolve(inTarget);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " is missing: run `mvn package` from the repository root"
                    + " (or `deploy/local/stack.sh fetch`) to fetch the servers first");
        }
        return path;
    }

    /** A fresh folder for one server's configuration, data and logs under {@code target/e2e-servers}. */
    static Path freshWorkDir(String prefix) {
        try {
            Path parent = moduleDir().resolve("target").resolve("e2e-servers");
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, prefix + "-");
            // Elasticsearch may run as another user: it must be able to enter the folder.
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh folder under the system temp folder, which every user may enter. */
    static Path freshTempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix + "-");
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
