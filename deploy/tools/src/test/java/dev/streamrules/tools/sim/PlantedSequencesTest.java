package dev.streamrules.tools.sim;

import static dev.streamrules.tools.sim.Parsed.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.tools.sim.PlantedSequence.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planted sequences checked against the two rules of {@code deploy/rules/sequences}, whose step
 * conditions and joins are spelled out here (see {@link SequenceOracle}) so the check does not lean on
 * the simulator: the attacks are exactly the sequences a brute-force search finds, every near miss
 * misses in its one way, and out-of-order delivery stays within its bound.
 */
class PlantedSequencesTest {

    private static final long ESCALATION_SPAN = SequenceRules.PRIVILEGE_ESCALATION_MAXSPAN_MILLIS;
    private static final long SHELL_SPAN = SequenceRules.PYTHON_INTERACTIVE_SHELL_MAXSPAN_MILLIS;

    private static FleetSimulator.Builder fleet() {
        return FleetSimulator.builder().hosts(16).events(12_000).seed(42).sequenceAttackRate(0.08);
    }

    private static List<Parsed> inOrder;
    private static Map<String, Parsed> inOrderById;
    private static SimulationSummary inOrderSummary;

    @BeforeAll
    static void generate() {
        FleetSimulator simulator = fleet().build();
        inOrder = parseAll(simulator);
        inOrderById = byId(inOrder);
        inOrderSummary = simulator.generate(e -> {});
    }

    private static Map<String, Parsed> byId(List<Parsed> events) {
        return events.stream().collect(Collectors.toMap(p -> p.sim().eventId(), Function.identity()));
    }

    @ParameterizedTest(name = "out-of-order rate {0}")
    @ValueSource(doubles = {0.0, 0.5})
    void theAttacksAreExactlyTheSequencesTheRulesFind(double outOfOrderRate) {
        FleetSimulator simulator = fleet().outOfOrderRate(outOfOrderRate).build();
        SimulationSummary summary = simulator.generate(e -> {});
        Set<String> found = SequenceOracle.matches(parseAll(simulator));

        assertThat(summary.expectedSequences())
                .extracting(PlantedSequence::ruleId)
                .contains(SequenceRules.PRIVILEGE_ESCALATION, SequenceRules.PYTHON_INTERACTIVE_SHELL);
        assertThat(found)
                .hasSizeGreaterThan(20)
                .containsExactlyInAnyOrderElementsOf(summary.expectedSequences().stream()
                        .map(PlantedSequence::truthLine)
                        .collect(Collectors.toList()));
    }

    @Test
    void everyAttackAndNearMissOfEitherRuleIsPlanted() {
        Set<String> planted = new TreeSet<>();
        List<PlantedSequence> all = new ArrayList<>(inOrderSummary.expectedSequences());
        all.addAll(inOrderSummary.sequenceNearMisses());
        all.forEach(s -> planted.add(s.ruleId() + " " + s.kind()));
        assertThat(planted)
                .containsExactlyInAnyOrder(
                        SequenceRules.PRIVILEGE_ESCALATION + " ATTACK",
                        SequenceRules.PRIVILEGE_ESCALATION + " OUTSIDE_MAXSPAN",
                        SequenceRules.PRIVILEGE_ESCALATION + " WRONG_KEY",
                        SequenceRules.PYTHON_INTERACTIVE_SHELL + " ATTACK",
                        SequenceRules.PYTHON_INTERACTIVE_SHELL + " OUTSIDE_MAXSPAN",
                        SequenceRules.PYTHON_INTERACTIVE_SHELL + " WRONG_KEY",
                        SequenceRules.PYTHON_INTERACTIVE_SHELL + " BROKEN_BY_UNTIL");
        assertThat(inOrderSummary.sequenceNearMisses()).allMatch(s -> !s.expectedAlert());
    }

    @Test
    void privilegeEscalationsHaveTheRulesShape() {
        for (PlantedSequence s : planted(SequenceRules.PRIVILEGE_ESCALATION)) {
            List<Parsed> m = members(s);
            assertThat(m).as("%s", s).hasSize(2);
            assertThat(SequenceOracle.escalationStart(m.get(0)))
                    .as("exec from a writable folder: %s", s)
                    .isTrue();
            assertThat(SequenceOracle.becameRoot(m.get(1)))
                    .as("uid_change to 0: %s", s)
                    .isTrue();
            long span = millisBetween(m.get(0), m.get(1));
            boolean sameKey = key(m.get(0), "process.entity_id").equals(key(m.get(1), "process.entity_id"));
            assertThat(span).as("in event-time order: %s", s).isPositive();
            switch (s.kind()) {
                case ATTACK ->
                    assertThat(sameKey && span <= ESCALATION_SPAN).as("%s", s).isTrue();
                case OUTSIDE_MAXSPAN ->
                    assertThat(sameKey && span > ESCALATION_SPAN).as("%s", s).isTrue();
                case WRONG_KEY ->
                    assertThat(!sameKey && span <= ESCALATION_SPAN).as("%s", s).isTrue();
                default -> throw new AssertionError("unexpected " + s);
            }
        }
    }

