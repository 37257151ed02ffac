package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits an EQL query into tokens following the lexer rules of Elasticsearch's EQL grammar: keywords
 * are lower-case only ({@code AND} is an identifier), identifiers are {@code [A-Za-z_@][A-Za-z0-9_]*}
 * (a dotted field is several tokens), {@code name~} is one token, whitespace is space, tab, CR and LF,
 * {@code //} comments run to the end of the line and {@code /* *}{@code /} comments nest.
 */
final class EqlLexer {

    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("and", Kind.AND),
            Map.entry("any", Kind.ANY),
            Map.entry("by", Kind.BY),
            Map.entry("false", Kind.FALSE),
            Map.entry("in", Kind.IN),
            Map.entry("join", Kind.JOIN),
            Map.entry("like", Kind.LIKE),
            Map.entry("maxspan", Kind.MAXSPAN),
            Map.entry("not", Kind.NOT),
            Map.entry("null", Kind.NULL),
            Map.entry("of", Kind.OF),
            Map.entry("or", Kind.OR),
            Map.entry("regex", Kind.REGEX),
            Map.entry("sample", Kind.SAMPLE),
            Map.entry("sequence", Kind.SEQUENCE),
            Map.entry("true", Kind.TRUE),
            Map.entry("until", Kind.UNTIL),
            Map.entry("where", Kind.WHERE),
            Map.entry("with", Kind.WITH),
            Map.entry("in~", Kind.IN_INSENSITIVE),
            Map.entry("like~", Kind.LIKE_INSENSITIVE),
            Map.entry("regex~", Kind.REGEX_INSENSITIVE));

    private final String src;
    private int pos;

    private EqlLexer(String src) {
        this.src = src;
    }

    /** All tokens of {@code src}, ending with an {@link Kind#EOF} token at its end. */
    static List<Token> tokenize(String src) {
        return new EqlLexer(src).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= src.length()) {
                tokens.add(new Token(Kind.EOF, "", "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipBlanksAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new EqlException("unterminated comment: '/*' without '*/'", start);
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        if (isLetter(c) || c == '_' || c == '@') {
            return word(start);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '"') {
            return src.startsWith("\"\"\"", pos)
                    ? StringLiterals.raw(src, start, this::advanceTo)
                    : StringLiterals.quoted(src, start, this::advanceTo);
        }
        if (c == '\'' || (c == '?' && (peekIs(1, '"') || peekIs(1, '\'')))) {
            Token rejected = StringLiterals.rejected(src, start, this::advanceTo);
            if (rejected != null) {
                return rejected;
            }
        }
        if (c == '`') {
            return StringLiterals.backQuoted(src, start, this::advanceTo);
        }
        return symbol(start, c);
    }

    private int advanceTo(int end) {
        pos = end;
        return end;
    }

    private Token word(int start) {
        pos++;
        while (pos < src.length() && isNamePart(src.charAt(pos))) {
            pos++;
        }
        // TILDE_IDENTIFIER starts with a letter; 'like~', 'in~', 'regex~' are keywords of the same length.
        if (pos < src.length() && src.charAt(pos) == '~' && isLetter(src.charAt(start))) {
            pos++;
            String text = src.substring(start, pos);
            Kind kind = KEYWORDS.getOrDefault(text, Kind.TILDE_IDENTIFIER);
            return new Token(kind, text, text.substring(0, text.length() - 1), start, pos);
        }
        String text = src.substring(start, pos);
        return new Token(KEYWORDS.getOrDefault(text, Kind.IDENTIFIER), text, text, start, pos);
    }

    private Token number(int start) {
        boolean decimal = false;
        skipDigits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            decimal = true;
            pos++;
            skipDigits();
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int sign = pos + 1 < src.length() && (src.charAt(pos + 1) == '+' || src.charAt(pos + 1) == '-') ? 1 : 0;
            if (pos + 1 + sign < src.length() && isDigit(src.charAt(pos + 1 + sign))) {
                decimal = true;
                pos += 1 + sign;
                skipDigits();
            }
        }
        String text = src.substring(start, pos);
        return new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, text, text, start, pos);
    }

    private void skipDigits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private Token symbol(int start, char c) {
        Kind kind = switch (c) {
            case ':' -> Kind.SEQ;
            case '=' -> peekIs(1, '=') ? Kind.EQ : Kind.ASGN;
            case '!' -> peekIs(1, '=') ? Kind.NEQ : peekIs(1, '[') ? Kind.MISSING_EVENT_OPEN : null;
            case '<' -> peekIs(1, '=') ? Kind.LTE : Kind.LT;
            case '>' -> peekIs(1, '=') ? Kind.GTE : Kind.GT;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.ASTERISK;
            case '/' -> Kind.SLASH;
            case '%' -> Kind.PERCENT;
            case '.' -> Kind.DOT;
            case ',' -> Kind.COMMA;
            case '[' -> Kind.LB;
            case ']' -> Kind.RB;
            case '(' -> Kind.LP;
            case ')' -> Kind.RP;
            case '|' -> Kind.PIPE;
            case '?' -> Kind.OPTIONAL;
            default -> null;
        };
        if (kind == null) {
            String shown = src.substring(start, start + Character.charCount(src.codePointAt(start)));
            String hint = c == '!'
                    ? " (use 'not', '!=' or '![' for a missing event)"
                    : c == '~' ? " ('~' must directly follow a function name or like, regex, in)" : "";
            throw new EqlException("unexpected character '" + shown + "'" + hint, start);
        }
        pos += switch (kind) {
            case EQ, NEQ, LTE, GTE, MISSING_EVENT_OPEN -> 2;
            default -> 1;
        };
        String text = src.substring(start, pos);
        return new Token(kind, text, text, start, pos);
    }

    private boolean peekIs(int ahead, char expected) {
        return pos + ahead < src.length() && src.charAt(pos + ahead) == expected;
    }

    private static boolean isNamePart(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
