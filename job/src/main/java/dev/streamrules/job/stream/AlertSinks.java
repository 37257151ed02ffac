package dev.streamrules.job.stream;

import dev.streamrules.job.DetectionJob;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.kafka.KafkaConnectors;

/** The stream mode's alert sinks, each enabled by its configuration. */
final class AlertSinks {

    /** Uid suffixes: part of the savepoint contract, never rename. */
    static final String ELASTICSEARCH = "elasticsearch";
    static final String KAFKA = "kafka";

    private AlertSinks() {}

    static void addTo(DetectionJob.Builder job, JobConfig config) {
        String alertsTopic = config.get(JobConfig.KAFKA_ALERTS_TOPIC);
        if (alertsTopic != null && !alertsTopic.isBlank()) {
            job.alertSink(KafkaConnectors.alertSink(config), "Alerts to Kafka " + alertsTopic, KAFKA, 0);
        }
    }
}
