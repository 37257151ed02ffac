package dev.streamrules.job.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.alert.AlertFields;
import dev.streamrules.udfs.cli.CommandLine;
import dev.streamrules.udfs.cli.Settings;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.NormalizedDocument;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.tree.ProcessTreeFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Events per second, single-threaded, of three ways to parse the same NDJSON lines held in memory:
 * a plain Jackson {@code readTree} (the floor any JSON job pays), the tree-based parse the job did
 * before projections (readTree, dotted-key expansion, every leaf flattened into a sorted index), and
 * {@link EcsEventParser} with the seed rule's fields plus what the process tree and alerts read.
 * Not a test: a main class, run as documented in {@code docs/notes/projection-parser.md}.
 *
 * <pre>
 * java -Xmx2g -cp "job/target/test-classes:$(cat target/bench.cp)" dev.streamrules.job.bench.ParseBenchmark \
 *     --input target/fleet.ndjson [--lines 100000] [--runs 5] [--only 3]
 * </pre>
 */
public final class ParseBenchmark {

    /** The seed rule's fields (its EQL query), as the rule compiler will name them. */
    static final FieldProjection SEED_RULE = FieldProjection.of(List.of(
            "event.category",
            "event.action",
            "event.type",
            "host.os.type",
            "process.name",
            "process.args",
            "process.entry_leader.name"));

    static final FieldProjection JOB = SEED_RULE
            .union(ProcessTreeFields.READ)
            .union(AlertFields.READ)
            .union(FieldProjection.of(List.of("@timestamp")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParseBenchmark() {}

    static final ConfigOption<String> INPUT =
            ConfigOptions.key("input").stringType().noDefaultValue().withDescription("NDJSON file (required)");
    static final ConfigOption<Integer> LINES =
            ConfigOptions.key("lines").intType().defaultValue(100_000).withDescription("lines read into memory");
    static final ConfigOption<Integer> RUNS =
            ConfigOptions.key("runs").intType().defaultValue(5).withDescription("measured runs per mode");
    static final ConfigOption<Integer> ONLY = ConfigOptions.key("only")
            .intType()
            .defaultValue(-1)
            .withDescription("run one mode only (its index), e.g. under a profiler");
    static final CommandLine COMMAND_LINE = CommandLine.builder()
            .section(null, List.of(INPUT, LINES, RUNS, ONLY))
            .build();

    public static void main(String[] args) throws IOException {
        Settings flags = COMMAND_LINE.parse(args);
        flags.requireNoProblems(flags.isSet(INPUT) ? List.of() : List.of("--input FILE is required"));
        Path input = Path.of(flags.get(INPUT));
        int lines = flags.get(LINES);
        int runs = flags.get(RUNS);
        int only = flags.get(ONLY);
        List<RawRecord> records = read(input, lines);
        long dotted = records.stream()
                .filter(r -> new String(r.getPayload(), StandardCharsets.UTF_8).matches(".*\"[^\"]*\\.[^\"]*\":.*"))
                .count();
        System.out.printf(
                "%d events from %s, %.1f%% with dotted keys; projection: %d paths%n",
                records.size(),
                input,
                100.0 * dotted / records.size(),
                JOB.paths().size());

        EcsEventParser projected = new EcsEventParser(JOB);
        EcsEventParser all = new EcsEventParser();
        String[] names = {"readTree", "tree parse (before)", "streaming, all fields", "streaming, projected"};
        List<ToIntFunction<RawRecord>> modes = List.of(
                ParseBenchmark::readTree,
                ParseBenchmark::treeParse,
                r -> fieldCount(all.parse(r)),
                r -> fieldCount(projected.parse(r)));
        double[][] rates = new double[modes.size()][runs];
        long sink = 0;
        for (int run = -1; run < runs; run++) { // run -1 warms the JIT up and is not counted
            for (int m = 0; m < modes.size(); m++) {
                if (only >= 0 && m != only) {
                    continue;
                }
                ToIntFunction<RawRecord> mode = modes.get(m);
                long start = System.nanoTime();
                for (RawRecord r : records) {
                    sink += mode.applyAsInt(r);
                }
                long nanos = System.nanoTime() - start;
                if (run >= 0) {
                    rates[m][run] = records.size() * 1e9 / nanos;
                }
            }
        }
        double floor = median(rates[0]);
        for (int m = 0; m < modes.size(); m++) {
            if (only >= 0 && m != only) {
                continue;
            }
            double[] r = rates[m].clone();
            Arrays.sort(r);
            System.out.printf(
                    "throughput %-24s %,9.0f events/s (median of %d; min %,.0f, max %,.0f) = %.2f x readTree%n",
                    names[m] + ":", median(r), runs, r[0], r[r.length - 1], median(r) / floor);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static List<RawRecord> read(Path input, int limit) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while (records.size() < limit && (line = in.readLine()) != null) {
                records.add(RawRecord.line(
                        input.getFileName().toString(),
                        records.size() + 1,
                        line.getBytes(StandardCharsets.UTF_8),
                        false));
            }
        }
        return records;
    }

    private static int readTree(RawRecord r) {
        try {
            return JSON.readTree(r.getPayload()).size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int fieldCount(ParseResult result) {
        return result.isValid() ? result.event().getFieldNames().length : -1;
    }

    /**
     * The parse as it was before projections: a whole normalized tree, every leaf flattened into a
     * sorted index, the document kept as text, {@code @timestamp} parsed from the tree.
     */
    private static int treeParse(RawRecord r) {
        ObjectNode doc = NormalizedDocument.of(r.getPayload());
        Map<String, String[]> fields = NormalizedDocument.leaves(doc);
        String[] names = fields.keySet().toArray(new String[0]);
        String[][] values = fields.values().toArray(new String[0][]);
        String document = new String(r.getPayload(), StandardCharsets.UTF_8).strip();
        JsonNode ts = doc.get("@timestamp");
        long millis =
                ts != null && ts.isTextual() ? Instant.parse(ts.textValue()).toEpochMilli() : 0;
        return names.length + values.length + document.length() + (int) millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
