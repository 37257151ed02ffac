package dev.streamrules.udfs.rule.load;

import java.util.List;

/** The rule sets this project ships. */
public final class RuleSets {

    /** Class-path folder of the rule files we wrote. */
    public static final String RESOURCE_FOLDER = "streamrules/rules/";

    /** The default rule set: the seed rule, Suspicious /proc/maps Discovery. */
    public static final List<String> DEFAULT_RESOURCES = List.of(RESOURCE_FOLDER + "proc_maps_discovery.toml");

    private RuleSets() {}

    /** Loads the default rule set with {@code compiler}; it has no problems (a test keeps it so). */
    public static LoadedRules defaults(RuleQueryCompiler compiler) {
        return new RuleLoader(compiler).loadResources(DEFAULT_RESOURCES);
    }

    /** The default rule set compiled over the built-in ECS and Elastic Defend field types. */
    public static LoadedRules defaults() {
        return defaults(EqlRuleCompiler.ecs());
    }
}
