package dev.streamrules.udfs.ecs;

import java.nio.charset.StandardCharsets;

/**
 * Finds a record's {@code host.id} in its bytes without parsing the document, so that records can
 * be partitioned by host before they are parsed: every subtask then parses its own hosts, and each
 * host's records stay in the order one source split read them (the process tree needs that order).
 *
 * <p>The scan walks the whole top-level object (strings, brackets and braces of nested values are
 * stepped over, not decoded) and answers only when it found exactly one {@code "host": {"id": "..."}}
 * or {@code "host.id": "..."}, key and value plain strings without escapes, or none at all. That
 * is the one value {@link EcsEventParser} collects for {@code host.id}, so for every valid event the
 * scan gives the event's host id (the parser keys an event with several values by no host, and a
 * record routed by another key would fail the job). For any other shape (a second {@code host}
 * key, escapes, an array or number under {@code host.id}, a document that is not an object) the
 * scan does not guess: it answers {@code null} and the caller parses.
 */
public final class HostIdScan {

    /** What {@link #scan} answers when the document has no {@code host.id}: the event is keyed by no host. */
    public static final String NO_HOST = EcsEvent.NO_HOST;

    private static final byte[] HOST = "host".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST_ID = "host.id".getBytes(StandardCharsets.US_ASCII);

    private static final int MEMBER = 0;
    private static final int END = 1;
    private static final int MALFORMED = 2;

    private final byte[] b;
    private final int n;
    private int i;
    private boolean escaped;
    private String hostId;

    private HostIdScan(byte[] bytes) {
        this.b = bytes;
        this.n = bytes.length;
    }

    /**
     * The document's {@code host.id}, {@link #NO_HOST} when a complete scan found none, or
     * {@code null} when the scan cannot tell (then only a parse can).
     */
    public static String scan(byte[] bytes) {
        return bytes == null ? NO_HOST : new HostIdScan(bytes).topLevel();
    }

    private String topLevel() {
        skipWhitespace();
        if (i >= n || b[i] != '{') {
            return null;
        }
        String found = null;
        int more = openObject();
        while (more == MEMBER) {
            int keyStart = i + 1;
            int keyEnd = string();
            if (keyEnd < 0 || escaped || !colon()) {
                return null; // an escaped key may spell "host"
            }
            boolean host = is(keyStart, keyEnd, HOST);
            String value = null;
            if (is(keyStart, keyEnd, HOST_ID)) {
                value = plainString();
                if (value == null) {
                    return null;
                }
            } else if (host && b[i] == '{') {
                if (!hostObject()) {
                    return null;
                }
                value = hostId;
            } else if (host && b[i] == '[') {
                return null; // host.id inside an array of objects: let the parser decide
            } else if (!skipValue()) {
                return null;
            }
            if (value != null) {
                if (found != null) {
                    return null; // a second host.id: several values key the event by no host
                }
                found = value;
            }
            more = nextMember();
        }
        if (more != END) {
            return null;
        }
        return found == null ? NO_HOST : found;
    }

    /**
     * Inside {@code "host": {...}}, read to its end: true when it decided, with {@link #hostId} the
     * plain {@code id} or {@code null} when the object has none; false when unsure (escapes, a
     * non-string id, malformed).
     */
    private boolean hostObject() {
        hostId = null;
        boolean seen = false;
        int more = openObject();
        while (more == MEMBER) {
            int keyStart = i + 1;
            int keyEnd = string();
            if (keyEnd < 0 || escaped || !colon()) {
                return false;
            }
            if (is(keyStart, keyEnd, ID)) {
                hostId = seen ? null : plainString();
                if (hostId == null) {
                    return false;
                }
                seen = true;
            } else if (!skipValue()) {
                return false;
            }
            more = nextMember();
        }
        return more == END;
    }

    /** Steps into the object at {@code i}: {@link #END} when it is empty, else {@link #MEMBER}. */
    private int openObject() {
        i++;
        skipWhitespace();
        if (i < n && b[i] == '}') {
            i++;
            return END;
        }
        return MEMBER;
    }

    /** After a member's value: {@link #MEMBER} (on the next key), {@link #END} (after the brace), or MALFORMED. */
    private int nextMember() {
        skipWhitespace();
        if (i >= n) {
            return MALFORMED;
        }
        if (b[i] == '}') {
            i++;
            return END;
        }
        if (b[i] != ',') {
            return MALFORMED;
        }
        i++;
        skipWhitespace();
        return MEMBER;
    }

    /** The string value at {@code i} when it has no escapes; {@code null} for anything else. */
    private String plainString() {
        int start = i + 1;
        int end = string();
        if (end < 0 || escaped) {
            return null;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Steps over the string starting at {@code i} (which must be a quote); returns the index of its
     * closing quote, or -1. Sets {@link #escaped} when it held a backslash; {@code i} ends after it.
     */
    private int string() {
        if (i >= n || b[i] != '"') {
            return -1;
        }
        escaped = false;
        int j = i + 1;
        while (j < n) {
            j = JsonWords.plainTextEnd(b, j, n);
            if (j >= n) {
                break;
            }
            byte c = b[j];
            if (c == '"') {
                i = j + 1;
                return j;
            }
            if (c == '\\') {
                escaped = true;
                j += 2;
            } else {
                j++;
            }
        }
        return -1;
    }

    /** Expects a colon after a key; leaves {@code i} on the value. */
    private boolean colon() {
        skipWhitespace();
        if (i >= n || b[i] != ':') {
            return false;
        }
        i++;
        skipWhitespace();
        return i < n;
    }

    /** Steps over one value (object, array, string or scalar) without decoding it. */
    private boolean skipValue() {
        byte c = b[i];
        if (c == '"') {
            return string() >= 0;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < n) {
                c = b[i];
                if (c == '"') {
                    if (string() < 0) {
                        return false;
                    }
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        i++;
                        return true;
                    }
                }
                i++;
            }
            return false;
        }
        while (i < n && b[i] != ',' && b[i] != '}' && b[i] != ']' && !whitespace(b[i])) {
            i++;
        }
        return true;
    }

    private boolean is(int start, int end, byte[] key) {
        if (end - start != key.length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (b[start + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    private void skipWhitespace() {
        while (i < n && whitespace(b[i])) {
            i++;
        }
    }

    private static boolean whitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
