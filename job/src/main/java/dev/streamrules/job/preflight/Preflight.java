package dev.streamrules.job.preflight;

import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.PreflightOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What can be checked before the job is submitted, so that configuration mistakes surface as one
 * clear line each (option, problem, fix) instead of restart loops on the TaskManagers: the replay
 * input; in stream mode also secret files, TLS settings, Kafka and its topics, Elasticsearch, its
 * privileges and the index template. Turned off with {@code --preflight false}.
 */
public final class Preflight {

    private final JobConfig config;

    public Preflight(JobConfig config) {
        this.config = config;
    }

    /** Every problem found; empty when the job can start. */
    public List<Problem> run() {
        List<Problem> problems = new ArrayList<>();
        LocalChecks.input(config, problems);
        if (config.isReplay() || !config.get(PreflightOptions.ENABLED)) {
            return problems;
        }
        LocalChecks.secretFiles(config, problems);
        LocalChecks.tls(config, problems);
        if (!problems.isEmpty()) {
            return problems; // the servers cannot be asked with broken local settings
        }
        new KafkaCheck(config).run(problems);
        new ElasticsearchCheck(config).run(problems);
        return problems;
    }
}
