package dev.streamrules.job.preflight;

/**
 * Thrown out of {@code main} instead of {@code System.exit} when the program runs inside a Flink
 * client (the JobManager's REST handler, {@code flink run}): Flink forbids exiting its JVM, but it
 * puts the message of an exception from {@code main} into the REST answer and its log.
 */
public final class JobStartRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public JobStartRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The exit status the program would have had on its own: 2 configuration, 1 job failure. */
    public int status() {
        return status;
    }
}
