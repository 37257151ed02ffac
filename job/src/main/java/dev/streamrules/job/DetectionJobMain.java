package dev.streamrules.job;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.rules.JobRules;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleQueryCompiler;

import java.util.List;

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
            System.out.println("Runs Elastic detection rules (detection-rules TOML files, EQL) as a Flink job.");
            System.out.print(JobConfig.usage());
            return;
        }
        if (config.get(JobConfig.CHECK_RULES)) {
            System.exit(checkRules(config));
            return;
        }
        List<DetectionRule> rules = loadRules(config);
        if (rules == null) {
            System.exit(2);
            return;
        }
        try {
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

    /**
     * The rules to run; {@code null} after printing why when the job must not start: a rule that
     * does not load (a detection engineer would rather fix it than run without it) or no rule at all.
     * Skipped rules are reported and the job runs without them.
     */
    private static List<DetectionRule> loadRules(JobConfig config) {
        LoadedRules loaded;
        try {
            loaded = JobRules.load(config, JobRules.compiler(config));
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return null;
        }
        loaded.problems().forEach(p -> System.err.println((loaded.hasFailures() ? "error: " : "warning: ") + p));
        if (loaded.hasFailures() || loaded.rules().isEmpty()) {
            System.err.println("error: " + loaded.summary() + "; the job needs every rule to load and at least one"
                    + " (run --check-rules for details)");
            return null;
        }
        System.err.println(loaded.summary());
        return loaded.rules();
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
