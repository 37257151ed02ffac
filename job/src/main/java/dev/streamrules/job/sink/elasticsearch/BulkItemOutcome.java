package dev.streamrules.job.sink.elasticsearch;

/** What the sink does with one item of a bulk response. */
public enum BulkItemOutcome {
    /** 2xx: the document was created. */
    CREATED,
    /** 409 on {@code create}: a document with this id exists, i.e. written before (a replay). Success. */
    ALREADY_PRESENT,
    /** Worth another try after a backoff: overload (429), timeouts, server errors, cluster conditions. */
    RETRY,
    /** The document itself is refused (mapping or parse error): retrying cannot help, so it is handed over. */
    REJECT,
    /**
     * The sink's credentials (401) or privileges (403) are refused: no alert can be written until an
     * operator fixes them, so the job fails (the restart budget then ends it, with the reason in its
     * exceptions, and its retained checkpoint still holds every unwritten alert) instead of retrying forever.
     */
    FAIL_SINK;

    /** A 403 that is an index block (read-only), not a refused credential. */
    static final String CLUSTER_BLOCK = "cluster_block_exception";

    /**
     * The decision table. Only a 400 means "this document is wrong" (mapper_parsing_exception,
     * document_parsing_exception, strict_dynamic_mapping_exception, too many fields, an invalid id…),
     * except {@code index_closed_exception}, which clears when the index is reopened. 401 and 403 are the
     * whole sink's ({@link #FAIL_SINK}), except a 403 {@code cluster_block_exception} (an index made
     * read-only), which clears when the block is lifted. Every other failure (404 missing index with auto-creation off,
     * 408, 429, 5xx, or an unknown status) concerns the cluster's state, not the alert, and is retried
     * so that no alert is lost while it passes.
     */
    public static BulkItemOutcome classify(int status, String errorType) {
        if (status >= 200 && status < 300) {
            return CREATED;
        }
        if (status == 409) {
            return ALREADY_PRESENT;
        }
        if (status == 400) {
            return "index_closed_exception".equals(errorType) ? RETRY : REJECT;
        }
        if (status == 401 || (status == 403 && !CLUSTER_BLOCK.equals(errorType))) {
            return FAIL_SINK;
        }
        return RETRY;
    }
}
