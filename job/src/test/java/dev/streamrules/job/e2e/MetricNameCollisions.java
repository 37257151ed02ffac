package dev.streamrules.job.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Flink's "Name collision" warnings in a cluster's logs, less the two upstream ones the local stack's
 * log4j configuration drops: Flink's sink committer registers {@code pendingCommittables} again at every
 * checkpoint, and the Kafka writer registers {@code currentSendTime} twice. The job's own metrics must
 * never collide.
 */
final class MetricNameCollisions {

    private MetricNameCollisions() {}

    static long count(Path logDir) {
        try (Stream<Path> logs = Files.list(logDir)) {
            return logs.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .mapToLong(MetricNameCollisions::countIn)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long countIn(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("Name collision")
                            && !l.contains("'pendingCommittables'")
                            && !l.contains("'currentSendTime'"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
