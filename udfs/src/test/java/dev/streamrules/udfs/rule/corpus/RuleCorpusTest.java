package dev.streamrules.udfs.rule.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.load.EqlRuleCompiler;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleLoader;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of our set compiles, alerts on each corpus event marked to alert, and on no other. */
class RuleCorpusTest {

    private static final LoadedRules LOADED = new RuleLoader(EqlRuleCompiler.ecs()).load(List.of(RuleCorpus.RULES));

    private static final Map<String, DetectionRule> BY_FILE = byFile();

    @Test
    void everyRuleFileLoads() {
        assertThat(LOADED.problems()).isEmpty();
        assertThat(LOADED.summary())
                .isEqualTo("rules: " + RuleCorpus.ruleFiles().size() + " loaded, 0 skipped, 0 failed");
    }

    static List<Arguments> events() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path ruleFile : RuleCorpus.ruleFiles()) {
            Path corpus = RuleCorpus.corpusOf(ruleFile);
            List<String> lines = Files.readAllLines(corpus);
            assertThat(lines).as("corpus of %s", ruleFile.getFileName()).hasSizeGreaterThanOrEqualTo(3);
            for (String line : lines) {
                JsonNode doc = EcsEventBuilder.tree(line);
                String expect = doc.at("/labels/expect_alert").asText();
                assertThat(expect).as("labels.expect_alert in %s", corpus).isIn("true", "false");
                out.add(Arguments.of(
                        ruleFile.getFileName().toString(),
                        doc.at("/event/id").asText(),
                        line,
                        Boolean.parseBoolean(expect)));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] {1} alerts: {3}")
    @MethodSource("events")
    void alertsExactlyOnTheEventsMarkedToAlert(String ruleFile, String eventId, String document, boolean expected) {
        DetectionRule rule = BY_FILE.get(ruleFile);
        assertThat(rule).as("rule of %s loaded", ruleFile).isNotNull();
        assertThat(rule.matches(EcsEventBuilder.parse(document)))
                .as("%s on %s", rule.query(), eventId)
                .isEqualTo(expected);
    }

    @Test
    void everyCorpusHasEventsThatAlertAndEventsThatDoNot() throws IOException {
        Map<String, List<Boolean>> verdicts = events().stream()
                .collect(Collectors.groupingBy(
                        a -> (String) a.get()[0], Collectors.mapping(a -> (Boolean) a.get()[3], Collectors.toList())));
        verdicts.forEach((file, expected) -> assertThat(expected).as(file).contains(true, false));
        assertThat(verdicts).hasSize(RuleCorpus.ruleFiles().size());
    }

    private static Map<String, DetectionRule> byFile() {
        // Files are loaded in sorted order and none fails (asserted above), so rules line up with files.
        List<Path> files = RuleCorpus.ruleFiles();
        if (LOADED.rules().size() != files.size()) {
            return Map.of();
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        return LOADED.rules().stream()
                .collect(Collectors.toMap(r -> names.get(LOADED.rules().indexOf(r)), Function.identity()));
    }
}
