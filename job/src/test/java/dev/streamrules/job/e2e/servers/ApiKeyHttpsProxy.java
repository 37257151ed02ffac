package dev.streamrules.job.e2e.servers;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Elasticsearch's secured front, for a node built without the security module: a TLS-terminating
 * reverse proxy (the JDK's {@link HttpsServer}) that forwards to the plain node only requests carrying
 * {@code Authorization: ApiKey <key>}, and answers any other with the 401 Elasticsearch with security
 * gives ({@code security_exception}, {@code WWW-Authenticate: ApiKey}). Started and stopped by
 * {@link ElasticsearchNode#withHttpsFront}.
 */
final class ApiKeyHttpsProxy implements AutoCloseable {

    /** Set by the JDK's HTTP client itself, or meaningful for one hop only. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "authorization", "transfer-encoding");

    private static final byte[] UNAUTHORIZED = ("{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
                    + "\"reason\":\"unable to authenticate with provided credentials and anonymous access is not"
                    + " allowed for this request\"}],\"type\":\"security_exception\",\"reason\":\"unable to"
                    + " authenticate with provided credentials and anonymous access is not allowed for this"
                    + " request\"},\"status\":401}")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpsServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final String target;
    private final String expectedAuthorization;
    private final AtomicInteger refused = new AtomicInteger();

    private ApiKeyHttpsProxy(HttpsServer server, ExecutorService executor, String target, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.target = target;
        this.expectedAuthorization = "ApiKey " + apiKey;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** Serves https on a free loopback port with {@code identity}, forwarding to {@code target} ({@code http://…}). */
    static ApiKeyHttpsProxy start(PrivateCa.ServerIdentity identity, String target, String apiKey) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext(identity)));
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "es-https-proxy");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            ApiKeyHttpsProxy proxy = new ApiKeyHttpsProxy(server, executor, target, apiKey);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://127.0.0.1:<port>}. */
    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests answered 401 so far. */
    int refusedRequests() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "ApiKey");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
                respond(exchange, 401, UNAUTHORIZED);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange);
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            respond(exchange, answer.statusCode(), answer.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(target + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        Headers headers = exchange.getRequestHeaders();
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static SSLContext sslContext(PrivateCa.ServerIdentity identity) {
        try (InputStream in = Files.newInputStream(identity.keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = identity.password().toCharArray();
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), null, null);
            return ssl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + identity.keyStore() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
