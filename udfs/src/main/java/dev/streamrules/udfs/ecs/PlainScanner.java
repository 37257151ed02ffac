package dev.streamrules.udfs.ecs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The projected parse of a plain document straight from its bytes, without Jackson's tokens: the
 * common case, where Jackson's tokenizer was most of the job's parse (benchmarks, section 13).
 *
 * <p>Plain means: one JSON object with only whitespace around it, keys without escapes and without
 * empty or blank dot-separated segments, no key twice in one object, at most {@value #MAX_DEPTH}
 * levels, numbers of at most {@value #MAX_NUMBER} characters (escapes in string values are decoded
 * here, as Jackson decodes them), a string without escapes or no {@code @timestamp} when the reader reads it, and, when a key has a dot
 * ({@code "process.name"}), an expansion {@link PlainExpansionCheck} vouches for. Anything else, valid or not, makes {@link #read} return
 * false before it judges anything: the caller then parses with Jackson ({@link ProjectedReader}), which
 * gives the verdict and the reason. So this class only ever accepts documents Jackson accepts (RFC
 * 8259's grammar, checked here byte by byte: no comments, leading zeros, control characters in
 * strings, unknown escapes, trailing commas or text after the object), and records for them exactly
 * what {@link ProjectedReader} records: strings decoded, numbers as written, {@code true}/{@code
 * false}, nulls dropped, arrays transparent. It checks UTF-8 as it goes, only where a byte is not
 * ASCII (invalid UTF-8 is declined too, and {@link Utf8} then names the byte), so a plain document
 * needs no separate UTF-8 pass. Not thread-safe: one instance per document.
 */
final class PlainScanner {

    /** Deeper documents are left to Jackson, which enforces {@link EcsEventParser#MAX_DEPTH}. */
    static final int MAX_DEPTH = 64;

    /** Longer numbers are left to Jackson, which refuses those over its own limit (1,000). */
    static final int MAX_NUMBER = 100;

    private static final byte[] TIMESTAMP = "@timestamp".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final byte[] b;
    private final int end;
    private final ProjectedReader out;
    private int pos;
    private final PlainKeys keys;
    private final RecentValues values;
    /** The last key read had a dot. */
    private boolean keyDotted;
    /** Some key had a dot: the document is plain only if its expansion certainly succeeds. */
    private boolean dotted;

    private PlainScanner(byte[] bytes, ProjectedReader out) {
        this.b = bytes;
        this.end = bytes.length;
        this.out = out;
        this.keys = PlainKeys.forDocument(bytes);
        this.values = RecentValues.forThisThread();
    }

    /**
     * Reads {@code bytes} into {@code out}: true when the document is plain and {@code out} holds what
     * it records; false when it is not (then {@code out} holds a part and must be thrown away).
     */
    static boolean read(byte[] bytes, ProjectedReader out) {
        PlainScanner scanner = new PlainScanner(bytes, out);
        return scanner.document() && (!scanner.dotted || PlainExpansionCheck.certainlyValid(bytes));
    }

    private boolean document() {
        skipWhitespace();
        if (pos >= end || b[pos] != '{') {
            return false;
        }
        pos++;
        FieldProjection.Node root = out.root();
        if (!object(root, root.path, true)) {
            return false;
        }
        skipWhitespace();
        return pos == end;
    }

    /** The members of an object whose {@code '{'} was just read; {@code node} null: nothing wanted. */
    private boolean object(FieldProjection.Node node, String path, boolean atRoot) {
        if (!open()) {
            return false;
        }
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return close();
        }
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int keyStart = ++pos;
            if (!key()) {
                return false;
            }
            int keyEnd = pos++;
            long head = KeyWords.head(b, keyStart, keyEnd);
            long tail = KeyWords.tail(b, keyStart, keyEnd);
            if (!keys.add(keyStart, keyEnd, head, tail)) {
                return false;
            }
            if (pos < end && b[pos] == ':') {
                pos++; // compact JSON: no white space to skip
            } else {
                skipWhitespace();
                if (pos >= end || b[pos] != ':') {
                    return false;
                }
                pos++;
            }
            skipWhitespace();
            FieldProjection.Node child = null;
            String childPath = null;
            if (node != null) {
                if (node.everything) {
                    child = node;
                    String key = new String(b, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
                    childPath = path.isEmpty() ? key : path + "." + key;
                } else if (!keyDotted) {
                    child = node.child(b, keyStart, keyEnd, head, tail);
                    childPath = child != null && child.everything ? child.path : null;
                } else {
                    // as ProjectedReader: segment by segment, until a prefix wants everything below it
                    child = node;
                    int from = keyStart;
                    while (child != null && !child.everything && from <= keyEnd) {
                        int stop = segmentEnd(from, keyEnd);
                        child = child.child(b, from, stop);
                        from = stop + 1;
                    }
                    if (child != null && child.everything) {
                        childPath = from > keyEnd
                                ? child.path
                                : child.path + "." + new String(b, from, keyEnd - from, StandardCharsets.UTF_8);
                    }
                }
            }
            if (atRoot && out.readsTimestamp() && isTimestamp(keyStart, keyEnd) && !timestamp()) {
                return false;
            }
            if (!value(child, childPath)) {
                return false;
            }
            skipWhitespace();
            if (pos >= end) {
                return false;
            }
            byte next = b[pos++];
            if (next == '}') {
                return close();
            }
            if (next != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    /** One level deeper (an object or an array); false beyond {@link #MAX_DEPTH}. */
    private boolean open() {
        if (keys.depth() == MAX_DEPTH) {
            return false;
        }
        keys.open();
        return true;
    }

    /** The innermost object or array ends; true, for the caller to return. */
    private boolean close() {
        keys.close();
        return true;
    }

    /**
     * A key's text up to its closing quote (left at {@code pos}); false when it is not plain. Each of
     * its dot-separated segments must have a printable ASCII character: empty or blank segments (only
     * spaces, or possibly Unicode white space) need Jackson's path, whose expansion names the problem.
     */
    private boolean key() {
        keyDotted = false;
        // A word at a time over printable ASCII without dots (most keys up to their quote); the loop
        // goes on from the first byte that needs a closer look.
        int stop = JsonWords.plainKeyEnd(b, pos, end);
        boolean printable = stop > pos;
        pos = stop;
        while (pos < end) {
            byte c = b[pos];
            if (c == '"') {
                return printable;
            }
            if (c < 0) {
                if (!multiByte()) {
                    return false;
                }
                continue;
            }
            if (c == '.') {
                if (!printable) {
                    return false;
                }
                keyDotted = dotted = true;
                printable = false;
            } else if (c == '\\' || c < 0x20) {
                return false;
            }
            printable |= c > ' ' && c != '.';
            pos++;
        }
        return false;
    }

    /** Where the key segment starting at {@code from} ends: its dot, or {@code keyEnd}. */
    private int segmentEnd(int from, int keyEnd) {
        int at = from;
        while (at < keyEnd && b[at] != '.') {
            at++;
        }
        return at;
    }

    /** Steps over one valid UTF-8 multi-byte character ({@code pos} on its first byte). */
    private boolean multiByte() {
        int next = Utf8.afterSequence(b, pos, end);
        if (next < 0) {
            return false; // the UTF-8 check then names the byte
        }
        pos = next;
        return true;
    }

    private boolean isTimestamp(int start, int stop) {
        return Arrays.equals(b, start, stop, TIMESTAMP, 0, TIMESTAMP.length);
    }

    /**
     * The root's {@code @timestamp}, before its value is read as any other: a string is parsed as
     * {@link EventTimestamps#read} does; a number is left to Jackson (its integer or float type
     * decides); anything else has no timestamp.
     */
    private boolean timestamp() {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        if (c == '-' || (c >= '0' && c <= '9')) {
            return false;
        }
        if (c == '"') {
            int start = pos + 1;
            int stop = start;
            while (stop < end && b[stop] != '"' && b[stop] != '\\') {
                stop++;
            }
            if (stop >= end || b[stop] == '\\') {
                return false;
            }
            out.timestampMillis(EventTimestamps.parse(new String(b, start, stop - start, StandardCharsets.UTF_8)));
        }
        return true;
    }

    private boolean value(FieldProjection.Node node, String path) {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        switch (c) {
            case '{':
                pos++;
                boolean descend = node != null && (node.everything || node.hasChildren());
                return object(descend ? node : null, path, false);
            case '[':
                pos++;
                return array(node, path);
            case '"':
                return string(node, path);
            case 't':
                return literal(TRUE, node, path, "true");
            case 'f':
                return literal(FALSE, node, path, "false");
            case 'n':
                return literal(NULL, null, null, null);
            default:
                return (c == '-' || (c >= '0' && c <= '9')) && number(node, path);
        }
    }

    /** The elements of an array whose {@code '['} was just read: each is a value of the same path. */
    private boolean array(FieldProjection.Node node, String path) {
        if (!open()) {
            return false;
        }
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return close();
        }
        while (true) {
            if (!value(node, path)) {
                return false;
            }
            skipWhitespace();
            if (pos >= end) {
                return false;
            }
            byte next = b[pos++];
            if (next == ']') {
                return close();
            }
            if (next != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    /**
     * A string value, decoded when it is wanted. Escapes are decoded as Jackson does, one UTF-16 unit
     * each (so a surrogate, paired or not, ends up in the string as Jackson leaves it): Windows paths
     * and command lines, full of backslashes, are as common as any value.
     */
    private boolean string(FieldProjection.Node node, String path) {
        boolean wanted = node != null && node.wantsValue();
        int start = ++pos;
        StringBuilder decoded = null; // only once an escape is met
        int from = start; // the text not yet appended to decoded
        while (pos < end) {
            pos = JsonWords.plainTextEnd(b, pos, end);
            if (pos >= end) {
                break;
            }
            byte c = b[pos];
            if (c == '"') {
                if (wanted) {
                    out.add(
                            node,
                            path,
                            decoded == null
                                    ? values.text(b, from, pos)
                                    : decoded.append(new String(b, from, pos - from, StandardCharsets.UTF_8))
                                            .toString());
                }
                pos++;
                return true;
            }
            if (c == '\\') {
                int at = pos;
                int unit = escape();
                if (unit < 0) {
                    return false; // not an escape JSON allows: Jackson names the problem
                }
                if (wanted) {
                    if (decoded == null) {
                        decoded = new StringBuilder(at - start + 32);
                    }
                    decoded.append(new String(b, from, at - from, StandardCharsets.UTF_8))
                            .append((char) unit);
                    from = pos;
                }
            } else if (c < 0) {
                if (!multiByte()) {
                    return false;
                }
            } else if (c < 0x20) {
                return false;
            } else {
                pos++;
            }
        }
        return false;
    }

    /**
     * Steps over one escape sequence JSON allows ({@code pos} on its backslash): the UTF-16 unit it
     * stands for, or -1 for anything else.
     */
    private int escape() {
        if (pos + 1 >= end) {
            return -1;
        }
        char unit;
        switch (b[pos + 1]) {
            case '"' -> unit = '"';
            case '\\' -> unit = '\\';
            case '/' -> unit = '/';
            case 'b' -> unit = '\b';
            case 'f' -> unit = '\f';
            case 'n' -> unit = '\n';
            case 'r' -> unit = '\r';
            case 't' -> unit = '\t';
            case 'u' -> {
                return hexEscape();
            }
            default -> {
                return -1;
            }
        }
        pos += 2;
        return unit;
    }

    /** The four hex digits of a {@code u} escape (ASCII only, as Jackson reads them); -1 if they are not. */
    private int hexEscape() {
        if (pos + 6 > end) {
            return -1;
        }
        int unit = 0;
        for (int i = pos + 2; i < pos + 6; i++) {
            int digit = Character.digit(b[i], 16); // a byte: never one of Unicode's other digits
            if (digit < 0) {
                return -1;
            }
            unit = unit << 4 | digit;
        }
        pos += 6;
        return unit;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, then a delimiter. */
    private boolean number(FieldProjection.Node node, String path) {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        if (b[pos] == '0') {
            pos++;
        } else if (!digits()) {
            return false;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (!digits()) {
                return false;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                return false;
            }
        }
        if (pos - start > MAX_NUMBER || !atDelimiter()) {
            return false;
        }
        if (node != null && node.wantsValue()) {
            out.add(node, path, new String(b, start, pos - start, StandardCharsets.US_ASCII));
        }
        return true;
    }

    /** One or more digits; false when there is none. */
    private boolean digits() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean literal(byte[] word, FieldProjection.Node node, String path, String text) {
        if (!Arrays.equals(b, pos, Math.min(end, pos + word.length), word, 0, word.length)) {
            return false;
        }
        pos += word.length;
        if (!atDelimiter()) {
            return false;
        }
        if (node != null && node.wantsValue()) {
            out.add(node, path, text);
        }
        return true;
    }

    /** Whether a value may end here: white space, a comma or a closing bracket follows. */
    private boolean atDelimiter() {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        return c == ',' || c == '}' || c == ']' || isWhitespace(c);
    }

    private void skipWhitespace() {
        // every byte above the space is not white space: compact JSON costs one test
        while (pos < end && b[pos] <= ' ' && isWhitespace(b[pos])) {
            pos++;
        }
    }

    /** JSON's four white-space characters; Jackson rejects every other control character. */
    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
