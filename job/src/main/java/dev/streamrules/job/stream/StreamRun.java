package dev.streamrules.job.stream;

import dev.streamrules.job.DetectionJob;
import dev.streamrules.job.JobEnvironment;
import dev.streamrules.job.config.CheckpointOptions;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.JobOptions;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.job.kafka.KafkaConnectors;
import dev.streamrules.udfs.ecs.EventTimestampAssigner;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.DetectionRule;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Stream mode, the production job: Kafka in; alerts to Elasticsearch and to the Kafka alerts topic;
 * dead letters to their Kafka topic; exactly-once checkpoints.
 */
public final class StreamRun {

    private final JobConfig config;
    private final List<DetectionRule> rules;

    public StreamRun(JobConfig config, List<DetectionRule> rules) {
        this.config = config;
        this.rules = rules;
    }

    /** Builds the job into a configured environment (exposed for tests that submit it themselves). */
    public StreamExecutionEnvironment environment() {
        Configuration conf = JobEnvironment.streamingConfiguration(
                config.get(JobOptions.PARALLELISM),
                config.get(CheckpointOptions.INTERVAL),
                config.get(CheckpointOptions.STATE_BACKEND).toString(),
                config.get(CheckpointOptions.DIR));
        RestartBudget.applyTo(conf, config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DetectionJob.Builder job = DetectionJob.builder()
                .source(KafkaConnectors.source(config), "Kafka: " + describeTopics())
                // No operator reads event time yet (the single-event rule runs in processing time).
                // The watermarks are generated at the source on purpose: sequence rules (EQL
                // `sequence by ... with maxspan`) order and expire partial matches by event time, and
                // per-partition watermarks with idleness must come from the Kafka source itself.
                .watermarks(WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(
                                config.get(KafkaOptions.WATERMARK_OUT_OF_ORDERNESS))
                        .withTimestampAssigner(new EventTimestampAssigner())
                        .withIdleness(config.get(KafkaOptions.WATERMARK_IDLENESS)))
                .rules(rules)
                .maxEventAge(config.get(JobOptions.MAX_EVENT_AGE))
                .processTree(config.processTree())
                .deadLetterSink(
                        KafkaConnectors.deadLetterSink(config),
                        "Dead letters to Kafka " + config.get(KafkaOptions.DEAD_LETTER_TOPIC),
                        0);
        AlertSinks.addTo(job, config);
        job.build().build(env);
        return env;
    }

    /** Submits the job and returns without waiting: a streaming job runs until cancelled. */
    public JobClient start() throws Exception {
        return environment().executeAsync(DetectionJob.describe(rules));
    }

    private String describeTopics() {
        return config.isSet(KafkaOptions.TOPIC_PATTERN)
                ? "/" + config.get(KafkaOptions.TOPIC_PATTERN) + "/"
                : String.join(",", config.list(KafkaOptions.TOPICS));
    }
}
