package dev.streamrules.udfs.ecs;

/**
 * {@link ExpansionCheck} over the bytes of a document {@link PlainScanner} has taken: the same
 * answers ("certainly valid" or "cannot tell"), the same path marks and the same nesting bound, so a
 * plain document with dotted keys needs neither Jackson's tokens nor a second tokenizer.
 *
 * <p>It relies on what the scanner proved: valid JSON, one object, keys without escapes, empty or
 * blank segments, or duplicates in their object. So it only walks: it finds a string's end by its
 * unescaped quote and a number's or literal's end by the delimiter after it. Not thread-safe: one
 * instance per document.
 */
final class PlainExpansionCheck {

    private static final int MAX_DEPTH = EcsEventParser.MAX_DEPTH;

    private final byte[] b;
    private final PathMarks marks = new PathMarks();
    private int pos;

    private PlainExpansionCheck(byte[] bytes) {
        this.b = bytes;
    }

    /** True only when expanding the dotted keys of {@code bytes}, a document the scanner took, certainly finds no problem. */
    static boolean certainlyValid(byte[] bytes) {
        PlainExpansionCheck check = new PlainExpansionCheck(bytes);
        check.skipWhitespace();
        check.pos++; // the root's '{'
        return check.object(PathMarks.ROOT, 1);
    }

    /** The members of the object whose {@code '{'} was just read, at {@code path} and bounded depth {@code depth}. */
    private boolean object(long path, int depth) {
        skipWhitespace();
        if (b[pos] == '}') {
            pos++;
            return true;
        }
        while (true) {
            long at = path;
            int level = depth;
            pos++; // past the key's opening quote
            int hash = 0;
            for (byte c; (c = b[pos]) != '"'; pos++) {
                if (c == '.') {
                    at = PathMarks.child(at, hash);
                    level += 2;
                    if (!marks.mark(at, PathMarks.OBJECT)) {
                        return false;
                    }
                    hash = 0;
                } else {
                    hash = 31 * hash + c;
                }
            }
            at = PathMarks.child(at, hash);
            pos++;
            skipWhitespace();
            pos++; // ':'
            skipWhitespace();
            if (!value(at, level + 1)) {
                return false;
            }
            skipWhitespace();
            if (b[pos++] == '}') {
                return true;
            }
            skipWhitespace(); // after ',', before the next key's quote
        }
    }

    private boolean value(long path, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        switch (b[pos]) {
            case '{':
                pos++;
                return marks.mark(path, PathMarks.OBJECT) && object(path, depth);
            case '[':
                pos++;
                return array(path, depth);
            case 'n':
                pos += 4; // null: neither an object nor a value
                return true;
            case '"':
                pos++;
                while (b[pos] != '"') {
                    pos += b[pos] == '\\' ? 2 : 1;
                }
                pos++;
                return marks.mark(path, PathMarks.VALUE);
            default:
                while (!isDelimiter(b[pos])) {
                    pos++;
                }
                return marks.mark(path, PathMarks.VALUE);
        }
    }

    /** The elements of the array whose {@code '['} was just read: each a value of {@code path}, one level deeper. */
    private boolean array(long path, int depth) {
        skipWhitespace();
        if (b[pos] == ']') {
            pos++;
            return true;
        }
        do {
            skipWhitespace();
            if (!value(path, depth + 1)) {
                return false;
            }
            skipWhitespace();
        } while (b[pos++] == ',');
        return true;
    }

    private void skipWhitespace() {
        while (PlainScanner.isWhitespace(b[pos])) {
            pos++;
        }
    }

    private static boolean isDelimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || PlainScanner.isWhitespace(c);
    }
}
