package dev.streamrules.job;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.JobOptions;
import dev.streamrules.job.config.RuleOptions;
import dev.streamrules.job.preflight.Preflight;
import dev.streamrules.job.preflight.Problem;
import dev.streamrules.job.preflight.ProgramExit;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.rules.JobRules;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleQueryCompiler;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of both jars. With {@code --input FILE} it replays a file through the job and prints the
 * summary line; otherwise it runs the streaming job (Kafka in, Elasticsearch and Kafka out); with
 * {@code --check-rules} it only loads and compiles the rules. Before running, the rules must load and
 * the {@link Preflight} checks what can be checked. Exit status 0 on success, 2 on a configuration
 * error (a rule that does not load included), 1 when the job fails or {@code --check-rules} finds a
 * failing rule (inside a Flink client: an exception with the message).
 */
public final class DetectionJobMain {

    private DetectionJobMain() {}

    public static void main(String[] args) {
        JobConfig config;
        try {
            // A job submitted to a cluster also reads streamrules.* keys of the cluster's configuration.
            config = JobConfig.fromArgs(
                    StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration(), args);
        } catch (ConfigException e) {
            throw ProgramExit.fail(
                    2, "error: " + e.getMessage().replace("\n", "\nerror: ") + "\n\n" + JobConfig.usage());
        }
        if (config.get(JobOptions.HELP)) {
            System.out.println("Runs Elastic detection rules (detection-rules TOML files, EQL) as a Flink job.");
            System.out.print(JobConfig.usage());
            return;
        }
        if (config.get(RuleOptions.CHECK_RULES)) {
            int status = checkRules(config);
            if (status != 0) {
                throw ProgramExit.fail(status, "");
            }
            return;
        }
        List<DetectionRule> rules = loadRules(config);
        List<Problem> problems = new Preflight(config).run();
        if (!problems.isEmpty()) {
            throw ProgramExit.fail(
                    2, problems.stream().map(p -> "error: " + p.line()).collect(Collectors.joining("\n")));
        }
        try {
            if (config.isReplay()) {
                ReplaySummary summary = new Replay(config, rules).run();
                System.out.flush();
                System.err.println(summary.line());
                System.err.println(summary.throughputLine());
            } else {
                // On a cluster, execute() submits and (detached) returns; locally it runs until killed.
                new StreamRun(config, rules).environment().execute(DetectionJob.describe(rules));
            }
        } catch (Exception e) {
            e.printStackTrace();
            throw ProgramExit.fail(1, "error: " + config.mode() + " failed: " + rootMessage(e));
        }
    }

    /**
     * The rules to run. The job does not start when a rule does not load (a detection engineer would
     * rather fix it than run without it) or when there is no rule at all; skipped rules (other rule
     * types) are reported and the job runs without them.
     */
    private static List<DetectionRule> loadRules(JobConfig config) {
        LoadedRules loaded;
        try {
            loaded = JobRules.load(config, JobRules.compiler(config));
        } catch (ConfigException e) {
            throw ProgramExit.fail(2, "error: " + e.getMessage());
        }
        if (loaded.hasFailures() || loaded.rules().isEmpty()) {
            throw ProgramExit.fail(
                    2,
                    loaded.problems().stream().map(p -> "error: " + p).collect(Collectors.joining("\n"))
                            + (loaded.problems().isEmpty() ? "" : "\n") + "error: " + loaded.summary()
                            + "; the job needs every rule to load and at least one (--check-rules lists the problems)");
        }
        loaded.problems().forEach(p -> System.err.println("warning: " + p));
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
