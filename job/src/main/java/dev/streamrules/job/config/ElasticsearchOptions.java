package dev.streamrules.job.config;

import dev.streamrules.job.sink.elasticsearch.ElasticsearchAlertSinkBuilder;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Stream mode: the Elasticsearch alert sink; its defaults are the sink builder's. */
public final class ElasticsearchOptions {

    public static final ConfigOption<String> HOSTS = ConfigOptions.key("es.hosts")
            .stringType()
            .defaultValue("http://127.0.0.1:9200")
            .withDescription("stream mode: comma-separated Elasticsearch URLs; empty disables the Elasticsearch sink");

    public static final ConfigOption<String> INDEX = ConfigOptions.key("es.index")
            .stringType()
            .defaultValue(ElasticsearchAlertSinkBuilder.DEFAULT_INDEX)
            .withDescription("stream mode: alerts index (or data stream) name");

    public static final ConfigOption<String> API_KEY_ENV = ConfigOptions.key("es.api-key-env")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "stream mode: name of the environment variable holding an Elasticsearch API key (encoded form)");

    public static final ConfigOption<String> API_KEY_FILE = ConfigOptions.key("es.api-key-file")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: file holding an Elasticsearch API key");

    public static final ConfigOption<String> USERNAME = ConfigOptions.key("es.username")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: Elasticsearch user (with --es.password-env or --es.password-file)");

    public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("es.password-env")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: environment variable holding the Elasticsearch password");

    public static final ConfigOption<String> PASSWORD_FILE = ConfigOptions.key("es.password-file")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: file holding the Elasticsearch password");

    public static final ConfigOption<String> CA_FILE = ConfigOptions.key("es.ca-file")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: PEM CA certificate to trust for https Elasticsearch hosts");

    public static final ConfigOption<Duration> MAX_TIME_IN_BUFFER = ConfigOptions.key("es.max-time-in-buffer")
            .durationType()
            .defaultValue(ElasticsearchAlertSinkBuilder.DEFAULT_MAX_TIME_IN_BUFFER)
            .withDescription("stream mode: longest an alert waits in the sink's buffer before a bulk request"
                    + " (alert latency depends on it)");

    public static final ConfigOption<Integer> MAX_BATCH_SIZE = ConfigOptions.key("es.max-batch-size")
            .intType()
            .defaultValue(ElasticsearchAlertSinkBuilder.DEFAULT_MAX_BATCH_SIZE)
            .withDescription("stream mode: alerts per bulk request at most");

    /** Elasticsearch's own default of {@code http.max_content_length}. */
    public static final ConfigOption<Integer> HTTP_MAX_CONTENT_LENGTH = ConfigOptions.key("es.http-max-content-length")
            .intType()
            .defaultValue(100 * 1024 * 1024)
            .withDescription("stream mode: the cluster's http.max_content_length in bytes; bulk requests and alerts"
                    + " stay below it and 5 MiB");

    public static final ConfigOption<Boolean> INSTALL_TEMPLATE = ConfigOptions.key("es.install-template")
            .booleanType()
            .defaultValue(false)
            .withDescription(
                    "stream mode: preflight installs the alerts index template when no template covers --es.index");

    public static final List<ConfigOption<?>> ALL = List.of(
            HOSTS,
            INDEX,
            API_KEY_ENV,
            API_KEY_FILE,
            USERNAME,
            PASSWORD_ENV,
            PASSWORD_FILE,
            CA_FILE,
            MAX_TIME_IN_BUFFER,
            MAX_BATCH_SIZE,
            HTTP_MAX_CONTENT_LENGTH,
            INSTALL_TEMPLATE);

    private ElasticsearchOptions() {}
}
