package dev.streamrules.udfs.rule.toml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlLocationsTest {

    private static final String FILE = """
            title = "top" # a comment with = and [brackets]
            [metadata]
            integration = ["endpoint", "auditd_manager"]
            note = '''
            name = "not a key: inside a string"
            [not.a.table]
            '''
            [rule]
            tags = [
                "a", # comment ]
                "b]",
            ]
            threshold = { field = ["host.id"], value = 1 }
              "quoted key" = 2
            dotted.key = 3
            risk_score = 21
            [[rule.threat]]
            framework = "MITRE ATT&CK"
            [[rule.threat.technique]]
            id = "T1"
            [[rule.threat.technique.subtechnique]]
            id = "T1.001"
            [[rule.threat.technique]]
            id = "T2"
            [rule.threat.tactic]
            id = "TA1"
            [[rule.threat]]
            [rule.threat.tactic]
            id = "TA2"
            """;

    private static final TomlLocations LOCATIONS = TomlLocations.of(FILE);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "title, 1, 9",
        "metadata.integration, 3, 15",
        "metadata.note, 4, 8",
        "rule.tags, 9, 8",
        "rule.threshold, 13, 13",
        "rule.quoted key, 14, 18",
        "rule.dotted.key, 15, 14",
        "rule.risk_score, 16, 14",
        "rule.threat[0].framework, 18, 13",
        "rule.threat[0].technique[0].id, 20, 6",
        "rule.threat[0].technique[0].subtechnique[0].id, 22, 6",
        "rule.threat[0].technique[1].id, 24, 6",
        "rule.threat[0].tactic.id, 26, 6",
        "rule.threat[1].tactic.id, 29, 6",
    })
    void valuesAreFoundWithTheirTablesAndArrayIndices(String path, int line, int column) {
        int offset = LOCATIONS.valueOffset(path);
        assertThat(offset).as(path).isNotNegative();
        assertThat(LOCATIONS.line(offset)).isEqualTo(line);
        assertThat(LOCATIONS.column(offset)).isEqualTo(column);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "metadata, 2",
        "rule, 8",
        "rule.threat[0], 17",
        "rule.threat[0].technique[1], 23",
        "rule.threat[0].tactic, 25",
        "rule.threat[1], 27",
        "rule.threat[1].tactic, 28",
    })
    void tableHeadersAreFound(String path, int line) {
        int offset = LOCATIONS.tableOffset(path);
        assertThat(LOCATIONS.line(offset)).isEqualTo(line);
        assertThat(LOCATIONS.column(offset)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"metadata.name", "not.a.table", "rule.a", "rule.threat[2]"})
    void textInsideStringsAndArraysIsNotTakenForKeys(String path) {
        assertThat(LOCATIONS.valueOffset(path)).isEqualTo(-1);
        assertThat(LOCATIONS.tableOffset(path)).isEqualTo(-1);
    }
}
