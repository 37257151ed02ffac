package dev.streamrules.job.sink.elasticsearch;

/**
 * An alert that will not be written: Elasticsearch refused the document (e.g. a mapping error), or
 * the sink could not send it at all (no id, no document, too large). Carries the reason verbatim.
 */
public final class RejectedAlert {

    /** {@link #status()} of an alert the sink refused before sending it. */
    public static final int NOT_SENT = 0;

    private final String id;
    private final String index;
    private final String document;
    private final int status;
    private final String errorType;
    private final String reason;

    public RejectedAlert(String id, String index, String document, int status, String errorType, String reason) {
        this.id = id;
        this.index = index;
        this.document = document;
        this.status = status;
        this.errorType = errorType;
        this.reason = reason;
    }

    /** The alert's id (its {@code _id}); may be null when that is why it was rejected. */
    public String id() {
        return id;
    }

    public String index() {
        return index;
    }

    /** The alert document as the sink would have sent it. */
    public String document() {
        return document;
    }

    /** HTTP status of the bulk item, or {@link #NOT_SENT}. */
    public int status() {
        return status;
    }

    /** Elasticsearch's error type, e.g. {@code document_parsing_exception}, or the sink's own. */
    public String errorType() {
        return errorType;
    }

    /** Elasticsearch's reason (with its cause), or the sink's. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "RejectedAlert{" + id + ", index=" + index + ", status=" + status + ", " + errorType + ": " + reason
                + "}";
    }
}
