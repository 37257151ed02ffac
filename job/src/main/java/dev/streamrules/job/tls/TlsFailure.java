package dev.streamrules.job.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a TLS handshake refused the server's certificate, found in an exception's causes, in words an
 * operator acts on: the certificate expired (renew it), is not signed by a trusted CA (give the right
 * CA file), or does not name the host (use a name it has). Kafka's and Elasticsearch's clients wrap
 * the JDK's reasons differently; both keep them among the causes.
 */
public final class TlsFailure {

    /** What is wrong with the server's certificate. */
    public enum Kind {
        EXPIRED,
        NOT_YET_VALID,
        UNTRUSTED,
        WRONG_HOST
    }

    private final Kind kind;
    private final String detail;

    private TlsFailure(Kind kind, String detail) {
        this.kind = kind;
        this.detail = detail;
    }

    /** The certificate problem behind {@code failure}, or empty when it is not one (e.g. a refused connection). */
    public static Optional<TlsFailure> of(Throwable failure) {
        Kind found = null;
        String detail = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = kindOf(t);
            // the most specific reason wins: an expired certificate also fails the path validation
            if (kind != null && (found == null || kind.ordinal() < found.ordinal())) {
                found = kind;
                detail = t.getMessage();
            }
        }
        return found == null ? Optional.empty() : Optional.of(new TlsFailure(found, detail));
    }

    private static Kind kindOf(Throwable t) {
        if (t instanceof CertificateExpiredException) {
            return Kind.EXPIRED;
        }
        if (t instanceof CertificateNotYetValidException) {
            return Kind.NOT_YET_VALID;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof SSLPeerUnverifiedException
                || message.contains("no subject alternative")
                || message.contains("no name matching")
                || message.contains("doesn't match any of the subject alternative names")) {
            return Kind.WRONG_HOST;
        }
        if (t instanceof CertPathBuilderException
                || t instanceof CertPathValidatorException
                || message.contains("unable to find valid certification path")) {
            return Kind.UNTRUSTED;
        }
        return null;
    }

    public Kind kind() {
        return kind;
    }

    /** One line: what is wrong, with the JDK's detail (e.g. the expiry date). */
    public String describe(String server) {
        String because = detail == null ? "" : " (" + detail.replace('\n', ' ') + ")";
        switch (kind) {
            case EXPIRED:
                return server + " presents an expired certificate" + because;
            case NOT_YET_VALID:
                return server + " presents a certificate that is not valid yet" + because;
            case WRONG_HOST:
                return server + " presents a certificate for another host name" + because;
            default:
                return server + " presents a certificate no trusted CA signed" + because;
        }
    }
}
