package dev.streamrules.udfs.eql;

/**
 * One lexical token of an EQL query, located by {@code [start, end)} in the query text. {@code value}
 * holds what the token means: the unescaped text of a string or back-quoted identifier, the name of an
 * identifier. A token the grammar can read but Elasticsearch rejects when it builds the tree (a
 * single-quoted or {@code ?"..."} string) carries that rejection in {@code deferredError}, raised only
 * if the parser uses the token, so a syntax error earlier in the query is reported first, as in
 * Elasticsearch.
 */
record Token(Kind kind, String text, String value, int start, int end, String deferredError) {

    enum Kind {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        TILDE_IDENTIFIER,
        STRING,
        INTEGER,
        DECIMAL,
        AND,
        ANY,
        BY,
        FALSE,
        IN,
        IN_INSENSITIVE,
        JOIN,
        LIKE,
        LIKE_INSENSITIVE,
        MAXSPAN,
        NOT,
        NULL,
        OF,
        OR,
        REGEX,
        REGEX_INSENSITIVE,
        SAMPLE,
        SEQUENCE,
        TRUE,
        UNTIL,
        WHERE,
        WITH,
        SEQ,
        ASGN,
        EQ,
        NEQ,
        LT,
        LTE,
        GT,
        GTE,
        PLUS,
        MINUS,
        ASTERISK,
        SLASH,
        PERCENT,
        DOT,
        COMMA,
        LB,
        RB,
        LP,
        RP,
        PIPE,
        OPTIONAL,
        MISSING_EVENT_OPEN,
        EOF;

        boolean isKeyword() {
            return compareTo(AND) >= 0 && compareTo(WITH) <= 0;
        }

        boolean isComparison() {
            return compareTo(EQ) >= 0 && compareTo(GTE) <= 0;
        }
    }

    Token(Kind kind, String text, String value, int start, int end) {
        this(kind, text, value, start, end, null);
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** How an error message shows the token: its text in quotes, or "end of query". */
    String describe() {
        return kind == Kind.EOF ? "end of query" : "'" + text + "'";
    }
}
