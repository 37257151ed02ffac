package dev.streamrules.udfs.rule;

import static dev.streamrules.udfs.eql.Eql.allOf;
import static dev.streamrules.udfs.eql.Eql.category;
import static dev.streamrules.udfs.eql.Eql.equalTo;
import static dev.streamrules.udfs.eql.Eql.in;
import static dev.streamrules.udfs.eql.Eql.like;

import dev.streamrules.udfs.eql.TermClause;
import dev.streamrules.udfs.rule.index.RuleSet;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Elastic's "Suspicious /proc/maps Discovery" rule, as data: its identity and metadata, its EQL text
 * and the equivalent compiled condition.
 */
public final class ProcMapsDiscoveryRule {

    public static final String RULE_ID = "2f95540c-923e-4f57-9dae-de30169c68b9";

    public static final String QUERY = "process where host.os.type == \"linux\" and event.type == \"start\""
            + " and event.action == \"exec\" and process.name in (\"cat\", \"grep\")"
            + " and process.args : \"/proc/*/maps\""
            + " and process.entry_leader.name in (\"bash\", \"dash\", \"sh\", \"tcsh\", \"csh\", \"zsh\", \"ksh\", \"fish\")";

    /** Interactive shells whose sessions make the read suspicious. */
    public static final String[] SHELLS = {"bash", "dash", "sh", "tcsh", "csh", "zsh", "ksh", "fish"};

    public static final DetectionRule RULE = DetectionRule.builder()
            .ruleId(RULE_ID)
            .name("Suspicious /proc/maps Discovery")
            .description("A cat or grep started from an interactive shell session read a process's"
                    + " /proc/<pid>/maps. Memory maps reveal where libraries and writable regions sit,"
                    + " which attackers look up before injecting code into another process.")
            .severity("low")
            .riskScore(21)
            .version(1)
            .query("eql", QUERY)
            // Same clauses as QUERY; the cheapest and most selective are tested first.
            .condition(allOf(
                    in("process.name", "cat", "grep"),
                    equalTo("event.action", "exec"),
                    like("process.args", "/proc/*/maps"),
                    category("process"),
                    equalTo("event.type", "start"),
                    equalTo("host.os.type", "linux"),
                    in("process.entry_leader.name", SHELLS)))
            // Only these can match; the entry-leader clause is what enrichment may fill in.
            .candidate(allOf(in("process.name", "cat", "grep"), equalTo("event.action", "exec")))
            .threat(new Threat("TA0007", "Discovery", "T1057", "Process Discovery"))
            .tags("Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Discovery",
                    "Data Source: Elastic Defend")
            .schedule(Duration.ofMinutes(5), Duration.ofMinutes(9), 100)
            .build();

    /** The rule alone in a rule set, filed under its process-name clause. */
    public static final RuleSet RULE_SET = RuleSet.of(List.of(RULE), List.of(List.of(
            new TermClause("process.name", Set.of("cat", "grep"), false),
            new TermClause("event.action", Set.of("exec"), false))));

    private ProcMapsDiscoveryRule() {}
}
