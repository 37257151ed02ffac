package dev.streamrules.job;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.rules.JobRules;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.rule.load.RuleQueryCompiler;

/**
 * Entry point of both jars. With {@code --input FILE} it replays a file through the job and prints the
 * summary line; otherwise it runs the streaming job (Kafka in, Elasticsearch and Kafka out); with
 * {@code --check-rules} it only loads and compiles the rules. Exit status 0 on success, 2 on a
 * configuration error, 1 when the job fails or a rule does not load.
 */
public final class DetectionJobMain {

    private DetectionJobMain() {}

    public static void main(String[] args) {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            System.err.println();
            System.err.print(JobConfig.usage());
            System.exit(2);
            return;
        }
        if (config.get(JobConfig.HELP)) {
            System.out.println("Runs Elastic's rule \"" + ProcMapsDiscoveryRule.RULE.name() + "\" as a Flink CEP job.");
            System.out.print(JobConfig.usage());
            return;
        }
        if (config.get(JobConfig.CHECK_RULES)) {
            System.exit(checkRules(config));
            return;
        }
        if (!config.rulePaths().isEmpty()) {
            // Until the job runs loaded rule sets, refuse rather than silently run the built-in rule.
            System.err.println("error: --rules is only read by --check-rules in this build");
            System.exit(2);
            return;
        }
        try {
            RuleSet rules = ProcMapsDiscoveryRule.RULE_SET;
            if (config.isReplay()) {
                ReplaySummary summary = new Replay(config, rules).run();
                System.out.flush();
                System.err.println(summary.line());
            } else {
                // On a cluster, execute() submits and (detached) returns; locally it runs until killed.
                new StreamRun(config, rules).environment().execute(DetectionJob.describe(rules));
            }
        } catch (Exception e) {
            System.err.println("error: " + config.mode() + " failed: " + rootMessage(e));
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** {@code --check-rules}: 0 when every rule loads or is skipped, 1 when one fails, 2 on a bad --mapping. */
    private static int checkRules(JobConfig config) {
        RuleQueryCompiler compiler;
        try {
            compiler = JobRules.compiler(config);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        return JobRules.check(config, compiler, System.out);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
