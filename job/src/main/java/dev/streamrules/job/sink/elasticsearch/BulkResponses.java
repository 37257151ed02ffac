package dev.streamrules.job.sink.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reading a bulk response and sorting its items into the sink's outcomes; pure functions. */
final class BulkResponses {

    /** Keeps responses small: per item only the id, status and error. */
    static final String FILTER_PATH = "errors,items.*._id,items.*.status,items.*.error.type,items.*.error.reason,"
            + "items.*.error.caused_by.type,items.*.error.caused_by.reason";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkResponses() {}

    /** One item of a bulk response. {@code errorType}/{@code reason} are null on success. */
    static final class Item {
        final String id;
        final int status;
        final String errorType;
        final String reason;

        Item(String id, int status, String errorType, String reason) {
            this.id = id;
            this.status = status;
            this.errorType = errorType;
            this.reason = reason;
        }

        @Override
        public String toString() {
            return id + ":" + status + (errorType == null ? "" : " " + errorType + ": " + reason);
        }
    }

    /** The items of a bulk response body, in request order. */
    static List<Item> parse(InputStream body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("bulk response is not a JSON object");
        }
        JsonNode items = root.get("items");
        if (items == null || items.isNull()) {
            // filter_path drops "items" altogether when the request had none
            return Collections.emptyList();
        }
        if (!items.isArray()) {
            throw new IOException("bulk response has no items array");
        }
        List<Item> out = new ArrayList<>(items.size());
        for (JsonNode wrapper : items) {
            // each item is {"<op>": {...}}; take the single field whatever the operation is called
            JsonNode item = wrapper.isObject() && wrapper.size() == 1
                    ? wrapper.elements().next()
                    : null;
            if (item == null || !item.isObject()) {
                throw new IOException("unexpected bulk response item: " + wrapper);
            }
            JsonNode error = item.get("error");
            String type = null;
            String reason = null;
            if (error != null && error.isObject()) {
                type = text(error.get("type"));
                reason = text(error.get("reason"));
                JsonNode cause = error.get("caused_by");
                if (cause != null && cause.isObject()) {
                    String causeReason = text(cause.get("reason"));
                    reason = (reason == null ? "" : reason + " ") + "(caused by " + text(cause.get("type"))
                            + (causeReason == null ? "" : ": " + causeReason) + ")";
                }
            } else if (error != null && !error.isNull()) {
                type = "error";
                reason = error.asText();
            }
            out.add(new Item(text(item.get("_id")), item.path("status").asInt(0), type, reason));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A rejected operation with Elasticsearch's reason. */
    static final class Rejection {
        final BulkCreate entry;
        final int status;
        final String errorType;
        final String reason;

        Rejection(BulkCreate entry, int status, String errorType, String reason) {
            this.entry = entry;
            this.status = status;
            this.errorType = errorType;
            this.reason = reason;
        }
    }

    /** A bulk response sorted by outcome. */
    static final class Sorted {
        int created;
        int alreadyPresent;
        final List<BulkCreate> retry = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();
        /** Items refused with 429 (the cluster's write pool is full): the sign of an overloaded cluster. */
        int throttled;
        /** One retry reason to log, e.g. {@code 429 es_rejected_execution_exception: …}. */
        String retryReason;
        /** Why the whole sink cannot go on (an item refused with 401 or 403), or null. */
        String sinkFailure;
    }

    /**
     * Pairs the sent operations with the response items (same order, as Elasticsearch guarantees)
     * and sorts them. A response that does not match the request item for item is not trusted: every
     * operation is retried (a repeated {@code create} is harmless).
     */
    static Sorted sort(List<BulkCreate> sent, List<Item> items) {
        Sorted sorted = new Sorted();
        if (!matches(sent, items)) {
            sorted.retry.addAll(sent);
            sorted.retryReason =
                    "bulk response has " + items.size() + " items for " + sent.size() + " operations, or other ids";
            return sorted;
        }
        for (int i = 0; i < sent.size(); i++) {
            BulkCreate entry = sent.get(i);
            Item item = items.get(i);
            switch (BulkItemOutcome.classify(item.status, item.errorType)) {
                case CREATED:
                    sorted.created++;
                    break;
                case ALREADY_PRESENT:
                    sorted.alreadyPresent++;
                    break;
                case REJECT:
                    sorted.rejected.add(new Rejection(entry, item.status, item.errorType, item.reason));
                    break;
                case FAIL_SINK:
                    if (sorted.sinkFailure == null) {
                        sorted.sinkFailure = "Elasticsearch refused to let the sink's credentials create an alert"
                                + " (HTTP " + item.status + " " + item.errorType + ": " + item.reason + ")";
                    }
                    sorted.retry.add(entry);
                    break;
                default:
                    sorted.retry.add(entry);
                    if (item.status == 429) {
                        sorted.throttled++;
                    }
                    if (sorted.retryReason == null) {
                        sorted.retryReason = item.status + " " + item.errorType + ": " + item.reason;
                    }
            }
        }
        return sorted;
    }

    private static boolean matches(List<BulkCreate> sent, List<Item> items) {
        if (sent.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < sent.size(); i++) {
            String id = items.get(i).id;
            if (id != null && !id.equals(sent.get(i).id())) {
                return false;
            }
        }
        return true;
    }
}
