package dev.streamrules.job.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/** The JDK's refusals, wrapped the way Kafka's and Elasticsearch's clients wrap them. */
class TlsFailureTest {

    @Test
    void anExpiredCertificateIsExpiredThoughThePathValidationFailsToo() {
        Throwable failure = wrapped(new CertPathValidatorException(
                "validity check failed", new CertificateExpiredException("NotAfter: Tue Nov 24 10:00:00 UTC 2026")));
        TlsFailure tls = TlsFailure.of(failure).orElseThrow();
        assertThat(tls.kind()).isEqualTo(TlsFailure.Kind.EXPIRED);
        assertThat(tls.describe("Kafka at 127.0.0.1:9093"))
                .isEqualTo("Kafka at 127.0.0.1:9093 presents an expired certificate"
                        + " (NotAfter: Tue Nov 24 10:00:00 UTC 2026)");
    }

    @Test
    void anUnknownCaIsUntrusted() {
        Throwable failure = wrapped(new CertificateException("PKIX path building failed:"
                + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification"
                + " path to requested target"));
        assertThat(TlsFailure.of(failure).orElseThrow().kind()).isEqualTo(TlsFailure.Kind.UNTRUSTED);
    }

    @Test
    void aCertificateForAnotherNameIsTheWrongHost() {
        assertThat(TlsFailure.of(wrapped(new CertificateException(
                                "No subject alternative names matching IP address 10.0.0.1 found")))
                        .orElseThrow()
                        .kind())
                .isEqualTo(TlsFailure.Kind.WRONG_HOST);
        assertThat(TlsFailure.of(new SSLPeerUnverifiedException(
                                "Certificate for <es> doesn't match any of the subject alternative names: [other]"))
                        .orElseThrow()
                        .kind())
                .isEqualTo(TlsFailure.Kind.WRONG_HOST);
    }

    @Test
    void otherFailuresAreNoCertificateProblem() {
        assertThat(TlsFailure.of(new ConnectException("Connection refused"))).isEmpty();
        assertThat(TlsFailure.of(new SSLHandshakeException("Remote host terminated the handshake")))
                .isEmpty();
    }

    /** As Kafka's client reports it: SslAuthenticationException ← SSLHandshakeException ← the JDK's reason. */
    private static Throwable wrapped(Exception reason) {
        SSLHandshakeException handshake = new SSLHandshakeException(reason.getMessage());
        handshake.initCause(reason);
        return new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed", handshake);
    }
}
