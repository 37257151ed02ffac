package dev.streamrules.job.stream;

import dev.streamrules.job.config.CheckpointOptions;
import dev.streamrules.job.config.JobConfig;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * The stream job's restart strategy, with a budget: exponential delay (1 s, doubling, at most
 * {@code --restart.max-backoff}) for at most {@code --restart.attempts} restarts; a job that then
 * runs {@code --restart.reset-after} without failing gets the whole budget back. A cause that does
 * not go away (credentials revoked, a topic deleted) therefore fails the job, with the reason in its
 * exceptions, instead of restarting it forever; a passing one (a TaskManager lost, a broker
 * restarting) is ridden out.
 */
public final class RestartBudget {

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final double MULTIPLIER = 2.0;

    private RestartBudget() {}

    public static void applyTo(Configuration conf, JobConfig config) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        Duration max = config.get(CheckpointOptions.RESTART_MAX_BACKOFF);
        // Flink refuses an initial backoff above the maximum
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                max.compareTo(INITIAL_BACKOFF) < 0 ? max : INITIAL_BACKOFF);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, max);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, MULTIPLIER);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                config.get(CheckpointOptions.RESTART_RESET_AFTER));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                config.get(CheckpointOptions.RESTART_ATTEMPTS));
    }
}
