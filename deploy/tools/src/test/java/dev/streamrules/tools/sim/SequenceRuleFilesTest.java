package dev.streamrules.tools.sim;

import static dev.streamrules.tools.sim.Parsed.parseAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.streamrules.udfs.eql.EqlCompiler;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.sequence.EventOrder;
import dev.streamrules.udfs.sequence.SequenceInput;
import dev.streamrules.udfs.sequence.SequenceMatch;
import dev.streamrules.udfs.sequence.SequenceMatcher;
import dev.streamrules.udfs.sequence.SequencePlan;
import dev.streamrules.udfs.sequence.SequencePlanCompiler;
import dev.streamrules.udfs.sequence.SequenceRouter;
import dev.streamrules.udfs.sequence.SequenceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule files of {@code deploy/rules/sequences}, through the EQL parser, compiler and the pure
 * {@link SequenceMatcher} (fed as the job's sequence operator feeds it), over simulated fleets: every
 * planted attack alerts exactly once with its members in order, and nothing else alerts.
 */
class SequenceRuleFilesTest {

    private static final Path RULES = Path.of("..", "rules", "sequences");

    private static List<SequencePlan> plans;

    @BeforeAll
    static void compileRuleFiles() throws IOException {
        EqlCompiler eql = EqlCompiler.ecs();
        TomlMapper toml = new TomlMapper();
        plans = new ArrayList<>();
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".toml")).sorted().toList()) {
                JsonNode rule = toml.readTree(file.toFile()).get("rule");
                String text = rule.get("query").asText();
                SequencePlan.Builder builder = SequencePlan.builder(
                                rule.get("rule_id").asText())
                        .lookback(lookback(rule.get("from").asText()));
                plans.add(new SequencePlanCompiler(q -> eql.compile(q, text))
                        .compile((Query.Sequence) EqlParser.parse(text), builder));
            }
        }
    }

    /** Kibana's {@code from = "now-9m"}: the look-back bounds a sequence without maxspan. */
    private static Duration lookback(String from) {
        assertThat(from).matches("now-\\d+m");
        return Duration.ofMinutes(Long.parseLong(from.substring(4, from.length() - 1)));
    }

    @Test
    void theFilesAreTheRulesThePlantsAreBuiltFor() {
        Map<String, Long> spans =
                plans.stream().collect(Collectors.toMap(SequencePlan::ruleId, SequencePlan::spanMillis));
        assertThat(spans)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SequenceRules.PRIVILEGE_ESCALATION, SequenceRules.PRIVILEGE_ESCALATION_MAXSPAN_MILLIS,
                        SequenceRules.PYTHON_INTERACTIVE_SHELL, SequenceRules.PYTHON_INTERACTIVE_SHELL_MAXSPAN_MILLIS));
        assertThat(plans).allMatch(p -> p.hostKeyPosition() == 0);
    }

    @ParameterizedTest(name = "out-of-order rate {0}")
    @ValueSource(doubles = {0.0, 0.5})
    void everyPlantedAttackAlertsOnceAndNothingElseDoes(double outOfOrderRate) {
        FleetSimulator simulator = FleetSimulator.builder()
                .hosts(16)
                .events(15_000)
                .seed(23)
                .attackRate(0.05)
                .sequenceAttackRate(0.06)
                .outOfOrderRate(outOfOrderRate)
                .build();
        SimulationSummary summary = simulator.generate(e -> {});
        List<Parsed> events = parseAll(simulator);

        List<String> alerts = new ArrayList<>();
        plans.forEach(plan -> alerts.addAll(matches(plan, events)));

        assertThat(summary.expectedSequences()).hasSizeGreaterThan(15);
        assertThat(summary.sequenceNearMisses()).hasSizeGreaterThan(15);
        assertThat(alerts)
                .containsExactlyInAnyOrderElementsOf(summary.expectedSequences().stream()
                        .map(PlantedSequence::truthLine)
                        .collect(Collectors.toList()));
    }

    /**
     * Every match of {@code plan}, as truth lines. Sorted into sequence order and with event time
     * advanced after each timestamp, which is what the operator does once the watermark passes.
     */
    private static List<String> matches(SequencePlan plan, List<Parsed> events) {
        SequenceMatcher matcher = new SequenceMatcher(plan);
        SequenceRouter router = new SequenceRouter(plan);
        List<SequenceInput> inputs = events.stream()
                .flatMap(p -> router.route(p.event()).stream())
                .sorted(EventOrder.ORDER)
                .toList();
        Map<String, SequenceState> states = new HashMap<>();
        List<String> found = new ArrayList<>();
        Consumer<SequenceMatch> out = m -> found.add("SEQ " + m.getRuleId() + " "
                + Arrays.stream(m.getEvents()).map(e -> e.first("event.id")).collect(Collectors.joining(",")));
        for (int i = 0; i < inputs.size(); i++) {
            SequenceInput input = inputs.get(i);
            matcher.onEvent(states.computeIfAbsent(input.getJoinKey(), k -> matcher.emptyState()), input, out);
            if (i + 1 == inputs.size() || inputs.get(i + 1).getTimestamp() != input.getTimestamp()) {
                states.forEach((key, state) -> matcher.advanceTo(state, input.getTimestamp(), key, out));
                states.values().removeIf(matcher::isEmpty);
            }
        }
        states.forEach((key, state) -> matcher.advanceTo(state, Long.MAX_VALUE, key, out));
        return found;
    }
}