    @Test
    void pythonShellsHaveTheRulesShape() {
        for (PlantedSequence s : planted(SequenceRules.PYTHON_INTERACTIVE_SHELL)) {
            List<Parsed> m = members(s);
            Parsed python = m.get(0);
            Parsed shell = m.get(m.size() - 1);
            assertThat(SequenceOracle.pythonOneLiner(python))
                    .as("python3 -c: %s", s)
                    .isTrue();
            assertThat(SequenceOracle.interactiveShell(shell))
                    .as("sh -i: %s", s)
                    .isTrue();
            long span = millisBetween(python, shell);
            boolean joined = key(python, "process.entity_id").equals(key(shell, "process.parent.entity_id"));
            assertThat(span).as("in event-time order: %s", s).isPositive();
            assertThat(m).as("%s", s).hasSize(s.kind() == Kind.BROKEN_BY_UNTIL ? 3 : 2);
            switch (s.kind()) {
                case ATTACK ->
                    assertThat(joined && span <= SHELL_SPAN).as("%s", s).isTrue();
                case OUTSIDE_MAXSPAN ->
                    assertThat(joined && span > SHELL_SPAN).as("%s", s).isTrue();
                case WRONG_KEY ->
                    assertThat(!joined && span <= SHELL_SPAN).as("%s", s).isTrue();
                case BROKEN_BY_UNTIL -> {
                    Parsed until = m.get(1);
                    assertThat(joined && span <= SHELL_SPAN).as("%s", s).isTrue();
                    assertThat(SequenceOracle.ended(until))
                            .as("the python process ends: %s", s)
                            .isTrue();
                    assertThat(key(until, "process.entity_id")).isEqualTo(key(python, "process.entity_id"));
                    assertThat(millisBetween(python, until)).isPositive();
                    assertThat(millisBetween(until, shell)).isPositive();
                }
            }
        }
    }

    @Test
    void membersArriveOutOfOrderByAtMostTwoSeconds() {
        List<Parsed> events = parseAll(fleet().outOfOrderRate(0.5).build());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            position.put(events.get(i).sim().eventId(), i);
        }
        Map<String, Parsed> byId = byId(events);
        int overtaken = 0;
        for (Parsed last : events) {
            PlantedSequence s = last.sim().completes();
            if (s == null) {
                continue;
            }
            List<String> ids = s.eventIds();
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    if (position.get(ids.get(j)) < position.get(ids.get(i))) {
                        overtaken++;
                        assertThat(millisBetween(byId.get(ids.get(i)), byId.get(ids.get(j))))
                                .as("%s", s)
                                .isPositive()
                                .isLessThanOrEqualTo(ReorderBuffer.MAX_SHIFT_NANOS / 1_000_000);
                    }
                }
            }
        }
        assertThat(overtaken).isGreaterThan(3);
        assertThat(inOrder)
                .isSortedAccordingTo(Comparator.comparing(p -> p.sim().timestamp()));
    }

    @Test
    void sameSeedSameSequencesAndNoneAtRateZero() {
        assertThat(fleet().build().generate(e -> {}).truthLines()).isEqualTo(inOrderSummary.truthLines());
        List<Parsed> none = parseAll(fleet().sequenceAttackRate(0).events(5_000).build());
        assertThat(none)
                .noneMatch(p -> p.sim().completes() != null)
                .noneMatch(p -> p.get("event.action").equals("uid_change"));
        assertThatThrownBy(() -> fleet().sequenceAttackRate(0.6).build()).hasMessageContaining("must not exceed 0.5");
    }

    @Test
    void commandLineWritesSequenceTruthLinesAfterTheSingleEventIds(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.txt");
        String[] args = {
            "--hosts",
            "16",
            "--events",
            "12000",
            "--seed",
            "42",
            "--sequence-attack-rate",
            "0.08",
            "--output",
            dir.resolve("events.ndjson").toString(),
            "--truth",
            truth.toString()
        };
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = SimulatorCommandLine.run(
                args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true));

        assertThat(status).isZero();
        List<String> lines = Files.readAllLines(truth);
        List<String> ids = inOrderSummary.expectedAlertIds();
        List<PlantedSequence> sequences = inOrderSummary.expectedSequences();
        assertThat(lines.subList(0, ids.size())).isEqualTo(ids);
        assertThat(lines.subList(ids.size(), lines.size()))
                .isSorted()
                .hasSize(sequences.size())
                .allMatch(l -> l.matches("SEQ [0-9a-f-]{36} [A-Za-z0-9+/]{24},[A-Za-z0-9+/]{24}"))
                .isEqualTo(sequences.stream().map(PlantedSequence::truthLine).collect(Collectors.toList()));
        assertThat(stderr.toString(StandardCharsets.UTF_8).trim())
                .endsWith(", " + sequences.size() + " sequence attacks, "
                        + inOrderSummary.sequenceNearMisses().size() + " sequence near misses");
    }

    private static List<PlantedSequence> planted(String ruleId) {
        List<PlantedSequence> all = new ArrayList<>(inOrderSummary.expectedSequences());
        all.addAll(inOrderSummary.sequenceNearMisses());
        List<PlantedSequence> ofRule =
                all.stream().filter(s -> s.ruleId().equals(ruleId)).collect(Collectors.toList());
        assertThat(ofRule).hasSizeGreaterThan(5);
        return ofRule;
    }

    private static List<Parsed> members(PlantedSequence s) {
        return s.eventIds().stream().map(inOrderById::get).collect(Collectors.toList());
    }

    private static long millisBetween(Parsed first, Parsed second) {
        return second.sim().timestamp().toEpochMilli() - first.sim().timestamp().toEpochMilli();
    }

    private static String key(Parsed p, String field) {
        return p.get("host.id") + "/" + p.get(field);
    }
}
