package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.rule.DetectionRule;
import java.util.List;

/**
 * The outcome of loading rule files: the rules that compiled, in file order, and one line per problem
 * (skips included) in file order. A file counts once: loaded, skipped or failed.
 */
public record LoadedRules(List<DetectionRule> rules, List<RuleProblem> problems, int skipped, int failed) {

    public LoadedRules {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    public int loaded() {
        return rules.size();
    }

    /** Exactly {@code rules: L loaded, S skipped, F failed}. */
    public String summary() {
        return "rules: " + loaded() + " loaded, " + skipped + " skipped, " + failed + " failed";
    }

    public boolean hasFailures() {
        return failed > 0;
    }
}
