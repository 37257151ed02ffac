package dev.streamrules.udfs.rule.load;

import static dev.streamrules.udfs.rule.load.RuleFiles.NAME;
import static dev.streamrules.udfs.rule.load.RuleFiles.VALID;
import static dev.streamrules.udfs.rule.load.RuleFiles.edit;
import static dev.streamrules.udfs.rule.load.RuleFiles.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.RuleDetails;
import dev.streamrules.udfs.rule.RuleSchedule;
import dev.streamrules.udfs.rule.Threat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleLoaderTest {

    private static final RuleLoader LOADER = new RuleLoader(EqlRuleCompiler.ecs());

    private static LoadedRules load(String text) {
        return LOADER.loadText(NAME, text);
    }

    @Test
    void readsEveryFieldOfARuleFile() {
        LoadedRules set = load(VALID);

        assertThat(set.problems()).isEmpty();
        assertThat(set.summary()).isEqualTo("rules: 1 loaded, 0 skipped, 0 failed");
        DetectionRule rule = set.rules().get(0);
        assertThat(rule.ruleId()).isEqualTo("rule-1");
        assertThat(rule.name()).isEqualTo("Test rule");
        assertThat(rule.description()).isEqualTo("Reads a test file.");
        assertThat(rule.type()).isEqualTo("eql");
        assertThat(rule.language()).isEqualTo("eql");
        assertThat(rule.query())
                .isEqualTo("process where process.name == \"cat\" and\n  process.args : \"/etc/shadow\"\n");
        assertThat(rule.severity()).isEqualTo("medium");
        assertThat(rule.riskScore()).isEqualTo(47);
        assertThat(rule.version()).isEqualTo(1);
        assertThat(rule.tags()).containsExactly("OS: Linux", "Tactic: Credential Access");
        assertThat(rule.schedule()).isEqualTo(RuleSchedule.of("5m", "now-9m", 100));
        assertThat(rule.lookback()).isEqualTo(Duration.ofMinutes(9));
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.details())
                .isEqualTo(new RuleDetails(
                        List.of("streamrules", "A. Tester"),
                        "Apache-2.0",
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of(
                                "creation_date",
                                "2026/01/02",
                                "integration",
                                List.of("endpoint"),
                                "maturity",
                                "production",
                                "updated_date",
                                "2026/02/03")));
        assertThat(rule.details().metadata().keySet())
                .as("file order")
                .containsExactly("creation_date", "integration", "maturity", "updated_date");
    }

    @Test
    void readsThreatsWithSeveralTechniquesAndSubtechniques() {
        List<Threat> threats = load(VALID).rules().get(0).threats();

        Threat.Technique t1003 = new Threat.Technique(
                "T1003",
                "OS Credential Dumping",
                "https://attack.mitre.org/techniques/T1003/",
                List.of(
                        Threat.Technique.of("T1003.007", "Proc Filesystem"),
                        Threat.Technique.of("T1003.008", "/etc/passwd and /etc/shadow")));
        assertThat(threats)
                .containsExactly(
                        new Threat(
                                "MITRE ATT&CK",
                                Threat.Tactic.of("TA0006", "Credential Access"),
                                List.of(t1003, Threat.Technique.of("T1057", "Process Discovery"))),
                        new Threat("MITRE ATT&CK", Threat.Tactic.of("TA0007", "Discovery"), List.of()));
    }

    @Test
    void optionalFieldsAreReadWhenPresent() {
        DetectionRule rule = load(edit("type = \"eql\"\n", """
                type = "eql"
                version = 3
                references = ["https://example.org/a", "https://example.org/b"]
                false_positives = ["Administrators reading shadow on purpose."]
                note = "## Triage"
                setup = "Needs Elastic Defend."
                timestamp_override = "event.ingested"
                index = ["logs-endpoint.events.process*"]
                """)).rules().get(0);

        assertThat(rule.version()).isEqualTo(3);
        RuleDetails d = rule.details();
        assertThat(d.references()).containsExactly("https://example.org/a", "https://example.org/b");
        assertThat(d.falsePositives()).containsExactly("Administrators reading shadow on purpose.");
        assertThat(d.note()).isEqualTo("## Triage");
        assertThat(d.setup()).isEqualTo("Needs Elastic Defend.");
        assertThat(d.timestampOverride()).isEqualTo("event.ingested");
        assertThat(d.index()).containsExactly("logs-endpoint.events.process*");
    }

    @Test
    void scheduleDefaultsAreKibanas() {
        LoadedRules set = load(minimal("r", "process where true"));
        assertThat(set.problems()).isEmpty();
        DetectionRule rule = set.rules().get(0);
        assertThat(rule.schedule()).isEqualTo(RuleSchedule.of("5m", "now-6m", 100));
        assertThat(rule.version()).isEqualTo(1);
        assertThat(rule.threats()).isEmpty();
        assertThat(rule.details()).isEqualTo(RuleDetails.NONE);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            risk_score = 47          | risk_score = 147              | rules/test.toml:16:14: rule.risk_score must be from 0 to 100, was 147
            risk_score = 47          | risk_score = -1               | rules/test.toml:16:14: rule.risk_score must be from 0 to 100, was -1
            risk_score = 47          | risk_score = "high"           | rules/test.toml:16:14: rule.risk_score must be a whole number, was "high"
            risk_score = 47          | risk_score = 4.5              | rules/test.toml:16:14: rule.risk_score must be a whole number, was 4.5
            risk_score = 47\\n       | ``                            | rules/test.toml:7:1: missing required key rule.risk_score
            severity = "medium"      | severity = "severe"           | rules/test.toml:18:12: rule.severity must be one of low, medium, high, critical, was "severe"
            severity = "medium"      | severity = "Medium"           | rules/test.toml:18:12: rule.severity must be one of low, medium, high, critical, was "Medium"
            rule_id = "rule-1"\\n    | ``                            | rules/test.toml:7:1: missing required key rule.rule_id
            rule_id = "rule-1"       | rule_id = 1                   | rules/test.toml:17:11: rule.rule_id must be a string, was 1
            name = "Test rule"\\n    | ``                            | rules/test.toml:7:1: missing required key rule.name
            from = "now-9m"          | from = "yesterday"            | rules/test.toml:10:8: rule.from must be date math such as "now-9m", was "yesterday"
            from = "now-9m"          | from = "now-0m"               | rules/test.toml:10:8: rule.from must be date math such as "now-9m", was "now-0m"
            interval = "5m"          | interval = "5 minutes"        | rules/test.toml:11:12: rule.interval must be a whole number of s, m, h or d such as "5m", was "5 minutes"
            max_signals = 100        | max_signals = 0               | rules/test.toml:14:15: rule.max_signals must be at least 1, was 0
            tags = [                 | tags = "OS: Linux" #[         | rules/test.toml:19:8: rule.tags must be a list of strings, was "OS: Linux"
            language = "eql"         | language = "kuery"            | rules/test.toml:12:12: rule.language must be "eql" for an eql rule, was "kuery"
            type = "eql"             | type = "sigma"                | rules/test.toml:20:8: rule.type must be one of [eql, esql, machine_learning, new_terms, query, saved_query, threat_match, threshold], was "sigma"
            id = "TA0007"\\n         | ``                            | rules/test.toml:49:1: missing required key rule.threat[1].tactic.id
            name = "Proc Filesystem" | name = 7                      | rules/test.toml:34:8: rule.threat[0].technique[0].subtechnique[0].name must be a string, was 7
            name = "Test rule"       | name = "Test rule             | rules/test.toml:15:18: invalid TOML: Newline not permitted here
            [rule]                   | [rule]\\nname = "again"      | rules/test.toml:17:1: invalid TOML: Duplicate key
            """)
    void rejectsAWrongFieldAtItsPosition(String from, String to, String expected) {
        String text = edit(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        LoadedRules set = load(text);

        assertThat(set.problems()).extracting(RuleProblem::toString).containsExactly(expected);
        assertThat(set.summary()).isEqualTo("rules: 0 loaded, 0 skipped, 1 failed");
    }

    @Test
    void reportsEveryProblemOfAFileButCountsTheFileOnce() {
        LoadedRules set = load(
                edit("severity = \"medium\"", "severity = \"severe\"").replace("risk_score = 47", "risk_score = 101"));
        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly(
                        "rules/test.toml:16:14: rule.risk_score must be from 0 to 100, was 101",
                        "rules/test.toml:18:12: rule.severity must be one of low, medium, high, critical, was \"severe\"");
        assertThat(set.summary()).isEqualTo("rules: 0 loaded, 0 skipped, 1 failed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"query", "saved_query", "esql", "threshold", "new_terms", "machine_learning", "threat_match"})
    void rulesOfOtherTypesAreSkippedWithTheirReason(String type) {
        LoadedRules set = load(edit("type = \"eql\"", "type = \"" + type + "\""));
        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly("rules/test.toml:20:8: skipped: rule type \"" + type + "\" is not supported");
        assertThat(set.summary()).isEqualTo("rules: 0 loaded, 1 skipped, 0 failed");
        assertThat(set.problems().get(0).skip()).isTrue();
    }

    @Test
    void deprecatedRulesAreSkipped() {
        LoadedRules set = load(edit("maturity = \"production\"", "maturity = \"deprecated\""));
        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly("rules/test.toml:4:12: skipped: the rule is deprecated (metadata.maturity)");
        assertThat(set.summary()).isEqualTo("rules: 0 loaded, 1 skipped, 0 failed");
    }

    @Test
    void aTomlFileWithoutARuleIsNotARule() {
        LoadedRules set = load("[metadata]\nmaturity = \"production\"\n");
        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly("rules/test.toml:1:1: no [rule] table: not a detection rule file");
    }

    /** Query values as written in the file, and where the compiler's complaint must point in the file. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `query = '''\nprocess where nosuchfn(process.name)\n'''`              | 22:15: Unknown function [nosuchfn]
            `query = '''process where\n  startsWith(process.name, 5)'''`         | 22:28: second argument of [startsWith(process.name, 5)] must be [string], found value [5] type [integer]
            `query = \"\"\"\nprocess where \\\n   process.name in ("a", "b" and\n   true\"\"\"` | 24:8: expected ',' or ')' but found end of query
            `query = \"\"\"\nprocess where\\\n   process.name == "a"\"\"\"`  | 22:9: expected 'where' after the category but found 'whereprocess'
            `query = "process where process.name : \\"a\\tb\\" and nosuchfn(1)"`    | 21:52: Unknown function [nosuchfn]
            `query = 'sequence [process where true] [file where nosuchfn(1)]'`      | 21:52: Unknown function [nosuchfn]
            `query = '''\n  sample by host.id [process where true]\n  [file where length(1)]'''` | 23:22: first argument of [length(1)] must be [string], found value [1] type [integer]
            """)
    void queryProblemsPointIntoTheFileNotIntoTheQuery(String queryValue, String expected) {
        String text = VALID.substring(0, VALID.indexOf("query = '''")) + queryValue.replace("\\n", "\n") + "\n"
                + VALID.substring(VALID.indexOf("[[rule.threat]]"));
        LoadedRules set = load(text);
        assertThat(set.problems()).extracting(RuleProblem::toString).containsExactly(NAME + ":" + expected);
        assertThat(set.summary()).isEqualTo("rules: 0 loaded, 0 skipped, 1 failed");
    }

    @Test
    void aFolderIsSearchedRecursivelyForTomlFilesInSortedOrder(@TempDir Path dir) throws IOException {
        write(dir.resolve("b/z.toml"), minimal("z", "process where true"));
        write(dir.resolve("b/a.toml"), minimal("ba", "process where true"));
        write(dir.resolve("a.toml"), minimal("a", "process where true"));
        write(dir.resolve("c/d/e.toml"), minimal("e", "process where true"));
        write(dir.resolve("b/notes.md"), "not a rule");
        write(dir.resolve("b/z.toml.orig"), "not a rule either");

        LoadedRules set = LOADER.load(List.of(dir));

        assertThat(set.rules()).extracting(DetectionRule::ruleId).containsExactly("a", "ba", "z", "e");
        assertThat(RuleLoader.ruleFiles(List.of(dir.resolve("c"), dir.resolve("a.toml"))))
                .containsExactly(dir.resolve("c/d/e.toml"), dir.resolve("a.toml"));
    }

    @Test
    void aDuplicateRuleIdFailsTheLaterFileNamingBoth(@TempDir Path dir) throws IOException {
        write(dir.resolve("first.toml"), minimal("same-id", "process where true"));
        write(dir.resolve("second.toml"), "# another\n" + minimal("same-id", "file where true"));

        LoadedRules set = LOADER.load(List.of(dir));

        assertThat(set.rules()).extracting(DetectionRule::query).containsExactly("process where true");
        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly(
                        dir.resolve("second.toml") + ":3:11: duplicate rule_id \"same-id\", already loaded from "
                                + dir.resolve("first.toml") + ":2:11");
        assertThat(set.summary()).isEqualTo("rules: 1 loaded, 0 skipped, 1 failed");
    }

    @Test
    void anUnreadableFileFailsAlone(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("bad.toml"), new byte[] {'#', (byte) 0xC3, (byte) 0x28});
        write(dir.resolve("good.toml"), minimal("good", "process where true"));

        LoadedRules set = LOADER.load(List.of(dir));

        assertThat(set.problems())
                .extracting(RuleProblem::toString)
                .containsExactly(dir.resolve("bad.toml") + ":1:1: cannot read the file: Input length = 1");
        assertThat(set.summary()).isEqualTo("rules: 1 loaded, 0 skipped, 1 failed");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
