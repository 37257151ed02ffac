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
    REJECT;

    /**
     * The decision table. Only a 400 means "this document is wrong" (mapper_parsing_exception,
     * document_parsing_exception, strict_dynamic_mapping_exception, too many fields, an invalid id…),
     * except {@code index_closed_exception}, which clears when the index is reopened. Every other
     * failure (401/403 credentials or privileges, 404 missing index with auto-creation off, 408, 429,
     * 5xx, or an unknown status) concerns the cluster or its configuration, not the alert, and is
     * retried so that no alert is lost while an operator fixes it.
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
        return RETRY;
    }
}
