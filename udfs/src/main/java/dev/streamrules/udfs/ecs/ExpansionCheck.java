package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import java.io.IOException;

/**
 * A streaming pass that tells, for a document with dotted keys, whether {@link NormalizedDocument}
 * certainly finds it valid, without building the tree or its expansion. It answers only "certainly
 * valid" or "cannot tell": documents it cannot vouch for go to {@link NormalizedDocument#problem},
 * which stays the one source of verdicts and reasons, so the check may be stricter than the expansion
 * but never more lenient.
 *
 * <p>Why each answer is safe, by the problems the expansion reports:
 *
 * <ul>
 *   <li>duplicate keys: every object's keys, as Jackson's strict detection compares them ({@link
 *       ObjectKeys});
 *   <li>empty key segments: any blank segment of any key (the expansion splits every key);
 *   <li>a path that is both a value and an object: the expansion throws only where one path (arrays
 *       transparent) holds an object, or the implied object of a dotted key's prefix, and a non-null
 *       scalar. Each expanded path's fingerprint records which of the two it has seen; a path with
 *       both is not vouched for (an array mixing both, which the expansion may accept, or a
 *       fingerprint collision, only cost a slow path);
 *   <li>nesting after expansion: a bound that counts two levels per extra key segment (the segment,
 *       and the array element the expansion adds when the path continues in an array of objects)
 *       and one per object or array, checked for every value, nulls and scalars too (merging two
 *       spellings of a leaf makes an array at its level).
 * </ul>
 *
 * <p>What the expansion rejects before it expands (invalid JSON, trailing tokens, a root that is not
 * an object, raw nesting beyond the limit, which the bound includes) makes Jackson throw or the check
 * answer false. The input must be valid UTF-8, which the parser checks first. Not thread-safe: one
 * instance per document.
 */
final class ExpansionCheck {

    private static final int MAX_DEPTH = EcsEventParser.MAX_DEPTH;

    private final ObjectKeys keys = new ObjectKeys();
    private final PathMarks marks = new PathMarks();

    private ExpansionCheck() {}

    /** True only when expanding the document's dotted keys certainly finds no problem. */
    static boolean certainlyValid(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        ExpansionCheck check = new ExpansionCheck();
        return check.object(p, PathMarks.ROOT, 1) && p.nextToken() == null && !check.keys.duplicateSeen();
    }

    /** The members of the object just opened, at the path {@code path} and bounded depth {@code depth}. */
    private boolean object(JsonParser p, long path, int depth) throws IOException {
        keys.open();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            keys.add(key);
            long at = path;
            int level = depth;
            int from = 0;
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', from)) {
                if (blank(key, from, dot)) {
                    return false;
                }
                at = PathMarks.child(at, segmentHash(key, from, dot));
                level += 2;
                if (!marks.mark(at, PathMarks.OBJECT)) {
                    return false;
                }
                from = dot + 1;
            }
            if (from == 0) {
                if (key.isBlank()) {
                    return false;
                }
                at = PathMarks.child(at, key.hashCode()); // Jackson's names are interned: the hash is cached
            } else {
                if (blank(key, from, key.length())) {
                    return false;
                }
                at = PathMarks.child(at, segmentHash(key, from, key.length()));
            }
            if (!value(p, p.nextToken(), at, level + 1)) {
                return false;
            }
        }
        keys.close();
        return true;
    }

    private boolean value(JsonParser p, JsonToken token, long path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT:
                return marks.mark(path, PathMarks.OBJECT) && object(p, path, depth);
            case JsonTokenId.ID_START_ARRAY:
                JsonToken element;
                while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!value(p, element, path, depth + 1)) {
                        return false;
                    }
                }
                return true;
            case JsonTokenId.ID_NULL:
                return true;
            default:
                return marks.mark(path, PathMarks.VALUE);
        }
    }

    /** {@code key.substring(from, to).hashCode()} without the substring. */
    private static int segmentHash(String key, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + key.charAt(i);
        }
        return h;
    }

    /** {@code key.substring(from, to).isBlank()} without the substring. */
    private static boolean blank(String key, int from, int to) {
        for (int i = from; i < to; ) {
            int c = key.codePointAt(i);
            if (!Character.isWhitespace(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
