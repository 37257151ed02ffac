package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.rules.JobRules;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.tools.demo.AlertGroups;
import dev.streamrules.tools.sim.FleetSimulator;
import dev.streamrules.tools.sim.PlantedSequence;
import dev.streamrules.tools.sim.SimulationSummary;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay over a simulated fleet with planted sequence attacks, some delivered out of order, with the
 * project's sequence rules next to the seed rule: every planted attack gives exactly one alert group
 * (a shell alert whose ancestors are the truth's members, in order, and one building block per member),
 * the near misses give none, and the single-event alerts are still exactly the single-event truth.
 */
class SequenceReplayITCase {

    /** Failsafe runs in the module directory; the rule folders are the repository's. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static final String SEED_RULES = "udfs/src/main/resources/streamrules/rules";
    private static final String BY_USER_RULES = "job/src/test/resources/rules/by-user";
    private static final String BY_USER_RULE_ID = "0f4f3c2e-6d1b-4b8e-9a57-3c1d2e5f7a90";

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    @TempDir
    Path dir;

    /** At parallelism 1 a replay parses in the source's task, without routing by host: the same answers. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void sequenceAttacksAlertExactlyOnceEachAndNearMissesDoNot(int parallelism) throws Exception {
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
        ReplaySummary summary = replay(input, alertsFile, parallelism, "deploy/rules/sequences", SEED_RULES);

        AlertGroups alerts = alerts(alertsFile);
        List<String> expectedShells = truth.expectedSequences().stream()
                .map(PlantedSequence::truthLine)
                .toList();
        assertThat(expectedShells).hasSizeGreaterThan(10);
        assertThat(truth.sequenceNearMisses()).isNotEmpty();
        assertThat(alerts.shellLines()).containsExactlyInAnyOrderElementsOf(expectedShells);
        assertThat(alerts.blockMembers()).isEqualTo(alerts.shellMembers());
        assertThat(alerts.singleEventIds()).containsExactlyInAnyOrderElementsOf(truth.expectedAlertIds());
        assertThat(alerts.sequenceDuplicates()).isZero();
        assertThat(summary.read()).isEqualTo(20_000);
        assertThat(summary.deadLettered()).isZero();
    }

    /**
     * Events from a source that sends no {@code host.id} (an identity provider's log, say) are valid: a
     * sequence keyed by {@code user.name} alerts on them, the seed rule alerts on a matching event
     * without a host, and a sequence keyed by {@code host.id} never joins them (a missing join key
     * never joins, as in Elasticsearch).
     */
    @Test
    void eventsWithoutHostIdAlertForRulesNotKeyedByHost() throws Exception {
        List<String> lines = new ArrayList<>();
        // bob: three failures, then a success within the minute: one sequence. alice: two failures only.
        for (int i = 0; i < 3; i++) {
            lines.add(authentication("bob-fail-" + i, "bob", "failure", i));
        }
        lines.add(authentication("alice-fail-0", "alice", "failure", 1));
        lines.add(authentication("alice-fail-1", "alice", "failure", 2));
        lines.add(authentication("alice-ok", "alice", "success", 3));
        lines.add(authentication("bob-ok", "bob", "success", 4));
        // The seed rule's event, and the python one-liner sequence's two steps, all without host.id.
        lines.add(withoutHost(EcsEventBuilder.exec("h", "cat-1", "sh-1", "cat", "cat", "/proc/1/maps")
                .eventId("maps-no-host")
                .timestamp("2026-11-01T00:00:05Z")
                .set("process.entry_leader.name", "bash")));
        lines.add(withoutHost(EcsEventBuilder.exec("h", "py-1", "sh-0", "python3", "python3", "-c", "x")
                .eventId("python-no-host")
                .timestamp("2026-11-01T00:00:06Z")));
        lines.add(withoutHost(EcsEventBuilder.exec("h", "sh-2", "py-1", "sh", "sh", "-i")
                .eventId("shell-no-host")
                .timestamp("2026-11-01T00:00:07Z")));
        Path input = Files.write(dir.resolve("no-host.ndjson"), lines);
        Path alertsFile = dir.resolve("alerts.ndjson");

        ReplaySummary summary = replay(input, alertsFile, 2, "deploy/rules/sequences", BY_USER_RULES, SEED_RULES);

        AlertGroups alerts = alerts(alertsFile);
        assertThat(alerts.shellLines())
                .containsExactly("SEQ " + BY_USER_RULE_ID + " bob-fail-0,bob-fail-1,bob-fail-2,bob-ok");
        assertThat(alerts.blockMembers()).isEqualTo(alerts.shellMembers());
        assertThat(alerts.singleEventIds()).containsExactly("maps-no-host");
        assertThat(summary.read()).isEqualTo(lines.size());
        assertThat(summary.valid()).isEqualTo(lines.size());
        assertThat(summary.withoutHost()).isEqualTo(lines.size());
    }

    /** An authentication event without host.id, {@code second} seconds into the minute. */
    private static String authentication(String id, String user, String outcome, int second) {
        return withoutHost(EcsEventBuilder.exec("h", null)
                .eventId(id)
                .timestamp("2026-11-01T00:00:0" + second + "Z")
                .set("event.category", EcsEventBuilder.array("authentication"))
                .set("event.action", "log_on")
                .set("event.outcome", outcome)
                .user(user));
    }

    private static String withoutHost(EcsEventBuilder event) {
        return event.remove("host.id").json();
    }

    /** Replays {@code input} with the rules of the given folders (repository-relative). */
    private static ReplaySummary replay(Path input, Path alertsFile, int parallelism, String... ruleFolders)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                input.toString(),
                "--output",
                alertsFile.toString(),
                "--parallelism",
                Integer.toString(parallelism)));
        for (String folder : ruleFolders) {
            args.add("--rules");
            args.add(REPOSITORY.resolve(folder).toString());
        }
        JobConfig config = JobConfig.fromArgs(args.toArray(new String[0]));
        LoadedRules rules = JobRules.load(config, JobRules.compiler(config));
        assertThat(rules.hasFailures()).as(rules.summary()).isFalse();
        assertThat(rules.rules()).hasSizeGreaterThan(ruleFolders.length);
        return new Replay(config, rules.rules()).run();
    }

    private static AlertGroups alerts(Path alertsFile) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : Files.readAllLines(alertsFile)) {
            documents.add(EcsEventBuilder.JSON.readTree(line));
        }
        return AlertGroups.of(documents);
    }
}
