package dev.streamrules.udfs.rule.toml;

/**
 * TOML string values read character by character, remembering for each decoded character the file
 * offset it came from: the four string kinds ({@code "basic"}, {@code 'literal'}, {@code """multi-line
 * basic"""}, {@code '''multi-line literal'''}), the newline trimmed right after an opening multi-line
 * delimiter, escapes ({@code \n}, {@code \"}, {@code \\u00e9}, ...) and line-ending backslashes in basic
 * strings. This is how a problem found at an offset inside a decoded query becomes a line and column
 * of the rule file.
 */
public final class TomlStrings {

    private TomlStrings() {}

    /** A decoded string and, per decoded character, the file offset of the text that produced it. */
    public record Decoded(String value, int[] fileOffsets, int closingOffset) {

        /** File offset of decoded offset {@code i}; the closing delimiter for the end of the string. */
        public int fileOffset(int i) {
            if (i < 0) {
                return fileOffsets.length == 0 ? closingOffset : fileOffsets[0];
            }
            return i < fileOffsets.length ? fileOffsets[i] : closingOffset;
        }
    }

    /** Offset just past the string value starting at {@code start} (which is a quote character). */
    public static int end(String s, int start) {
        return decode(s, start).closingOffset() + delimiter(s, start).length();
    }

    /** Decodes the string value that starts at {@code start}, which must be a quote character. */
    public static Decoded decode(String s, int start) {
        String delimiter = delimiter(s, start);
        boolean basic = delimiter.charAt(0) == '"';
        boolean multiLine = delimiter.length() == 3;
        int i = start + delimiter.length();
        if (multiLine && s.startsWith("\n", i)) {
            i++;
        } else if (multiLine && s.startsWith("\r\n", i)) {
            i += 2;
        }
        StringBuilder value = new StringBuilder();
        IntList offsets = new IntList();
        while (i < s.length()) {
            if (s.startsWith(delimiter, i)) {
                // A run of up to five quotes closes a multi-line string; the first one or two are content.
                int run = 0;
                while (multiLine && i + run < s.length() && s.charAt(i + run) == delimiter.charAt(0)) {
                    run++;
                }
                for (int k = 0; k < Math.min(run - 3, 2); k++) {
                    value.append(s.charAt(i));
                    offsets.add(i);
                    i++;
                }
                return new Decoded(value.toString(), offsets.toArray(), i);
            }
            char c = s.charAt(i);
            if (!multiLine && c == '\n') {
                break; // invalid TOML; the parser reported it already
            }
            if (basic && c == '\\' && i + 1 < s.length()) {
                i = escape(s, i, multiLine, value, offsets);
            } else {
                value.append(c);
                offsets.add(i);
                i++;
            }
        }
        return new Decoded(value.toString(), offsets.toArray(), i);
    }

    private static String delimiter(String s, int start) {
        char q = s.charAt(start);
        if (q != '"' && q != '\'') {
            throw new IllegalArgumentException("no string starts at offset " + start);
        }
        return s.startsWith(String.valueOf(q).repeat(3), start)
                ? String.valueOf(q).repeat(3)
                : String.valueOf(q);
    }

    /** Decodes the escape at {@code i} (a backslash) and returns the offset after it. */
    private static int escape(String s, int i, boolean multiLine, StringBuilder value, IntList offsets) {
        char e = s.charAt(i + 1);
        if (multiLine && lineEndingBackslash(s, i + 1)) {
            int j = i + 1;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            return j;
        }
        String decoded;
        int length = 2;
        switch (e) {
            case 'b' -> decoded = "\b";
            case 't' -> decoded = "\t";
            case 'n' -> decoded = "\n";
            case 'f' -> decoded = "\f";
            case 'r' -> decoded = "\r";
            case 'e' -> decoded = "\u001b";
            case '"' -> decoded = "\"";
            case '\\' -> decoded = "\\";
            case 'u', 'U', 'x' -> {
                int digits = e == 'u' ? 4 : e == 'U' ? 8 : 2;
                int end = Math.min(i + 2 + digits, s.length());
                decoded = new String(Character.toChars(Integer.parseInt(s.substring(i + 2, end), 16)));
                length = 2 + digits;
            }
            default -> decoded = String.valueOf(e);
        }
        for (int k = 0; k < decoded.length(); k++) {
            value.append(decoded.charAt(k));
            offsets.add(i);
        }
        return i + length;
    }

    /** A backslash followed only by spaces or tabs up to the end of its line. */
    private static boolean lineEndingBackslash(String s, int afterBackslash) {
        int j = afterBackslash;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        return j < s.length() && (s.charAt(j) == '\n' || s.charAt(j) == '\r');
    }

    private static final class IntList {
        private int[] items = new int[64];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(items, size);
        }
    }
}
