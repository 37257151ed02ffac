package dev.streamrules.job.stream;

import dev.streamrules.job.DetectionJob;
import dev.streamrules.job.config.ElasticsearchOptions;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.job.kafka.KafkaConnectors;
import dev.streamrules.job.kafka.KafkaRejectedAlertHandler;
import dev.streamrules.job.sink.elasticsearch.ElasticsearchAlertSink;
import dev.streamrules.job.sink.elasticsearch.ElasticsearchAlertSinkBuilder;
import dev.streamrules.job.sink.elasticsearch.Secret;

/** The stream mode's alert sinks, each enabled by its configuration. */
public final class AlertSinks {

    /** Uid suffixes: part of the savepoint contract, never rename. */
    static final String ELASTICSEARCH = "elasticsearch";

    static final String KAFKA = "kafka";

    /** Room for what the batch size estimate leaves out (index names in action lines, HTTP framing). */
    private static final long REQUEST_HEADROOM_BYTES = 64 * 1024;

    private AlertSinks() {}

    public static ElasticsearchAlertSink elasticsearch(JobConfig config) {
        ElasticsearchAlertSinkBuilder es = ElasticsearchAlertSink.builder()
                .setHosts(config.list(ElasticsearchOptions.HOSTS))
                .setIndex(config.get(ElasticsearchOptions.INDEX))
                .setMaxTimeInBufferMS(
                        config.get(ElasticsearchOptions.MAX_TIME_IN_BUFFER).toMillis())
                .setMaxBatchSize(config.get(ElasticsearchOptions.MAX_BATCH_SIZE))
                // Requests over http.max_content_length are refused whole (413): stay below it.
                .setMaxBatchSizeInBytes(requestLimit(config))
                .setMaxRecordSizeInBytes(requestLimit(config))
                .setRejectedAlertHandler(new KafkaRejectedAlertHandler(
                        KafkaConnectors.producerProperties(config), config.get(KafkaOptions.DEAD_LETTER_TOPIC)));
        // Secrets are named here (env var or file) and read on the TaskManagers, never logged.
        if (config.isSet(ElasticsearchOptions.API_KEY_ENV)) {
            es.setApiKey(Secret.fromEnv(config.get(ElasticsearchOptions.API_KEY_ENV)));
        } else if (config.isSet(ElasticsearchOptions.API_KEY_FILE)) {
            es.setApiKey(Secret.fromFile(config.get(ElasticsearchOptions.API_KEY_FILE)));
        }
        if (config.isSet(ElasticsearchOptions.USERNAME)) {
            Secret password = config.isSet(ElasticsearchOptions.PASSWORD_ENV)
                    ? Secret.fromEnv(config.get(ElasticsearchOptions.PASSWORD_ENV))
                    : Secret.fromFile(config.get(ElasticsearchOptions.PASSWORD_FILE));
            es.setBasicAuth(config.get(ElasticsearchOptions.USERNAME), password);
        }
        if (config.isSet(ElasticsearchOptions.CA_FILE)) {
            es.setCaCertificateFile(config.get(ElasticsearchOptions.CA_FILE));
        }
        return es.build();
    }

    /** Bytes a bulk request (and so one alert) may have: 5 MiB, or less when the cluster accepts less. */
    static long requestLimit(JobConfig config) {
        long serverLimit = config.get(ElasticsearchOptions.HTTP_MAX_CONTENT_LENGTH) - REQUEST_HEADROOM_BYTES;
        return Math.min(ElasticsearchAlertSinkBuilder.DEFAULT_MAX_BATCH_SIZE_IN_BYTES, serverLimit);
    }

    static void addTo(DetectionJob.Builder job, JobConfig config) {
        if (!config.list(ElasticsearchOptions.HOSTS).isEmpty()) {
            job.alertSink(
                    elasticsearch(config),
                    "Alerts to Elasticsearch " + config.get(ElasticsearchOptions.INDEX),
                    ELASTICSEARCH,
                    0);
        }
        String alertsTopic = config.get(KafkaOptions.ALERTS_TOPIC);
        if (alertsTopic != null && !alertsTopic.isBlank()) {
            job.alertSink(KafkaConnectors.alertSink(config), "Alerts to Kafka " + alertsTopic, KAFKA, 0);
        }
    }
}
