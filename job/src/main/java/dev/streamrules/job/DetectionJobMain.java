package dev.streamrules.job;

import dev.streamrules.job.config.ConfigException;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.preflight.Preflight;
import dev.streamrules.job.preflight.Problem;
import dev.streamrules.job.preflight.ProgramExit;
import dev.streamrules.job.replay.Replay;
import dev.streamrules.job.replay.ReplaySummary;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Entry point of both jars. With {@code --input FILE} it replays a file through the job and prints the
 * summary line; otherwise it runs the streaming job (Kafka in, Elasticsearch and Kafka out). Before
 * either, the {@link Preflight} checks what can be checked. Exit status 0 on success, 2 on a
 * configuration error, 1 when the job fails (inside a Flink client: an exception with the message).
 */
public final class DetectionJobMain {

    private DetectionJobMain() {}

    public static void main(String[] args) {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (ConfigException e) {
            throw ProgramExit.fail(2, "error: " + e.getMessage().replace("\n", "\nerror: ") + "\n\n"
                    + JobConfig.usage());
        }
        if (config.get(JobConfig.HELP)) {
            System.out.println("Runs Elastic's rule \"" + ProcMapsDiscoveryRule.RULE.name() + "\" as a Flink CEP job.");
            System.out.print(JobConfig.usage());
            return;
        }
        List<Problem> problems = new Preflight(config).run();
        if (!problems.isEmpty()) {
            throw ProgramExit.fail(2, problems.stream().map(p -> "error: " + p.line())
                    .collect(Collectors.joining("\n")));
        }
        try {
            if (config.isReplay()) {
                ReplaySummary summary = new Replay(config, ProcMapsDiscoveryRule.RULE).run();
                System.out.flush();
                System.err.println(summary.line());
            } else {
                // On a cluster, execute() submits and (detached) returns; locally it runs until killed.
                new StreamRun(config, ProcMapsDiscoveryRule.RULE).environment()
                        .execute(ProcMapsDiscoveryRule.RULE.name() + " (" + ProcMapsDiscoveryRule.RULE_ID + ")");
            }
        } catch (Exception e) {
            e.printStackTrace();
            throw ProgramExit.fail(1, "error: " + config.mode() + " failed: " + rootMessage(e));
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
