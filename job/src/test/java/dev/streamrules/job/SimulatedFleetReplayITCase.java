package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.tools.sim.FleetSimulator;
import dev.streamrules.tools.sim.SimulationSummary;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replay mode over simulated fleets, against the simulator's ground truth: the alerts are exactly the
 * planted attacks, each once, whether entry leaders are inline, stripped from every child event (so
 * only the process-tree state can resolve them), or children arrive just before their parents.
 */
class SimulatedFleetReplayITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    @TempDir
    Path dir;

    /**
     * Parallelism 1 is the replay whose source reader parses ahead, on its own thread. A replay's tree
     * keeps time by the events ({@code auto}); on the wall clock it must give the same verdicts.
     */
    @ParameterizedTest(name = "strip entry leaders={0}, out of order={1}, parallelism={2}, tree clock={3}")
    @CsvSource({
        "false, 0.0, 2, auto",
        "true, 0.0, 2, auto",
        "true, 0.2, 2, auto",
        "true, 0.2, 1, auto",
        "true, 0.2, 2, processing-time"
    })
    void alertsAreExactlyTheGroundTruth(boolean strip, double outOfOrder, int parallelism, String clock)
            throws Exception {
        FleetSimulator fleet = FleetSimulator.builder()
                .hosts(30)
                .events(20_000)
                .seed(42)
                .attackRate(0.03)
                .stripEntryLeaders(strip)
                .outOfOrderRate(outOfOrder)
                .build();
        Path input = dir.resolve("fleet.ndjson");
        SimulationSummary truth;
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            truth = fleet.writeNdjson(out);
        }
        Path alerts = dir.resolve("alerts.ndjson");

        ReplaySummary summary = new Replay(
                        JobConfig.fromArgs(
                                "--input",
                                input.toString(),
                                "--output",
                                alerts.toString(),
                                "--parallelism",
                                String.valueOf(parallelism),
                                "--process-tree.clock",
                                clock),
                        List.of(ProcMapsDiscoveryRule.RULE))
                .run();

        List<String> alerted = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            alerted.add(JSON.readTree(line)
                    .path("kibana")
                    .path("alert")
                    .path("original_event")
                    .path("id")
                    .asText());
        }
        assertThat(truth.expectedAlerts()).isGreaterThan(20);
        assertThat(alerted).containsExactlyInAnyOrderElementsOf(truth.expectedAlertIds());
        assertThat(summary.read()).isEqualTo(20_000);
        assertThat(summary.deadLettered()).isZero();
        assertThat(summary.alerts()).isEqualTo(truth.expectedAlerts());
    }
}
