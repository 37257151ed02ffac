package dev.streamrules.job.sink.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the sink's writers need, validated by {@link ElasticsearchAlertSinkBuilder#build()}.
 * Immutable and serializable: it travels with the job graph; the HTTP client is made from it on the
 * TaskManager. Secrets are {@link Secret} references, never printed.
 */
public final class ElasticsearchSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@link #maxRetries()} value meaning "retry until Elasticsearch accepts or rejects the alert". */
    public static final int UNLIMITED_RETRIES = -1;

    private final List<String> hosts;
    private final String index;
    private final Secret apiKey;
    private final String username;
    private final Secret password;
    private final String caCertificateFile;
    private final boolean insecureSkipVerify;
    private final int maxBatchSize;
    private final long maxBatchSizeInBytes;
    private final long maxRecordSizeInBytes;
    private final int maxInFlightRequests;
    private final int maxBufferedRequests;
    private final Duration maxTimeInBuffer;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxRetries;

    ElasticsearchSinkSettings(
            List<String> hosts,
            String index,
            Secret apiKey,
            String username,
            Secret password,
            String caCertificateFile,
            boolean insecureSkipVerify,
            int maxBatchSize,
            long maxBatchSizeInBytes,
            long maxRecordSizeInBytes,
            int maxInFlightRequests,
            int maxBufferedRequests,
            Duration maxTimeInBuffer,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxRetries) {
        this.hosts = List.copyOf(hosts);
        this.index = index;
        this.apiKey = apiKey;
        this.username = username;
        this.password = password;
        this.caCertificateFile = caCertificateFile;
        this.insecureSkipVerify = insecureSkipVerify;
        this.maxBatchSize = maxBatchSize;
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
        this.maxRecordSizeInBytes = maxRecordSizeInBytes;
        this.maxInFlightRequests = maxInFlightRequests;
        this.maxBufferedRequests = maxBufferedRequests;
        this.maxTimeInBuffer = maxTimeInBuffer;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetries = maxRetries;
    }

    /** Normalized {@code scheme://host:port} URLs. */
    public List<String> hosts() {
        return hosts;
    }

    public String index() {
        return index;
    }

    /** The encoded API key (as Elasticsearch returns it in {@code encoded}), or null. */
    public Secret apiKey() {
        return apiKey;
    }

    public String username() {
        return username;
    }

    public Secret password() {
        return password;
    }

    /** PEM file with the CA certificate(s) to trust for https hosts, or null for the JVM's trust store. */
    public String caCertificateFile() {
        return caCertificateFile;
    }

    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    public boolean usesHttps() {
        return hosts.stream().anyMatch(h -> h.startsWith("https://"));
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public long maxBatchSizeInBytes() {
        return maxBatchSizeInBytes;
    }

    public long maxRecordSizeInBytes() {
        return maxRecordSizeInBytes;
    }

    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    public int maxBufferedRequests() {
        return maxBufferedRequests;
    }

    public Duration maxTimeInBuffer() {
        return maxTimeInBuffer;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Retries of one alert before the job fails instead; {@link #UNLIMITED_RETRIES} (default) never gives up. */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The writer-level timeout Flink's AsyncSinkWriter applies to a request: a backstop well above the
     * HTTP timeouts (every host tried once) plus the longest backoff, after which the batch is requeued.
     */
    long asyncRequestTimeoutMillis() {
        long oneTry = connectTimeout.toMillis() + requestTimeout.toMillis();
        return oneTry * hosts.size()
                + maxBackoff.toMillis()
                + Duration.ofSeconds(30).toMillis();
    }

    @Override
    public String toString() {
        String auth = apiKey != null
                ? "apiKey " + apiKey.describe()
                : username != null ? "user " + username + ", password " + password.describe() : "none";
        return "ElasticsearchSinkSettings{hosts=" + hosts
                + ", index=" + index
                + ", auth=" + auth
                + (caCertificateFile != null ? ", caCertificateFile=" + caCertificateFile : "")
                + (insecureSkipVerify ? ", insecureSkipVerify=true" : "")
                + ", maxBatchSize=" + maxBatchSize
                + ", maxBatchSizeInBytes=" + maxBatchSizeInBytes
                + ", maxRecordSizeInBytes=" + maxRecordSizeInBytes
                + ", maxInFlightRequests=" + maxInFlightRequests
                + ", maxBufferedRequests=" + maxBufferedRequests
                + ", maxTimeInBuffer=" + maxTimeInBuffer
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", maxRetries=" + (maxRetries == UNLIMITED_RETRIES ? "unlimited" : maxRetries)
                + "}";
    }
}
