package dev.streamrules.tools.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert documents counted per source event ({@code kibana.alert.original_event.id}). A correct
 * exactly-once pipeline leaves exactly one document per expected event and none for other events;
 * {@link #duplicates()} counts the documents beyond the first for each source event.
 */
public final class AlertTally {

    /** Key for documents that carry no source event id (they can never match an expected event). */
    static final String NO_EVENT_ID = "";

    private final Map<String, Set<String>> docsByEvent = new HashMap<>();
    private int documents;

    /** Counts one document; the same document id twice counts once (a re-read, not a duplicate). */
    public void add(String sourceEventId, String documentId) {
        String key = sourceEventId == null ? NO_EVENT_ID : sourceEventId;
        if (docsByEvent.computeIfAbsent(key, k -> new HashSet<>()).add(documentId)) {
            documents++;
        }
    }

    /** Distinct documents counted. */
    public int documents() {
        return documents;
    }

    /** Documents beyond one per source event id (documents without an event id all count as extra but one). */
    public int duplicates() {
        int extra = 0;
        for (Set<String> docs : docsByEvent.values()) {
            extra += docs.size() - 1;
        }
        return extra;
    }

    /** Expected source events with no document, sorted. */
    public List<String> missing(Collection<String> expected) {
        List<String> out = new ArrayList<>();
        for (String id : new TreeSet<>(expected)) {
            if (!docsByEvent.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Source events with a document that were not expected, sorted. */
    public List<String> unexpected(Collection<String> expected) {
        Set<String> want = expected instanceof Set<String> s ? s : new HashSet<>(expected);
        List<String> out = new ArrayList<>();
        for (String id : new TreeSet<>(docsByEvent.keySet())) {
            if (!want.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** {@code alerts: X in Elasticsearch, Y expected, Z duplicates}. */
    public String line(String where, int expected) {
        return "alerts: " + documents + " in " + where + ", " + expected + " expected, " + duplicates() + " duplicates";
    }

    /** True when every expected event has exactly one document and there is no other document. */
    public boolean exactly(Collection<String> expected) {
        return documents == expected.size()
                && duplicates() == 0
                && missing(expected).isEmpty();
    }
}
