package dev.streamrules.udfs.rule.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.Threat;
import dev.streamrules.udfs.rule.load.EqlRuleCompiler;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleLoader;
import dev.streamrules.udfs.rule.load.RuleSets;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revisions of our rules written the way a user writes them: {@code rule-revisions/<name>.toml}, each
 * loaded alone (a revision keeps the rule_id of the rule it revises, so it cannot be loaded beside it),
 * against the events of {@code <name>.ndjson} next to it ({@code labels.expect_alert}).
 */
class RuleRevisionTest {

    private static final Path FOLDER = RuleCorpus.ROOT.resolveSibling("rule-revisions");
    private static final Path PROC_MAPS_2025_12_18 = FOLDER.resolve("proc_maps_discovery_2025_12_18.toml");
    private static final Map<Path, DetectionRule> LOADED = new ConcurrentHashMap<>();

    @Test
    void procMapsRevisionLoadsAloneWithTheSeedRuleIdAndTheRevisedMetadata() {
        LoadedRules loaded = new RuleLoader(EqlRuleCompiler.ecs()).load(List.of(PROC_MAPS_2025_12_18));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.summary()).isEqualTo("rules: 1 loaded, 0 skipped, 0 failed");

        DetectionRule revision = loaded.rules().get(0);
        DetectionRule seed = RuleSets.defaults().rules().get(0);
        assertThat(revision.ruleId()).isEqualTo(seed.ruleId()).isEqualTo("2f95540c-923e-4f57-9dae-de30169c68b9");
        assertThat(revision.name()).isEqualTo(seed.name());
        assertThat(revision.severity()).isEqualTo("high");
        assertThat(revision.riskScore()).isEqualTo(73);
        assertThat(revision.version()).isEqualTo(2);
        assertThat(revision.threats()).extracting(t -> t.tactic().id()).containsExactly("TA0007", "TA0006");
        Threat.Technique dumping = revision.threats().get(1).techniques().get(0);
        assertThat(dumping.id()).isEqualTo("T1003");
        assertThat(dumping.subtechniques()).extracting(Threat.Technique::id).containsExactly("T1003.007");
    }

    @ParameterizedTest(name = "[{index}] {1} alerts: {3}")
    @MethodSource("corpusEvents")
    void revisionAlertsExactlyOnTheEventsLabelledToAlert(
            Path ruleFile, String eventId, String line, boolean expectAlert) {
        DetectionRule rule = LOADED.computeIfAbsent(ruleFile, RuleRevisionTest::loadAlone);
        assertThat(rule.matches(EcsEventBuilder.parse(line)))
                .as("%s on %s: %s", ruleFile.getFileName(), eventId, line)
                .isEqualTo(expectAlert);
    }

    static Stream<Arguments> corpusEvents() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> rules =
                    files.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
            assertThat(rules).contains(PROC_MAPS_2025_12_18);
            return rules.stream().flatMap(RuleRevisionTest::eventsOf).toList().stream();
        }
    }

    private static Stream<Arguments> eventsOf(Path ruleFile) {
        String name = ruleFile.getFileName().toString();
        Path corpus = ruleFile.resolveSibling(name.substring(0, name.length() - ".toml".length()) + ".ndjson");
        try {
            return Files.readAllLines(corpus).stream().filter(l -> !l.isBlank()).map(line -> {
                JsonNode doc = EcsEventBuilder.tree(line);
                String expect = doc.at("/labels/expect_alert").asText();
                assertThat(expect).as("labels.expect_alert of %s", line).isIn("true", "false");
                return Arguments.of(ruleFile, doc.at("/event/id").asText(), line, Boolean.parseBoolean(expect));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DetectionRule loadAlone(Path ruleFile) {
        LoadedRules loaded = new RuleLoader(EqlRuleCompiler.ecs()).load(List.of(ruleFile));
        assertThat(loaded.problems()).as("problems loading %s", ruleFile).isEmpty();
        assertThat(loaded.rules()).hasSize(1);
        return loaded.rules().get(0);
    }
}
