package dev.streamrules.tools.bench;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the warm benchmarks share: their input held in memory (as lines or parsed), and the median of the warm rounds. */
final class WarmRounds {

    /** Rounds before this one warm the JIT up and are left out of the medians. */
    static final int WARM_FROM_ROUND = 3;

    private WarmRounds() {}

    /** The first {@code limit} non-empty lines of an NDJSON file, as bytes. */
    static List<byte[]> lines(Path file, int limit) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; lines.size() < limit && (line = reader.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    /** The valid events among the first {@code limit} lines of an NDJSON file, parsed by {@code parser}. */
    static List<EcsEvent> events(Path file, int limit, EcsEventParser parser) throws IOException {
        List<byte[]> lines = lines(file, limit);
        List<EcsEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ParseResult result = parser.parse(RawRecord.line(file.toString(), i + 1L, lines.get(i), false));
            if (result.isValid()) {
                events.add(result.event());
            }
        }
        return events;
    }

    /** The median of the figures of rounds {@value #WARM_FROM_ROUND} onwards (one figure per round). */
    static double warmMedian(double[] perRound) {
        double[] sorted = Arrays.copyOfRange(perRound, WARM_FROM_ROUND - 1, perRound.length);
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
