package dev.streamrules.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor any JSON job pays: reads an NDJSON file line by line on one thread and calls Jackson's
 * {@code ObjectMapper.readTree} on each non-empty line, nothing else. Prints
 * {@code throughput: X events/s (N events in T ms, first line read to last line parsed)}, so JVM
 * start is excluded as in the replay's own throughput line.
 */
public final class ParseOnly {

    private ParseOnly() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: java -cp streamrules-tools.jar dev.streamrules.tools.bench.ParseOnly FILE");
            System.exit(2);
        }
        ObjectMapper mapper = new ObjectMapper();
        long events = 0;
        long fields = 0;
        long start = System.nanoTime();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    // Use the tree so the JIT cannot drop the parse.
                    fields += mapper.readTree(line).size();
                    events++;
                }
            }
        }
        long millis = Math.max(1L, (System.nanoTime() - start) / 1_000_000L);
        System.err.println(
                "throughput: " + Math.round(events * 1000.0 / millis) + " events/s (" + events + " events in " + millis
                        + " ms, first line read to last line parsed; " + fields + " top-level fields)");
    }
}
