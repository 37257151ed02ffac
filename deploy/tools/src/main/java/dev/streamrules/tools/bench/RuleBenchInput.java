package dev.streamrules.tools.bench;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleFields;
import dev.streamrules.udfs.rule.load.EqlRuleCompiler;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The input of the warm rule benchmarks, from {@code FILE LINES ROUNDS RULES...}: the rules (files or
 * folders, as {@code --rules}) and the file's first lines parsed with the rules' projection.
 */
record RuleBenchInput(List<DetectionRule> rules, List<EcsEvent> events, int rounds) {

    /** Reads the arguments of {@code tool}; prints its usage and exits with status 2 when they are wrong. */
    static RuleBenchInput read(String tool, String[] args) throws IOException {
        return read(tool, args, true);
    }

    /**
     * As {@link #read(String, String[])}; without {@code rounds}, the arguments are {@code FILE LINES
     * RULES...} (a count, not a timing, needs no warm rounds).
     */
    static RuleBenchInput read(String tool, String[] args, boolean rounds) throws IOException {
        int first = rounds ? 3 : 2;
        if (args.length < first + 1) {
            System.err.println("Usage: java -cp detection-job-local.jar:streamrules-tools.jar"
                    + " dev.streamrules.tools.bench." + tool + " FILE LINES" + (rounds ? " ROUNDS" : "")
                    + " RULES...");
            System.exit(2);
        }
        int limit = Integer.parseInt(args[1]);
        int roundCount = rounds ? Integer.parseInt(args[2]) : 0;
        if (limit < 1 || (rounds && roundCount < WarmRounds.WARM_FROM_ROUND)) {
            System.err.println(
                    "LINES must be positive" + (rounds ? " and ROUNDS at least " + WarmRounds.WARM_FROM_ROUND : ""));
            System.exit(2);
        }
        List<Path> paths = Arrays.stream(args, first, args.length).map(Path::of).toList();
        LoadedRules loaded = new RuleLoader(EqlRuleCompiler.ecs()).load(paths);
        System.err.println(loaded.summary());
        List<DetectionRule> rules = loaded.rules();
        List<EcsEvent> events =
                WarmRounds.events(Path.of(args[0]), limit, new EcsEventParser(RuleFields.projection(rules)));
        return new RuleBenchInput(rules, events, roundCount);
    }
}
