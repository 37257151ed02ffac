package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.rules.JobRules;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.tools.sim.FleetSimulator;
import dev.streamrules.tools.sim.PlantedSequence;
import dev.streamrules.tools.sim.SimulationSummary;
import dev.streamrules.udfs.rule.load.LoadedRules;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay over a simulated fleet with planted sequence attacks, some delivered out of order, with the
 * project's sequence rules next to the seed rule: every planted attack gives exactly one alert group
 * (a shell alert whose ancestors are the truth's members, in order, and one building block per member),
 * the near misses give none, and the single-event alerts are still exactly the single-event truth.
 */
class SequenceReplayITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Failsafe runs in the module directory; the rule folders are the repository's. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    @TempDir
    Path dir;

    @Test
    void sequenceAttacksAlertExactlyOnceEachAndNearMissesDoNot() throws Exception {
        FleetSimulator fleet = FleetSimulator.builder()
                .hosts(30)
                .events(20_000)
                .seed(8)
                .attackRate(0.03)
                .sequenceAttackRate(0.02)
                .outOfOrderRate(0.2)
                .build();
        Path input = dir.resolve("fleet.ndjson");
        SimulationSummary truth;
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            truth = fleet.writeNdjson(out);
        }
        Path alertsFile = dir.resolve("alerts.ndjson");
        JobConfig config = JobConfig.fromArgs(
                "--input",
                input.toString(),
                "--output",
                alertsFile.toString(),
                "--parallelism",
                "2",
                "--rules",
                REPOSITORY.resolve("deploy/rules/sequences").toString(),
                "--rules",
                REPOSITORY.resolve("udfs/src/main/resources/streamrules/rules").toString());
        LoadedRules rules = JobRules.load(config, JobRules.compiler(config));
        assertThat(rules.hasFailures()).as(rules.summary()).isFalse();
        assertThat(rules.rules()).hasSize(3);

        ReplaySummary summary = new Replay(config, rules.rules()).run();

        AlertGroups alerts = AlertGroups.read(alertsFile);
        List<String> expectedShells = truth.expectedSequences().stream()
                .map(PlantedSequence::truthLine)
                .toList();
        assertThat(expectedShells).hasSizeGreaterThan(10);
        assertThat(truth.sequenceNearMisses()).isNotEmpty();
        assertThat(alerts.shellLines).containsExactlyInAnyOrderElementsOf(expectedShells);
        assertThat(alerts.blockMembers).isEqualTo(alerts.shellMembers);
        assertThat(alerts.singleEventIds).containsExactlyInAnyOrderElementsOf(truth.expectedAlertIds());
        assertThat(summary.read()).isEqualTo(20_000);
        assertThat(summary.deadLettered()).isZero();
    }

    /**
     * The alerts of a replay, sorted out: each shell alert as a truth line ({@code SEQ <rule_id> <member
     * ids>}, from its event ancestors), the member event ids per group from the shells and from the
     * building blocks (in group index order), and the single-event alerts' event ids.
     */
    private static final class AlertGroups {
        final List<String> shellLines = new ArrayList<>();
        final Map<String, List<String>> shellMembers = new HashMap<>();
        final Map<String, List<String>> blockMembers = new HashMap<>();
        final List<String> singleEventIds = new ArrayList<>();

        static AlertGroups read(Path file) throws Exception {
            AlertGroups groups = new AlertGroups();
            Map<String, Map<Integer, String>> blocks = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                JsonNode alert = JSON.readTree(line).path("kibana").path("alert");
                String ruleId = alert.path("rule").path("rule_id").asText();
                String eventId = alert.path("original_event").path("id").asText();
                if (alert.path("building_block_type").asText().equals("default")) {
                    String group = alert.path("group").path("id").asText();
                    String previous = blocks.computeIfAbsent(group, g -> new HashMap<>())
                            .put(alert.path("group").path("index").asInt(), eventId);
                    assertThat(previous)
                            .as("building block repeated in group %s", group)
                            .isNull();
                } else if (alert.has("group")) {
                    List<String> members = new ArrayList<>();
                    alert.path("ancestors").forEach(a -> {
                        if (a.path("type").asText().equals("event")) {
                            members.add(a.path("id").asText());
                        }
                    });
                    assertThat(alert.path("uuid").asText())
                            .isEqualTo(alert.path("group").path("id").asText());
                    groups.shellLines.add("SEQ " + ruleId + " " + String.join(",", members));
                    groups.shellMembers.put(alert.path("group").path("id").asText(), members);
                } else {
                    groups.singleEventIds.add(eventId);
                }
            }
            blocks.forEach((group, byIndex) -> groups.blockMembers.put(
                    group, byIndex.keySet().stream().sorted().map(byIndex::get).toList()));
            return groups;
        }
    }
}
