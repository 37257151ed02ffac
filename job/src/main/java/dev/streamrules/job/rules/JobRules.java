package dev.streamrules.job.rules;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.RuleOptions;
import dev.streamrules.udfs.rule.load.EqlRuleCompiler;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleLoader;
import dev.streamrules.udfs.rule.load.RuleProblem;
import dev.streamrules.udfs.rule.load.RuleQueryCompiler;
import dev.streamrules.udfs.rule.load.RuleSets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The job's rule set: the files named by {@code --rules}, else the rules this project ships. */
public final class JobRules {

    private JobRules() {}

    /**
     * The EQL compiler over {@code --mapping}'s field types, else the built-in ECS and Elastic Defend ones.
     *
     * @throws ConfigException when the mapping cannot be read or is not a mapping or template
     */
    public static RuleQueryCompiler compiler(JobConfig config) {
        String mapping = config.get(RuleOptions.MAPPING);
        if (mapping == null) {
            return EqlRuleCompiler.ecs();
        }
        try {
            return EqlRuleCompiler.fromMapping(Path.of(mapping));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("--mapping " + mapping + ": " + e.getMessage());
        }
    }

    public static LoadedRules load(JobConfig config, RuleQueryCompiler compiler) {
        List<Path> paths = config.rulePaths();
        return paths.isEmpty() ? RuleSets.defaults(compiler) : new RuleLoader(compiler).load(paths);
    }

    /**
     * {@code --check-rules}: one line per problem ({@code FILE:LINE:COLUMN: message}, skips included),
     * then exactly {@code rules: L loaded, S skipped, F failed}.
     *
     * @return the exit status: 0 when no rule failed, 1 otherwise
     */
    public static int check(JobConfig config, RuleQueryCompiler compiler, PrintStream out) {
        LoadedRules set = load(config, compiler);
        for (RuleProblem problem : set.problems()) {
            out.println(problem);
        }
        out.println(set.summary());
        out.flush();
        return set.hasFailures() ? 1 : 0;
    }
}
