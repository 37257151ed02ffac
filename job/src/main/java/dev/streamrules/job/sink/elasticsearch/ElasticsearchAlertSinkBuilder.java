package dev.streamrules.job.sink.elasticsearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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
 * <p>{@link #build()} checks every setting and reports all problems at once. Files and environment
 * variables (secrets, the CA certificate) are read where the writers run, so they are only checked there.
 */
public final class ElasticsearchAlertSinkBuilder {

    public static final String DEFAULT_INDEX = "streamrules-alerts";
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final Duration DEFAULT_MAX_TIME_IN_BUFFER = Duration.ofMillis(50);
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
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private long maxBatchSizeInBytes = DEFAULT_MAX_BATCH_SIZE_IN_BYTES;
    private long maxRecordSizeInBytes = DEFAULT_MAX_RECORD_SIZE_IN_BYTES;
    private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
    private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
    private Duration maxTimeInBuffer = DEFAULT_MAX_TIME_IN_BUFFER;
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

    /** Alerts per bulk request; default {@value #DEFAULT_MAX_BATCH_SIZE}. */
    public ElasticsearchAlertSinkBuilder setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** A bulk request is sent once its alerts add up to this many bytes; default 5 MiB. */
    public ElasticsearchAlertSinkBuilder setMaxBatchSizeInBytes(long maxBatchSizeInBytes) {
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
        return this;
    }

    /** Larger alerts go to the rejected-alert handler instead of Elasticsearch; default 5 MiB. */
    public ElasticsearchAlertSinkBuilder setMaxRecordSizeInBytes(long maxRecordSizeInBytes) {
        this.maxRecordSizeInBytes = maxRecordSizeInBytes;
        return this;
    }

    /** Concurrent bulk requests per parallel writer; default {@value #DEFAULT_MAX_IN_FLIGHT_REQUESTS}. */
    public ElasticsearchAlertSinkBuilder setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    /**
     * Alerts a writer holds (buffered, or waiting to be retried) before it stops taking input and so
     * back-pressures the job; default {@value #DEFAULT_MAX_BUFFERED_REQUESTS}. Must exceed the batch size.
     */
    public ElasticsearchAlertSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    /**
     * The longest an alert waits for its batch to fill before it is sent anyway; default 50 ms. Alerts
     * are rare, so nearly every alert waits this long: it is a fixed part of alert latency, while a
     * shorter wait only costs more, smaller bulk requests (at most 20 per second per writer).
     */
    public ElasticsearchAlertSinkBuilder setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = maxTimeInBuffer;
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
    public ElasticsearchAlertSink build() {
        List<String> problems = new ArrayList<>();
        List<String> normalizedHosts = validateHosts(problems);
        validateIndex(problems);
        validateAuth(problems);
        validateTls(normalizedHosts, problems);
        validateSizes(problems);
        validateDurations(problems);
        if (maxRetries < ElasticsearchSinkSettings.UNLIMITED_RETRIES) {
            problems.add("maxRetries must be 0 or more, or " + ElasticsearchSinkSettings.UNLIMITED_RETRIES
                    + " for unlimited, was " + maxRetries);
        }
        if (rejectedAlertHandler == null) {
            problems.add("rejectedAlertHandler must not be null");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid Elasticsearch alert sink settings: " + String.join("; ", problems));
        }
        ElasticsearchSinkSettings settings = new ElasticsearchSinkSettings(
                normalizedHosts,
                index,
                apiKey,
                username,
                password,
                caCertificateFile,
                insecureSkipVerify,
                maxBatchSize,
                maxBatchSizeInBytes,
                maxRecordSizeInBytes,
                maxInFlightRequests,
                maxBufferedRequests,
                maxTimeInBuffer,
                connectTimeout,
                requestTimeout,
                initialBackoff,
                maxBackoff,
                maxRetries);
        return new ElasticsearchAlertSink(settings, rejectedAlertHandler);
    }

    private List<String> validateHosts(List<String> problems) {
        Set<String> normalized = new LinkedHashSet<>();
        if (hosts.isEmpty() || hosts.stream().allMatch(h -> h == null || h.isEmpty())) {
            problems.add("at least one host is required (setHosts, e.g. http://localhost:9200)");
            return List.of();
        }
        for (String host : hosts) {
            if (host == null || host.isEmpty()) {
                problems.add("empty host in the host list");
                continue;
            }
            String url = normalizeHost(host, problems);
            if (url != null && !normalized.add(url)) {
                problems.add("host " + url + " is listed twice");
            }
        }
        long https = normalized.stream().filter(h -> h.startsWith("https://")).count();
        if (https > 0 && https < normalized.size()) {
            problems.add("hosts mix http:// and https://; use one scheme for all");
        }
        return new ArrayList<>(normalized);
    }

    /** {@code scheme://host:port} for a valid URL, else null with the reason added to {@code problems}. */
    static String normalizeHost(String host, List<String> problems) {
        URI uri;
        try {
            uri = new URI(host);
        } catch (URISyntaxException e) {
            problems.add("host \"" + host + "\" is not a URL: " + e.getReason());
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)
                || uri.getHost() == null && uri.getRawAuthority() == null) {
            problems.add("host \"" + host
                    + "\" must be a URL starting with http:// or https:// (e.g. http://localhost:9200)");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("host \"" + uri.getHost()
                    + "\" must not carry credentials in its URL; use setBasicAuth or setApiKey");
            return null;
        }
        if (uri.getHost() == null) {
            problems.add("host \"" + host + "\" has no valid host name");
            return null;
        }
        if (uri.getPort() < 0) {
            problems.add(
                    "host \"" + host + "\" needs an explicit port (e.g. " + scheme + "://" + uri.getHost() + ":9200)");
            return null;
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            problems.add("host \"" + host + "\" must not have a path (" + uri.getRawPath() + ")");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add("host \"" + host + "\" must not have a query or fragment");
            return null;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    }

    private void validateIndex(List<String> problems) {
        if (index == null || index.isEmpty()) {
            problems.add("index must not be empty");
            return;
        }
        if (!index.equals(index.toLowerCase(Locale.ROOT))) {
            problems.add("index \"" + index + "\" must be lowercase");
        }
        if (index.startsWith("-") || index.startsWith("_") || index.startsWith("+")) {
            problems.add("index \"" + index + "\" must not start with -, _ or +");
        }
        if (index.equals(".") || index.equals("..")) {
            problems.add("index must not be . or ..");
        }
        for (char c : new char[] {'\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'}) {
            if (index.indexOf(c) >= 0) {
                problems.add("index \"" + index + "\" must not contain '" + c + "'");
            }
        }
        if (index.getBytes(StandardCharsets.UTF_8).length > 255) {
            problems.add("index name must be at most 255 bytes");
        }
    }

    private void validateAuth(List<String> problems) {
        if (password != null && (username == null || username.isBlank())) {
            problems.add("basic authentication needs a non-empty username");
        }
        if (apiKey != null && password != null) {
            problems.add("use either an API key or username/password, not both");
        }
    }

    private void validateTls(List<String> normalizedHosts, List<String> problems) {
        boolean https = normalizedHosts.stream().anyMatch(h -> h.startsWith("https://"));
        if (caCertificateFile != null) {
            if (caCertificateFile.isBlank()) {
                problems.add("caCertificateFile must not be empty");
            } else if (!https && !normalizedHosts.isEmpty()) {
                problems.add("caCertificateFile is set but no host uses https://");
            }
        }
        if (insecureSkipVerify) {
            if (!https && !normalizedHosts.isEmpty()) {
                problems.add("insecureSkipVerify is set but no host uses https://");
            }
            if (caCertificateFile != null) {
                problems.add("set either caCertificateFile or insecureSkipVerify, not both");
            }
        }
    }

    private void validateSizes(List<String> problems) {
        if (maxBatchSize < 1) {
            problems.add("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (maxInFlightRequests < 1) {
            problems.add("maxInFlightRequests must be at least 1, was " + maxInFlightRequests);
        }
        if (maxBufferedRequests <= maxBatchSize) {
            problems.add("maxBufferedRequests (" + maxBufferedRequests + ") must be greater than maxBatchSize ("
                    + maxBatchSize + ")");
        }
        if (maxBatchSizeInBytes < 1) {
            problems.add("maxBatchSizeInBytes must be positive, was " + maxBatchSizeInBytes);
        }
        if (maxRecordSizeInBytes < 1) {
            problems.add("maxRecordSizeInBytes must be positive, was " + maxRecordSizeInBytes);
        } else if (maxRecordSizeInBytes > maxBatchSizeInBytes) {
            problems.add("maxRecordSizeInBytes (" + maxRecordSizeInBytes + ") must not exceed maxBatchSizeInBytes ("
                    + maxBatchSizeInBytes + ")");
        }
    }

    private void validateDurations(List<String> problems) {
        positive("maxTimeInBuffer", maxTimeInBuffer, problems);
        positive("connectTimeout", connectTimeout, problems);
        positive("requestTimeout", requestTimeout, problems);
        boolean initialOk = positive("initialBackoff", initialBackoff, problems);
        boolean maxOk = positive("maxBackoff", maxBackoff, problems);
        if (initialOk && maxOk && maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
        if (connectTimeout != null && connectTimeout.toMillis() > Integer.MAX_VALUE
                || requestTimeout != null && requestTimeout.toMillis() > Integer.MAX_VALUE) {
            problems.add("timeouts must be below " + Integer.MAX_VALUE + " ms");
        }
    }

    private static boolean positive(String name, Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() == 0) {
            problems.add(name + " must be at least 1 ms, was " + value);
            return false;
        }
        return true;
    }
}
