package dev.streamrules.job.sink.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Node;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the low-level REST client from the sink's settings: hosts, authentication, TLS, timeouts. */
public final class RestClients {

    private static final Logger LOG = LoggerFactory.getLogger(RestClients.class);

    private RestClients() {}

    /** A client for {@code settings}; reads secrets and the CA file now (so call it where it will be used). */
    public static RestClient create(ElasticsearchSinkSettings settings) {
        HttpHost[] hosts = settings.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setDefaultHeaders(authHeaders(settings).toArray(new Header[0]))
                .setRequestConfigCallback(config -> config.setConnectTimeout(
                                (int) settings.connectTimeout().toMillis())
                        .setSocketTimeout((int) settings.requestTimeout().toMillis()))
                .setFailureListener(new RestClient.FailureListener() {
                    @Override
                    public void onFailure(Node node) {
                        LOG.debug(
                                "Elasticsearch node {} failed; the client avoids it until it recovers", node.getHost());
                    }
                });
        if (settings.usesHttps()) {
            SSLContext ssl = sslContext(settings);
            boolean insecure = settings.insecureSkipVerify();
            builder.setHttpClientConfigCallback(http -> {
                http.setSSLContext(ssl);
                if (insecure) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return http;
            });
        }
        return builder.build();
    }

    static List<Header> authHeaders(ElasticsearchSinkSettings settings) {
        List<Header> headers = new ArrayList<>();
        if (settings.apiKey() != null) {
            headers.add(new BasicHeader(
                    "Authorization", "ApiKey " + settings.apiKey().resolve()));
        } else if (settings.username() != null) {
            String pair = settings.username() + ":" + settings.password().resolve();
            headers.add(new BasicHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        return headers;
    }

    static SSLContext sslContext(ElasticsearchSinkSettings settings) {
        try {
            if (settings.insecureSkipVerify()) {
                LOG.warn(
                        "TLS certificate and host name verification is OFF for Elasticsearch {} "
                                + "(insecureSkipVerify): for local testing only",
                        settings.hosts());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                return ctx;
            }
            if (settings.caCertificateFile() == null) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(Path.of(settings.caCertificateFile())));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
        }
    }

    /** A trust store holding every certificate of a PEM (or DER) file. */
    static KeyStore trustStore(Path pemFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CA certificate file " + pemFile + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "CA certificate file " + pemFile + " holds no valid certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("CA certificate file " + pemFile + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** Trusts every certificate: {@code insecureSkipVerify} only. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
