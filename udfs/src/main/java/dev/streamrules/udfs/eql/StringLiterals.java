package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.Token.Kind;
import java.util.function.IntUnaryOperator;

/**
 * The quoted tokens of EQL, read as Elasticsearch reads them. {@code "..."} strings take the escapes
 * {@code \t \r \n \b \f \" \' \\} and <code>&#92;u{X...}</code> (2 to 8 hex digits, no surrogates); any other
 * backslash sequence is an error. {@code """..."""} strings take no escapes (up to two extra closing
 * quotes belong to the content). Neither kind may span lines. Single-quoted and {@code ?"..."} strings
 * are recognised only to be rejected with Elasticsearch's message. Back-quoted identifiers may contain
 * anything, {@code ``} standing for one back quote.
 */
final class StringLiterals {

    static final String SINGLE_QUOTES = "Use double quotes [\"] to define string literals, not single quotes [']";
    static final String QUESTION_MARK =
            "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?]";

    private StringLiterals() {}

    /** A {@code "..."} string at {@code start}; {@code advance} moves the lexer past it. */
    static Token quoted(String src, int start, IntUnaryOperator advance) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n' || src.charAt(i) == '\r') {
                throw new EqlException(
                        "unterminated string (a string cannot span lines; write \\n for a newline)", start);
            }
            char c = src.charAt(i);
            if (c == '"') {
                advance.applyAsInt(i + 1);
                return new Token(Kind.STRING, src.substring(start, i + 1), value.toString(), start, i + 1);
            }
            if (c != '\\') {
                value.append(c);
                i++;
                continue;
            }
            if (i + 1 >= src.length()) {
                throw new EqlException("unterminated string", start);
            }
            char escaped = src.charAt(i + 1);
            switch (escaped) {
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'n' -> value.append('\n');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case '"', '\'', '\\' -> value.append(escaped);
                case 'u' -> {
                    i = unicodeEscape(src, i, value);
                    continue;
                }
                default ->
                    throw new EqlException(
                            "unknown escape sequence \\" + escaped
                                    + " (valid: \\t \\r \\n \\b \\f \\\" \\' \\\\ \\u{hex}; or use a \"\"\"raw\"\"\" string)",
                            i);
            }
            i += 2;
        }
    }

    /** Appends the character of the <code>&#92;u{...}</code> escape at {@code backslash}; returns the next index. */
    private static int unicodeEscape(String src, int backslash, StringBuilder value) {
        int open = backslash + 2;
        int close = open + 1;
        while (close < src.length() && isHex(src.charAt(close))) {
            close++;
        }
        if (open >= src.length()
                || src.charAt(open) != '{'
                || close == open + 1
                || close >= src.length()
                || src.charAt(close) != '}') {
            throw new EqlException("invalid unicode escape: write \\u{XXXX} with 2 to 8 hex digits", backslash);
        }
        String hex = src.substring(open + 1, close);
        if (hex.length() < 2 || hex.length() > 8) {
            String escape = src.substring(backslash, close + 1);
            throw new EqlException(
                    "Unicode sequence should use [2-8] hex digits, [" + escape + "] has [" + hex.length() + "]",
                    backslash);
        }
        long code = Long.parseLong(hex, 16);
        if (code >= 0xD800 && code <= 0xDFFF) {
            throw new EqlException("Invalid unicode character code, [" + hex + "] is a surrogate code", backslash);
        }
        if (code > Character.MAX_CODE_POINT) {
            throw new EqlException("Invalid unicode character code [" + hex + "]", backslash);
        }
        value.appendCodePoint((int) code);
        return close + 1;
    }

    private static boolean isHex(char c) {
        return EqlLexer.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A {@code """..."""} string at {@code start}. */
    static Token raw(String src, int start, IntUnaryOperator advance) {
        int i = start + 3;
        while (!src.startsWith("\"\"\"", i)) {
            if (i >= src.length() || src.charAt(i) == '\n' || src.charAt(i) == '\r') {
                throw new EqlException(
                        "unterminated raw string: '\"\"\"' without a closing '\"\"\"' on the same line", start);
            }
            i++;
        }
        int end = i + 3;
        for (int extra = 0; extra < 2 && end < src.length() && src.charAt(end) == '"'; extra++) {
            end++;
        }
        advance.applyAsInt(end);
        return new Token(Kind.STRING, src.substring(start, end), src.substring(start + 3, end - 3), start, end);
    }

    /**
     * A single-quoted or {@code ?}-prefixed string at {@code start}, as a token whose use is an error; or
     * {@code null} for an unterminated {@code ?"}, which then reads as {@code ?} followed by a string.
     */
    static Token rejected(String src, int start, IntUnaryOperator advance) {
        boolean question = src.charAt(start) == '?';
        char quote = src.charAt(question ? start + 1 : start);
        int i = start + (question ? 2 : 1);
        while (i < src.length() && src.charAt(i) != quote && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
            i += src.charAt(i) == '\\' && i + 1 < src.length() && src.charAt(i + 1) != '\n' ? 2 : 1;
        }
        if (i >= src.length() || src.charAt(i) != quote) {
            if (question) {
                return null;
            }
            throw new EqlException("unterminated string; " + SINGLE_QUOTES, start);
        }
        advance.applyAsInt(i + 1);
        String text = src.substring(start, i + 1);
        return new Token(Kind.STRING, text, text, start, i + 1, question ? QUESTION_MARK : SINGLE_QUOTES);
    }

    /** A back-quoted identifier at {@code start}. */
    static Token backQuoted(String src, int start, IntUnaryOperator advance) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= src.length()) {
                throw new EqlException("unterminated back-quoted name: '`' without a closing '`'", start);
            }
            if (src.charAt(i) == '`') {
                if (i + 1 < src.length() && src.charAt(i + 1) == '`') {
                    value.append('`');
                    i += 2;
                    continue;
                }
                break;
            }
            value.append(src.charAt(i++));
        }
        if (value.length() == 0) {
            throw new EqlException("empty back-quoted name", start);
        }
        advance.applyAsInt(i + 1);
        return new Token(Kind.QUOTED_IDENTIFIER, src.substring(start, i + 1), value.toString(), start, i + 1);
    }
}
