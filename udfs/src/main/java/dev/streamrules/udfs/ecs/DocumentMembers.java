package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The members of a JSON object document as slices of its text, for a document that
 * {@link NormalizedDocument} would return unchanged: valid JSON under the same limits, an object, and
 * no dotted or blank key at any depth. Building an alert copies the source event's members as text
 * through this instead of building its tree and printing it again (two thirds of an alert's cost);
 * {@link #of} says {@code null} for every other document, whose alert takes the tree.
 *
 * <p>A slice is the member's value exactly as the document spells it (escapes and number forms
 * included), so it is the same JSON value as the tree's, not always the same characters.
 */
public final class DocumentMembers {

    private final String text;
    private String[] names = new String[32];
    private int[] bounds = new int[64];
    private int count;

    DocumentMembers(String text) {
        this.text = text;
    }

    /**
     * The top-level members of an event's document ({@link EcsEvent#getPayload()}), or {@code null}
     * when it needs the tree. Only for documents the parser accepted, which are valid JSON objects
     * without duplicate keys: this one steps over the text without checking it again, where {@link
     * #of} reads it with Jackson. Both give the same answer, except that a key spelled with an escape
     * sends the document to the tree here.
     */
    public static DocumentMembers ofAccepted(byte[] payload) {
        return new AcceptedScan(new String(payload, StandardCharsets.UTF_8)).members();
    }

    /** The top-level members of any text, or {@code null} when it is invalid or needs the tree (see above). */
    public static DocumentMembers of(String json) {
        DocumentMembers members = new DocumentMembers(json);
        try (JsonParser parser = NormalizedDocument.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !members.readObject(parser)) {
                return null;
            }
            // Trailing content makes the document invalid, as for the tree's reader.
            return parser.nextToken() == null ? members : null;
        } catch (IOException e) {
            return null; // invalid: the tree's reader says why
        }
    }

    public boolean isObject(int index) {
        return text.charAt(start(index)) == '{';
    }

    /** The members of member {@code index}'s value, which must be an object ({@link #isObject}). */
    public DocumentMembers object(int index) {
        if (!isObject(index)) {
            throw new IllegalArgumentException("member " + names[index] + " is not an object");
        }
        // Part of a document checked already: no need to check it again.
        return new AcceptedScan(text.substring(start(index), end(index))).members();
    }

    public int size() {
        return count;
    }

    public String name(int index) {
        return names[index];
    }

    /** Where member {@code index}'s value starts in {@link #text()}. */
    public int start(int index) {
        return bounds[2 * index];
    }

    /** Where member {@code index}'s value ends in {@link #text()} (exclusive). */
    public int end(int index) {
        return bounds[2 * index + 1];
    }

    /** The member's index, or -1. Documents have a few dozen top-level members at most. */
    public int indexOf(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The whole document's text, which the slices index. */
    public String text() {
        return text;
    }

    /** Reads the members up to the object's end; false when a key at any depth needs normalizing. */
    private boolean readObject(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!plain(name)) {
                return false;
            }
            JsonToken value = parser.nextToken();
            int start = (int) parser.currentTokenLocation().getCharOffset();
            if (value.isStructStart() ? !plainValue(parser) : !finish(parser, value)) {
                return false;
            }
            add(name, start, (int) parser.currentLocation().getCharOffset());
        }
        return token == JsonToken.END_OBJECT;
    }

    /** Skips a container's tokens, checking every key in it. */
    private static boolean plainValue(JsonParser parser) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME && !plain(parser.currentName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a scalar to its end, so that the parser's location is just past it: the parser reads a
     * string's characters only when asked.
     */
    private static boolean finish(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            parser.getTextLength();
        }
        return value.isScalarValue();
    }

    /** A key the tree keeps as it is: not blank, no dot (which the tree expands into objects). */
    static boolean plain(String key) {
        return plain(key, 0, key.length());
    }

    /** {@link #plain(String)} for the key {@code text[from, to)}, without copying it. */
    static boolean plain(CharSequence text, int from, int to) {
        boolean blank = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                return false;
            }
            blank &= Character.isWhitespace(c);
        }
        return !blank;
    }

    void add(String name, int start, int end) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            bounds = Arrays.copyOf(bounds, count * 4);
        }
        names[count] = name;
        bounds[2 * count] = start;
        bounds[2 * count + 1] = end;
        count++;
    }
}
