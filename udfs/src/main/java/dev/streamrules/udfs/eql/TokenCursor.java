package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.Token.Kind;
import java.util.List;

/** A position in a token list, with the look-ahead and "expected X but found Y" errors the parsers share. */
final class TokenCursor {

    private final List<Token> tokens;
    private int pos;

    TokenCursor(String query) {
        this.tokens = EqlLexer.tokenize(query);
    }

    Token peek() {
        return tokens.get(pos);
    }

    /** The token {@code ahead} places after the current one (the EOF token past the end). */
    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    /** Consumes the current token if it is of {@code kind}. */
    boolean accept(Kind kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes a token of {@code kind}, shown as {@code what} in the error when it is something else. */
    Token expect(Kind kind, String what) {
        if (!at(kind)) {
            throw unexpected(what);
        }
        return next();
    }

    /** "expected {what} but found {current token}", at the current token. */
    EqlException unexpected(String what) {
        Token t = peek();
        String found = t.kind().isKeyword() ? "keyword " + t.describe() : t.describe();
        return new EqlException("expected " + what + " but found " + found, t.start());
    }

    /** The end offset of the last consumed token. */
    int lastEnd() {
        return pos == 0 ? 0 : tokens.get(pos - 1).end();
    }
}
