package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElasticsearchAlertSinkBuilderTest {

    private static ElasticsearchAlertSinkBuilder valid() {
        return ElasticsearchAlertSink.builder().setHosts("http://localhost:9200");
    }

    @Test
    void defaults() {
        ElasticsearchSinkSettings s = valid().build().settings();
        assertThat(s.hosts()).containsExactly("http://localhost:9200");
        assertThat(s.index()).isEqualTo("streamrules-alerts");
        assertThat(s.maxBatchSize()).isEqualTo(500);
        assertThat(s.maxTimeInBuffer()).isEqualTo(Duration.ofMillis(10));
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxRetries()).isEqualTo(ElasticsearchSinkSettings.UNLIMITED_RETRIES);
        assertThat(s.apiKey()).isNull();
        assertThat(s.username()).isNull();
        assertThat(s.usesHttps()).isFalse();
        assertThat(valid().build().rejectedAlertHandler()).isInstanceOf(LoggingRejectedAlertHandler.class);
    }

    @Test
    void hostsAreNormalizedAndMayComeAsOneCommaSeparatedValue() {
        ElasticsearchSinkSettings s = ElasticsearchAlertSink.builder()
                .setHosts("HTTPS://ES-0.example:9200/, https://es-1.example:9243")
                .build()
                .settings();
        assertThat(s.hosts()).containsExactly("https://es-0.example:9200", "https://es-1.example:9243");
        assertThat(s.usesHttps()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost:9200             | must be a URL starting with http:// or https://",
                "ftp://localhost:9200       | must be a URL starting with http:// or https://",
                "http://localhost           | needs an explicit port (e.g. http://localhost:9200)",
                "http://u:p@localhost:9200  | must not carry credentials in its URL",
                "http://localhost:9200/es   | must not have a path (/es)",
                "http://localhost:9200/?x=1 | must not have a query or fragment",
                "http://local host:9200     | is not a URL",
                "http://bad_name:9200       | has no valid host name",
            })
    void rejectsBadHosts(String host, String message) {
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder().setHosts(host).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsMissingDuplicateAndMixedHosts() {
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder().build())
                .hasMessageContaining("at least one host is required");
        assertThatThrownBy(
                        () -> ElasticsearchAlertSink.builder().setHosts(" , ").build())
                .hasMessageContaining("at least one host is required");
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder()
                        .setHosts("http://a:9200", "http://A:9200")
                        .build())
                .hasMessageContaining("host http://a:9200 is listed twice");
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder()
                        .setHosts("http://a:9200", "https://b:9200")
                        .build())
                .hasMessageContaining("hosts mix http:// and https://");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Alerts        | must be lowercase",
                "_alerts       | must not start with -, _ or +",
                "alerts*       | must not contain '*'",
                "a:b           | must not contain ':'",
                "'a b'         | must not contain ' '",
                "..            | must not be . or ..",
            })
    void rejectsBadIndexNames(String index, String message) {
        assertThatThrownBy(() -> valid().setIndex(index).build()).hasMessageContaining(message);
    }

    @Test
    void rejectsEmptyIndex() {
        assertThatThrownBy(() -> valid().setIndex("").build()).hasMessageContaining("index must not be empty");
        assertThatThrownBy(() -> valid().setIndex(null).build()).hasMessageContaining("index must not be empty");
    }

    @Test
    void authIsEitherApiKeyOrUsernameAndPassword() {
        assertThatThrownBy(() -> valid().setApiKey(Secret.of("k"))
                        .setBasicAuth("elastic", Secret.of("p"))
                        .build())
                .hasMessageContaining("use either an API key or username/password, not both");
        assertThatThrownBy(() -> valid().setBasicAuth(" ", Secret.of("p")).build())
                .hasMessageContaining("basic authentication needs a non-empty username");
        ElasticsearchSinkSettings basic = valid().setBasicAuth("elastic", Secret.fromEnv("ES_PASSWORD"))
                .build()
                .settings();
        assertThat(basic.username()).isEqualTo("elastic");
        assertThat(basic.password()).isEqualTo(Secret.fromEnv("ES_PASSWORD"));
    }

    @Test
    void tlsOptionsNeedHttpsAndExcludeEachOther() {
        assertThatThrownBy(() -> valid().setCaCertificateFile("/ca.pem").build())
                .hasMessageContaining("caCertificateFile is set but no host uses https://");
        assertThatThrownBy(() -> valid().setInsecureSkipVerify(true).build())
                .hasMessageContaining("insecureSkipVerify is set but no host uses https://");
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder()
                        .setHosts("https://es:9200")
                        .setCaCertificateFile("/ca.pem")
                        .setInsecureSkipVerify(true)
                        .build())
                .hasMessageContaining("set either caCertificateFile or insecureSkipVerify, not both");
        assertThat(ElasticsearchAlertSink.builder()
                        .setHosts("https://es:9200")
                        .setCaCertificateFile("/ca.pem")
                        .build()
                        .settings()
                        .caCertificateFile())
                .isEqualTo("/ca.pem");
    }

    @Test
    void sizesAndDurationsAreChecked() {
        assertThatThrownBy(() -> valid().setMaxBatchSize(0).build())
                .hasMessageContaining("maxBatchSize must be at least 1");
        assertThatThrownBy(() -> valid().setMaxInFlightRequests(0).build())
                .hasMessageContaining("maxInFlightRequests must be at least 1");
        assertThatThrownBy(() ->
                        valid().setMaxBatchSize(100).setMaxBufferedRequests(100).build())
                .hasMessageContaining("maxBufferedRequests (100) must be greater than maxBatchSize (100)");
        assertThatThrownBy(() -> valid().setMaxBatchSizeInBytes(1000)
                        .setMaxRecordSizeInBytes(2000)
                        .build())
                .hasMessageContaining("maxRecordSizeInBytes (2000) must not exceed maxBatchSizeInBytes (1000)");
        assertThatThrownBy(() -> valid().setMaxTimeInBufferMS(0).build())
                .hasMessageContaining("maxTimeInBufferMS must be at least 1 ms, was PT0S");
        assertThatThrownBy(() -> valid().setRequestTimeout(null).build())
                .hasMessageContaining("requestTimeout must be at least 1 ms, was null");
        assertThatThrownBy(() -> valid().setInitialBackoff(Duration.ofSeconds(5))
                        .setMaxBackoff(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT5S)");
        assertThatThrownBy(() -> valid().setMaxRetries(-2).build())
                .hasMessageContaining("maxRetries must be 0 or more, or -1 for unlimited, was -2");
        assertThatThrownBy(() -> valid().setRejectedAlertHandler(null).build())
                .hasMessageContaining("rejectedAlertHandler must not be null");
        assertThat(valid().setMaxRetries(0).build().settings().maxRetries()).isZero();
    }

    @Test
    void reportsAllProblemsAtOnce() {
        assertThatThrownBy(() -> ElasticsearchAlertSink.builder()
                        .setIndex("BAD")
                        .setMaxBatchSize(0)
                        .build())
                .hasMessageStartingWith("Invalid Elasticsearch alert sink settings: ")
                .hasMessageContaining("at least one host is required")
                .hasMessageContaining("must be lowercase")
                .hasMessageContaining("maxBatchSize must be at least 1");
    }

    @Test
    void secretsNeverAppearInToString() {
        ElasticsearchAlertSink apiKey =
                valid().setApiKey(Secret.of("s3cr3t-api-key")).build();
        ElasticsearchAlertSink basic =
                valid().setBasicAuth("elastic", Secret.of("s3cr3t-password")).build();
        assertThat(apiKey.toString()).doesNotContain("s3cr3t").contains("apiKey given directly");
        assertThat(basic.toString()).doesNotContain("s3cr3t").contains("user elastic, password given directly");
        assertThat(valid().setApiKey(Secret.fromFile("/run/secrets/es")).build().toString())
                .contains("apiKey from file /run/secrets/es");
    }

    @Test
    void theSinkIsSerializableWithEverythingItNeeds() throws Exception {
        ElasticsearchAlertSink sink = ElasticsearchAlertSink.builder()
                .setHosts(List.of("https://es:9200"))
                .setIndex("alerts-x")
                .setBasicAuth("elastic", Secret.fromEnv("ES_PASSWORD"))
                .setCaCertificateFile("/ca.pem")
                .setMaxBatchSize(10)
                .setMaxRetries(3)
                .build();
        ElasticsearchAlertSink copy = InstantiationUtil.clone(sink);
        assertThat(copy.settings().toString()).isEqualTo(sink.settings().toString());
        assertThat(copy.settings().password()).isEqualTo(Secret.fromEnv("ES_PASSWORD"));
        assertThat(copy.getWriterStateSerializer()).isInstanceOf(BulkCreateStateSerializer.class);
    }
}
