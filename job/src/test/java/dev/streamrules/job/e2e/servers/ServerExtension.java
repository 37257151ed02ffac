package dev.streamrules.job.e2e.servers;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle every real server of the tests shares ({@link KafkaBroker}, {@link ElasticsearchNode},
 * {@link FlinkSessionCluster}): used either as an extension, started in {@code beforeAll} and closed in
 * {@code afterAll} ({@code @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();}), or
 * started at once with {@link #launch} in a try-with-resources block. Starting a running server does
 * nothing; closing stops it and deletes its data, the logs stay under {@code target/e2e-servers}.
 */
public abstract class ServerExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Starts {@code server} now and returns it. */
    public static <S extends ServerExtension> S launch(S server) {
        server.start();
        return server;
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server and waits until it serves; does nothing when it is running. */
    public final synchronized void start() {
        if (!isStarted()) {
            startServer();
        }
    }

    /** Started and not closed (or stopped) since. */
    protected abstract boolean isStarted();

    /** Starts the processes and waits until they serve. */
    protected abstract void startServer();

    /** Stops the processes and deletes the server's data. */
    @Override
    public abstract void close();
}
