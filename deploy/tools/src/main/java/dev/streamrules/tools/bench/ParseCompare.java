package dev.streamrules.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.index.RuleFields;
import dev.streamrules.udfs.rule.load.RuleSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The job's parse alone against the floor, both warm: loads the first lines of an NDJSON file into
 * memory, then runs rounds that each pass over all of them twice, once with Jackson's {@code readTree}
 * and once with the job's own parse ({@link EcsEventParser} with the default rule set's field
 * projection, as the replay builds it). Neither file reading nor the JIT's warm-up is in the figures
 * of the later rounds, so they say what the parse costs per event, apart from the rest of the job.
 *
 * <p>Prints one line per round and ends with {@code parse-compare: readTree X µs/event, projected
 * parse Y µs/event (median of rounds 3 to N), ratio Y/X: R}. The tools jar leaves the rule engine's
 * libraries out, so the replay jar goes first on the class path:
 * {@code java -cp job/target/detection-job-local.jar:deploy/tools/target/streamrules-tools.jar
 * dev.streamrules.tools.bench.ParseCompare FILE [LINES] [ROUNDS]}.
 */
public final class ParseCompare {

    private static final int DEFAULT_LINES = 100_000;
    private static final int DEFAULT_ROUNDS = 8;

    private ParseCompare() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("Usage: java -cp detection-job-local.jar:streamrules-tools.jar"
                    + " dev.streamrules.tools.bench.ParseCompare FILE"
                    + " [LINES=" + DEFAULT_LINES + "] [ROUNDS=" + DEFAULT_ROUNDS + "]");
            System.exit(2);
        }
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_LINES;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
        if (limit < 1 || rounds < WarmRounds.WARM_FROM_ROUND) {
            System.err.println("LINES must be positive and ROUNDS at least " + WarmRounds.WARM_FROM_ROUND);
            System.exit(2);
        }
        List<byte[]> lines = WarmRounds.lines(Path.of(args[0]), limit);
        ObjectMapper mapper = new ObjectMapper();
        EcsEventParser parser =
                new EcsEventParser(RuleFields.projection(RuleSets.defaults().rules()));
        double[] tree = new double[rounds];
        double[] projected = new double[rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (byte[] line : lines) {
                sink += mapper.readTree(line).size();
            }
            long middle = System.nanoTime();
            for (int i = 0; i < lines.size(); i++) {
                sink += parser.parse(RawRecord.line(args[0], i + 1L, lines.get(i), false))
                                .isValid()
                        ? 1
                        : 0;
            }
            long end = System.nanoTime();
            tree[round] = (middle - start) / 1e3 / lines.size();
            projected[round] = (end - middle) / 1e3 / lines.size();
            System.err.printf(
                    "round %d: readTree %.2f µs/event, projected parse %.2f µs/event%n",
                    round + 1, tree[round], projected[round]);
        }
        double treeMedian = WarmRounds.warmMedian(tree);
        double projectedMedian = WarmRounds.warmMedian(projected);
        System.err.printf(
                "parse-compare: readTree %.2f µs/event, projected parse %.2f µs/event (median of rounds %d to %d,"
                        + " %d lines), ratio projected/readTree: %.2f (checksum %d)%n",
                treeMedian,
                projectedMedian,
                WarmRounds.WARM_FROM_ROUND,
                rounds,
                lines.size(),
                projectedMedian / treeMedian,
                sink);
    }
}
