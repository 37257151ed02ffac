package dev.streamrules.job.sink.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One buffered {@code create} operation: the alert's deterministic id, its JSON document as UTF-8
 * bytes (one line: line breaks, which valid JSON only has between tokens, become spaces) and how
 * many times it has been retried. This is what the writer buffers and what its checkpointed state holds.
 */
public final class BulkCreate implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Bytes of the action line around the id: {@code {"create":{"_index":"…","_id":"…"}}} and two newlines. */
    static final int ACTION_OVERHEAD_BYTES = 64;

    private final String id;
    private final byte[] document;
    private final int attempt;

    BulkCreate(String id, byte[] document, int attempt) {
        this.id = Objects.requireNonNull(id, "id");
        this.document = Objects.requireNonNull(document, "document");
        this.attempt = attempt;
    }

    /** The entry for an alert: its document on a single line, attempt 0. */
    static BulkCreate of(String id, String documentJson) {
        return new BulkCreate(id, singleLine(documentJson).getBytes(StandardCharsets.UTF_8), 0);
    }

    /**
     * The document without CR/LF, so it fits one NDJSON line. In valid JSON they can only be
     * whitespace between tokens (inside strings they must be escaped), so this changes no value;
     * invalid JSON stays invalid and Elasticsearch rejects that one item.
     */
    static String singleLine(String json) {
        String s = json.strip();
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    public String id() {
        return id;
    }

    byte[] document() {
        return document;
    }

    public String documentAsString() {
        return new String(document, StandardCharsets.UTF_8);
    }

    /** Retries so far: 0 for the first attempt. */
    public int attempt() {
        return attempt;
    }

    BulkCreate nextAttempt() {
        return new BulkCreate(id, document, attempt + 1);
    }

    /** Approximate bytes this operation adds to a bulk request (for batch and record size limits). */
    long sizeInBytes() {
        return document.length + id.length() + ACTION_OVERHEAD_BYTES;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BulkCreate)) {
            return false;
        }
        BulkCreate that = (BulkCreate) o;
        return attempt == that.attempt && id.equals(that.id) && Arrays.equals(document, that.document);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "BulkCreate{" + id + ", " + document.length + " bytes, attempt " + attempt + "}";
    }
}
