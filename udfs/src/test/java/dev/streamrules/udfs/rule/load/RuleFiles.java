package dev.streamrules.udfs.rule.load;

/**
 * A complete, valid rule file with known line numbers, for tests that change one thing in it. The
 * line numbers are in the comments tests rely on: keep them in step.
 */
final class RuleFiles {

    static final String NAME = "rules/test.toml";

    static final String VALID = """
            [metadata]
            creation_date = "2026/01/02"
            integration = ["endpoint"]
            maturity = "production"
            updated_date = "2026/02/03"

            [rule]
            author = ["streamrules", "A. Tester"]
            description = "Reads a test file."
            from = "now-9m"
            interval = "5m"
            language = "eql"
            license = "Apache-2.0"
            max_signals = 100
            name = "Test rule"
            risk_score = 47
            rule_id = "rule-1"
            severity = "medium"
            tags = ["OS: Linux", "Tactic: Credential Access"]
            type = "eql"
            query = '''
            process where process.name == "cat" and
              process.args : "/etc/shadow"
            '''

            [[rule.threat]]
            framework = "MITRE ATT&CK"
            [[rule.threat.technique]]
            id = "T1003"
            name = "OS Credential Dumping"
            reference = "https://attack.mitre.org/techniques/T1003/"
            [[rule.threat.technique.subtechnique]]
            id = "T1003.007"
            name = "Proc Filesystem"
            reference = "https://attack.mitre.org/techniques/T1003/007/"
            [[rule.threat.technique.subtechnique]]
            id = "T1003.008"
            name = "/etc/passwd and /etc/shadow"
            reference = "https://attack.mitre.org/techniques/T1003/008/"
            [[rule.threat.technique]]
            id = "T1057"
            name = "Process Discovery"
            [rule.threat.tactic]
            id = "TA0006"
            name = "Credential Access"
            reference = "https://attack.mitre.org/tactics/TA0006/"
            [[rule.threat]]
            framework = "MITRE ATT&CK"
            [rule.threat.tactic]
            id = "TA0007"
            name = "Discovery"
            reference = "https://attack.mitre.org/tactics/TA0007/"
            """;

    private RuleFiles() {}

    /** {@link #VALID} with the first occurrence of {@code from} replaced by {@code to}. */
    static String edit(String from, String to) {
        int at = VALID.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("not in the test rule: " + from);
        }
        return VALID.substring(0, at) + to + VALID.substring(at + from.length());
    }

    /** A minimal valid rule with the given id and query. */
    static String minimal(String ruleId, String query) {
        return """
                [rule]
                rule_id = "%s"
                name = "Rule %s"
                description = "d"
                type = "eql"
                language = "eql"
                severity = "low"
                risk_score = 21
                query = '''%s'''
                """.formatted(ruleId, ruleId, query);
    }
}
