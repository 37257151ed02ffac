package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.udfs.alert.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;

/**
 * Builds an {@link ElasticsearchAlertSink}. Only the hosts are required:
 *
 * <pre>{@code
 * ElasticsearchAlertSink sink = ElasticsearchAlertSink.builder()
 *         .setHosts("https://es-0.es:9200", "https://es-1.es:9200")
 *         .setIndex("streamrules-alerts")
 *         .setApiKey(Secret.fromFile("/etc/streamrules/es-api-key"))
 *         .setCaCertificateFile("/etc/streamrules/es-ca.pem")
 *         .build();
 * }</pre>
 *
 * <p>The batching settings are Flink's ({@link AsyncSinkBaseBuilder}: {@code setMaxBatchSize},
 * {@code setMaxInFlightRequests}, {@code setMaxBufferedRequests} (alerts a writer holds, buffered or
 * waiting to be retried, before it back-pressures the job; must exceed the batch size),
 * {@code setMaxBatchSizeInBytes}, {@code setMaxTimeInBufferMS}, {@code setMaxRecordSizeInBytes} (larger
 * alerts go to the rejected-alert handler)), with the defaults below.
 *
 * <p>{@link #build()} checks every setting and reports all problems at once. Files and environment
 * variables (secrets, the CA certificate) are read where the writers run, so they are only checked there.
 */
public final class ElasticsearchAlertSinkBuilder
        extends AsyncSinkBaseBuilder<Alert, BulkCreate, ElasticsearchAlertSinkBuilder> {

    public static final String DEFAULT_INDEX = "streamrules-alerts";
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    /**
     * The longest an alert waits for its batch to fill before it is sent anyway. Alerts are rare, so
     * nearly every alert waits this long: it is a fixed part of alert latency, while a shorter wait only
     * costs more, smaller bulk requests (at most 100 per second per writer). 10 ms against 50 ms cut
     * the time from rule to searchable by more than the 40 ms difference (docs/benchmarks.md 10.5).
     */
    public static final Duration DEFAULT_MAX_TIME_IN_BUFFER = Duration.ofMillis(10);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private final List<String> hosts = new ArrayList<>();
    private String index = DEFAULT_INDEX;
    private Secret apiKey;
    private String username;
    private Secret password;
    private String caCertificateFile;
    private boolean insecureSkipVerify;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private int maxRetries = ElasticsearchSinkSettings.UNLIMITED_RETRIES;
    private RejectedAlertHandler rejectedAlertHandler = new LoggingRejectedAlertHandler();

    ElasticsearchAlertSinkBuilder() {}

    /**
     * Elasticsearch nodes as {@code http://host:port} or {@code https://host:port} URLs. Each argument
     * may also be a comma-separated list (as a configuration value would be). Replaces earlier hosts.
     */
    public ElasticsearchAlertSinkBuilder setHosts(String... urls) {
        return setHosts(Arrays.asList(urls));
    }

    /** See {@link #setHosts(String...)}. */
    public ElasticsearchAlertSinkBuilder setHosts(List<String> urls) {
        hosts.clear();
        for (String url : Objects.requireNonNull(urls, "hosts")) {
            if (url == null) {
                hosts.add(null);
                continue;
            }
            for (String part : url.split(",", -1)) {
                hosts.add(part.trim());
            }
        }
        return this;
    }

    /** The index (or alias) alerts are created in; default {@value #DEFAULT_INDEX}. */
    public ElasticsearchAlertSinkBuilder setIndex(String index) {
        this.index = index;
        return this;
    }

    /** Authenticates with an API key: the {@code encoded} form Elasticsearch returns when creating one. */
    public ElasticsearchAlertSinkBuilder setApiKey(Secret apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        return this;
    }

    /** Authenticates with HTTP basic authentication. */
    public ElasticsearchAlertSinkBuilder setBasicAuth(String username, Secret password) {
        this.username = username;
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /** PEM file of the CA certificate(s) that signed the https hosts' certificates (trusted instead of the JVM's). */
    public ElasticsearchAlertSinkBuilder setCaCertificateFile(String pemFile) {
        this.caCertificateFile = pemFile;
        return this;
    }

    /**
     * Accepts any certificate and host name from https hosts. For local testing only, never in
     * production: it gives up the protection TLS exists for.
     */
    public ElasticsearchAlertSinkBuilder setInsecureSkipVerify(boolean insecureSkipVerify) {
        this.insecureSkipVerify = insecureSkipVerify;
        return this;
    }

    /** Time to establish a connection; default 5 s. */
    public ElasticsearchAlertSinkBuilder setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /** Time to wait for a bulk response (socket inactivity); default 30 s. */
    public ElasticsearchAlertSinkBuilder setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** Wait before the first retry; doubles with each consecutive failure; default 100 ms. */
    public ElasticsearchAlertSinkBuilder setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
        return this;
    }

    /** Cap of the wait between retries; default 30 s. */
    public ElasticsearchAlertSinkBuilder setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
        return this;
    }

    /**
     * Retries of one alert after which the job fails (and restarts from its last checkpoint) rather
     * than keep trying; {@link ElasticsearchSinkSettings#UNLIMITED_RETRIES} (the default) keeps trying
     * forever. Alerts are never dropped either way.
     */
    public ElasticsearchAlertSinkBuilder setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /**
     * Receives alerts Elasticsearch refuses for good (mapping errors and other per-document 400s) and
     * alerts too large to send. Default: {@link LoggingRejectedAlertHandler}.
     */
    public ElasticsearchAlertSinkBuilder setRejectedAlertHandler(RejectedAlertHandler handler) {
        this.rejectedAlertHandler = handler;
        return this;
    }

    /** Validates every setting; throws {@link IllegalArgumentException} listing all problems. */
    @Override
    public ElasticsearchAlertSink build() {
        List<String> problems = new ArrayList<>();
        List<String> normalizedHosts = HostsAndIndex.normalizeHosts(hosts, problems);
        HostsAndIndex.checkIndex(index, problems);
        ElasticsearchSinkSettings settings = new ElasticsearchSinkSettings(
                normalizedHosts,
                index,
                apiKey,
                username,
                password,
                caCertificateFile,
                insecureSkipVerify,
                orDefault(getMaxBatchSize(), DEFAULT_MAX_BATCH_SIZE),
                orDefault(getMaxBatchSizeInBytes(), DEFAULT_MAX_BATCH_SIZE_IN_BYTES),
                orDefault(getMaxRecordSizeInBytes(), DEFAULT_MAX_RECORD_SIZE_IN_BYTES),
                orDefault(getMaxInFlightRequests(), DEFAULT_MAX_IN_FLIGHT_REQUESTS),
                orDefault(getMaxBufferedRequests(), DEFAULT_MAX_BUFFERED_REQUESTS),
                getMaxTimeInBufferMS() == null ? DEFAULT_MAX_TIME_IN_BUFFER : Duration.ofMillis(getMaxTimeInBufferMS()),
                connectTimeout,
                requestTimeout,
                initialBackoff,
                maxBackoff,
                maxRetries);
        SinkSettingsCheck.addProblems(settings, problems);
        if (rejectedAlertHandler == null) {
            problems.add("rejectedAlertHandler must not be null");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid Elasticsearch alert sink settings: " + String.join("; ", problems));
        }
        return new ElasticsearchAlertSink(settings, rejectedAlertHandler);
    }

    private static <T> T orDefault(T value, T defaultValue) {
        return value == null ? defaultValue : value;
    }
}
