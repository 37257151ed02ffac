package dev.streamrules.udfs.rule;

import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleSets;
import java.util.List;

/**
 * Elastic's "Suspicious /proc/maps Discovery" rule, the default rule set: loaded from its rule file
 * and compiled like any other rule. The constants name what tests and the simulator rely on.
 */
public final class ProcMapsDiscoveryRule {

    public static final String RULE_ID = "2f95540c-923e-4f57-9dae-de30169c68b9";

    /** The query on one line; the rule file spells it over several. */
    public static final String QUERY = "process where host.os.type == \"linux\" and event.type == \"start\""
            + " and event.action == \"exec\" and process.name in (\"cat\", \"grep\")"
            + " and process.args : \"/proc/*/maps\""
            + " and process.entry_leader.name in (\"bash\", \"dash\", \"sh\", \"tcsh\", \"csh\", \"zsh\", \"ksh\", \"fish\")";

    /** Interactive shells whose sessions make the read suspicious. */
    public static final String[] SHELLS = {"bash", "dash", "sh", "tcsh", "csh", "zsh", "ksh", "fish"};

    /** The seed rule file compiled: {@code streamrules/rules/proc_maps_discovery.toml}. */
    public static final DetectionRule RULE = fromItsFile();

    /** The rule alone in a rule set, filed under the terms its query requires. */
    public static final RuleSet RULE_SET = RuleSet.singleEvent(List.of(RULE));

    private ProcMapsDiscoveryRule() {}

    private static DetectionRule fromItsFile() {
        LoadedRules loaded = RuleSets.defaults();
        if (!loaded.problems().isEmpty()
                || loaded.rules().size() != 1
                || !loaded.rules().get(0).ruleId().equals(RULE_ID)) {
            throw new IllegalStateException("the seed rule file does not load: " + loaded.problems());
        }
        return loaded.rules().get(0);
    }
}
