package dev.streamrules.job.sink.elasticsearch;

import java.time.Duration;
import java.util.List;

/** The sink builder's checks of everything but hosts and index ({@link HostsAndIndex}): auth, TLS, sizes, times. */
final class SinkSettingsCheck {

    private SinkSettingsCheck() {}

    static void addProblems(ElasticsearchSinkSettings s, List<String> problems) {
        auth(s, problems);
        tls(s, problems);
        sizes(s, problems);
        durations(s, problems);
        if (s.maxRetries() < ElasticsearchSinkSettings.UNLIMITED_RETRIES) {
            problems.add("maxRetries must be 0 or more, or " + ElasticsearchSinkSettings.UNLIMITED_RETRIES
                    + " for unlimited, was " + s.maxRetries());
        }
    }

    private static void auth(ElasticsearchSinkSettings s, List<String> problems) {
        if (s.password() != null && (s.username() == null || s.username().isBlank())) {
            problems.add("basic authentication needs a non-empty username");
        }
        if (s.apiKey() != null && s.password() != null) {
            problems.add("use either an API key or username/password, not both");
        }
    }

    private static void tls(ElasticsearchSinkSettings s, List<String> problems) {
        boolean https = s.hosts().stream().anyMatch(h -> h.startsWith("https://"));
        String ca = s.caCertificateFile();
        if (ca != null) {
            if (ca.isBlank()) {
                problems.add("caCertificateFile must not be empty");
            } else if (!https && !s.hosts().isEmpty()) {
                problems.add("caCertificateFile is set but no host uses https://");
            }
        }
        if (s.insecureSkipVerify()) {
            if (!https && !s.hosts().isEmpty()) {
                problems.add("insecureSkipVerify is set but no host uses https://");
            }
            if (ca != null) {
                problems.add("set either caCertificateFile or insecureSkipVerify, not both");
            }
        }
    }

    private static void sizes(ElasticsearchSinkSettings s, List<String> problems) {
        if (s.maxBatchSize() < 1) {
            problems.add("maxBatchSize must be at least 1, was " + s.maxBatchSize());
        }
        if (s.maxInFlightRequests() < 1) {
            problems.add("maxInFlightRequests must be at least 1, was " + s.maxInFlightRequests());
        }
        if (s.maxBufferedRequests() <= s.maxBatchSize()) {
            problems.add("maxBufferedRequests (" + s.maxBufferedRequests() + ") must be greater than maxBatchSize ("
                    + s.maxBatchSize() + ")");
        }
        if (s.maxBatchSizeInBytes() < 1) {
            problems.add("maxBatchSizeInBytes must be positive, was " + s.maxBatchSizeInBytes());
        }
        if (s.maxRecordSizeInBytes() < 1) {
            problems.add("maxRecordSizeInBytes must be positive, was " + s.maxRecordSizeInBytes());
        } else if (s.maxRecordSizeInBytes() > s.maxBatchSizeInBytes()) {
            problems.add("maxRecordSizeInBytes (" + s.maxRecordSizeInBytes() + ") must not exceed maxBatchSizeInBytes ("
                    + s.maxBatchSizeInBytes() + ")");
        }
    }

    private static void durations(ElasticsearchSinkSettings s, List<String> problems) {
        positive("maxTimeInBufferMS", s.maxTimeInBuffer(), problems);
        positive("connectTimeout", s.connectTimeout(), problems);
        positive("requestTimeout", s.requestTimeout(), problems);
        boolean initialOk = positive("initialBackoff", s.initialBackoff(), problems);
        boolean maxOk = positive("maxBackoff", s.maxBackoff(), problems);
        if (initialOk && maxOk && s.maxBackoff().compareTo(s.initialBackoff()) < 0) {
            problems.add("maxBackoff (" + s.maxBackoff() + ") must not be shorter than initialBackoff ("
                    + s.initialBackoff() + ")");
        }
        Duration connect = s.connectTimeout();
        Duration request = s.requestTimeout();
        if (connect != null && connect.toMillis() > Integer.MAX_VALUE
                || request != null && request.toMillis() > Integer.MAX_VALUE) {
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
