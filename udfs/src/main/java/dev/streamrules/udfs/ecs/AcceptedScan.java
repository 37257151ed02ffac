package dev.streamrules.udfs.ecs;

/**
 * Finds the top-level members of a document the parser accepted, stepping over its text: valid JSON
 * needs no checking, only the boundaries of strings, containers and scalars, and a look at every key
 * (a string followed by a colon). A key with a dot, a blank key or a key spelled with an escape (which
 * could hide a dot) means the document needs the tree: {@link #members()} says {@code null}.
 */
final class AcceptedScan {

    private final String text;
    private final int length;
    private int pos;

    AcceptedScan(String text) {
        this.text = text;
        this.length = text.length();
    }

    DocumentMembers members() {
        DocumentMembers members = new DocumentMembers(text);
        skipWhitespace();
        pos++; // the opening brace: the parser accepted only objects
        skipWhitespace();
        if (text.charAt(pos) == '}') {
            return members;
        }
        while (true) {
            int keyStart = pos + 1;
            int keyEnd = stringEnd(keyStart);
            if (keyEnd < 0 || !DocumentMembers.plain(text, keyStart, keyEnd)) {
                return null;
            }
            pos = keyEnd + 1;
            skipWhitespace();
            pos++; // the colon
            skipWhitespace();
            int start = pos;
            if (!value()) {
                return null;
            }
            members.add(text.substring(keyStart, keyEnd), start, pos);
            skipWhitespace();
            if (text.charAt(pos++) == '}') {
                return members;
            }
            skipWhitespace(); // after the comma
        }
    }

    /** Steps over the value at {@link #pos}; false when a key inside it needs the tree. */
    private boolean value() {
        char c = text.charAt(pos);
        if (c == '"') {
            int end = stringEnd(pos + 1);
            pos = (end < 0 ? -end - 1 : end) + 1;
            return true;
        }
        if (c != '{' && c != '[') {
            while (pos < length && !delimiter(text.charAt(pos))) {
                pos++;
            }
            return true;
        }
        int depth = 0;
        do {
            c = text.charAt(pos);
            if (c == '"') {
                int open = pos;
                int end = stringEnd(open + 1);
                boolean escaped = end < 0;
                int close = escaped ? -end - 1 : end;
                pos = close + 1;
                if (isKey() && (escaped || !DocumentMembers.plain(text, open + 1, close))) {
                    return false;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
        return true;
    }

    /**
     * The index of the closing quote of the string whose text starts at {@code from}; minus one minus
     * that index when the string has an escape.
     */
    private int stringEnd(int from) {
        boolean escaped = false;
        int i = from;
        while (true) {
            char c = text.charAt(i);
            if (c == '"') {
                return escaped ? -i - 1 : i;
            }
            if (c == '\\') {
                escaped = true;
                i += 2;
            } else {
                i++;
            }
        }
    }

    /** Whether the string just passed is a key: the next character that is not whitespace is a colon. */
    private boolean isKey() {
        int i = pos;
        while (i < length && whitespace(text.charAt(i))) {
            i++;
        }
        return i < length && text.charAt(i) == ':';
    }

    private void skipWhitespace() {
        while (pos < length && whitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean delimiter(char c) {
        return c == ',' || c == '}' || c == ']' || whitespace(c);
    }
}
