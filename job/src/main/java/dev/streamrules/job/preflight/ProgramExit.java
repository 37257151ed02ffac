package dev.streamrules.job.preflight;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the program with an exit status and a message that reaches the person who started it: on its
 * own (the local jar) the message goes to stderr and the JVM exits with the status; inside a Flink
 * client, where exiting is not allowed ("Flink user code attempted to exit JVM"), it is logged and
 * thrown as a {@link JobStartRefusedException}, which Flink reports in the REST answer.
 */
public final class ProgramExit {

    private static final Logger LOG = LoggerFactory.getLogger(ProgramExit.class);
    private static final String CONTEXT_ENVIRONMENT = "org.apache.flink.client.program.StreamContextEnvironment";

    private ProgramExit() {}

    /** Prints or throws {@code message} (lines), then exits with {@code status}; never returns normally. */
    public static RuntimeException fail(int status, String message) {
        if (insideFlinkClient()) {
            LOG.error("{}", message);
            throw new JobStartRefusedException(status, message);
        }
        System.err.println(message);
        System.err.flush();
        System.exit(status);
        return new IllegalStateException("unreachable");
    }

    /** True when {@code main} was called by a Flink client (REST submission or {@code flink run}). */
    static boolean insideFlinkClient() {
        try {
            Class<?> context = Class.forName(CONTEXT_ENVIRONMENT, false, ProgramExit.class.getClassLoader());
            return context.isInstance(StreamExecutionEnvironment.getExecutionEnvironment());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
