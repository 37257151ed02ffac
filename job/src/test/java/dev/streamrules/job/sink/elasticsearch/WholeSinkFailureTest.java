package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WholeSinkFailureTest {

    private static final List<String> HOSTS = List.of("https://es:9200");

    @ParameterizedTest(name = "HTTP {0} {1} -> whole sink: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "401 | security_exception              | true",
                "403 | security_exception              | true",
                "403 | cluster_block_exception         | false",
                "429 | es_rejected_execution_exception | false",
                "500 | internal_server_error           | false",
                "502 | ''                              | false",
                "503 | unavailable_shards_exception    | false",
                "404 | index_not_found_exception       | false",
            })
    void credentialsAndPrivilegesFailTheSinkOverloadAndOutagesAreRetried(int status, String type, boolean whole) {
        String body = "method [POST], host [" + HOSTS.get(0) + "], URI [/_bulk], status line [HTTP/1.1 " + status
                + "]\n{\"error\":{\"type\":\"" + type + "\"},\"status\":" + status + "}";
        assertThat(WholeSinkFailure.ofStatus(status, body, HOSTS).isPresent()).isEqualTo(whole);
    }

    @Test
    void saysWhatToFix() {
        assertThat(WholeSinkFailure.ofStatus(401, "", HOSTS))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Elasticsearch at [https://es:9200] refused the sink's credentials (HTTP 401)")
                        .contains("--es.api-key-file"));
        assertThat(WholeSinkFailure.ofStatus(403, "security_exception", HOSTS))
                .hasValueSatisfying(reason -> assertThat(reason).contains("grant create_doc"));
    }

    @Test
    void aRefusedCertificateFailsTheSinkARefusedConnectionDoesNot() {
        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertificateExpiredException("NotAfter: Tue Nov 24 10:00:00 UTC 2026"));
        assertThat(WholeSinkFailure.of(expired, HOSTS))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .isEqualTo("TLS with Elasticsearch failed: [https://es:9200] presents an expired certificate"
                                + " (NotAfter: Tue Nov 24 10:00:00 UTC 2026); fix --es.ca-file or the server's"
                                + " certificate"));
        assertThat(WholeSinkFailure.of(new ConnectException("Connection refused"), HOSTS))
                .isEmpty();
        assertThat(WholeSinkFailure.of(new IOException("Connection reset by peer"), HOSTS))
                .isEmpty();
        assertThat(WholeSinkFailure.of(new SSLHandshakeException("Remote host terminated the handshake"), HOSTS))
                .as("a server going down mid-handshake is an outage")
                .isEmpty();
    }
}
