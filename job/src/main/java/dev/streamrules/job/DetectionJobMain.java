package dev.streamrules.job;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.rule.index.RuleSet;

/**
 * Entry point of both jars. With {@code --input FILE} it replays a file through the job and prints the
 * summary line; otherwise it runs the streaming job (Kafka in, Elasticsearch and Kafka out). Exit
 * status 0 on success, 2 on a configuration error, 1 when the job fails.
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

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
