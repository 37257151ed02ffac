package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.Token.Kind;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Expr.ArithmeticOp;
import dev.streamrules.udfs.eql.ast.Expr.CompareOp;
import dev.streamrules.udfs.eql.ast.Expr.MatchKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The expression part of Elasticsearch's EQL grammar, by recursive descent. Loosest first: {@code or};
 * {@code and}; prefix {@code not}; one comparison ({@code a == b == c} is an error); {@code + -};
 * {@code * / %}; prefix {@code - +}; a primary (constant, field, call, parenthesised expression) with
 * at most one predicate suffix ({@code in}, {@code not in}, {@code in~}, {@code :}, {@code like},
 * {@code regex} and their {@code ~} forms). So {@code a + b in (1)} reads {@code a + (b in (1))}, as
 * in the grammar. A minus directly before a number literal gives a negative literal: the node
 * Elasticsearch's constant folding makes of it.
 */
final class ExpressionParser {

    private final TokenCursor in;

    ExpressionParser(TokenCursor in) {
        this.in = in;
    }

    Expr expression() {
        return or();
    }

    private Expr or() {
        return chain(Kind.OR, this::and, Expr.Or::new);
    }

    private Expr and() {
        return chain(Kind.AND, this::not, Expr.And::new);
    }

    /** {@code operand (op operand)*} as one flattened node, or the lone operand. */
    private Expr chain(Kind op, Supplier<Expr> operand, Flattened node) {
        Expr first = operand.get();
        if (!in.at(op)) {
            return first;
        }
        List<Expr> operands = new ArrayList<>(List.of(first));
        while (in.accept(op)) {
            operands.add(operand.get());
        }
        return node.of(
                List.copyOf(operands),
                first.start(),
                operands.get(operands.size() - 1).end());
    }

    private interface Flattened {
        Expr of(List<Expr> operands, int start, int end);
    }

    private Expr not() {
        if (in.at(Kind.NOT)) {
            Token not = in.next();
            Expr operand = not();
            return new Expr.Not(operand, not.start(), operand.end());
        }
        if (in.at(Kind.IDENTIFIER) && in.peek(1).is(Kind.OF)) {
            throw new EqlException(
                    "Process relationships are not supported", in.peek().start());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        if (in.at(Kind.ASGN)) {
            throw new EqlException(
                    "'=' is not a comparison; use '==' (or ':' for case-insensitive)",
                    in.peek().start());
        }
        if (!in.peek().kind().isComparison()) {
            return left;
        }
        CompareOp op = switch (in.next().kind()) {
            case EQ -> CompareOp.EQ;
            case NEQ -> CompareOp.NEQ;
            case LT -> CompareOp.LT;
            case LTE -> CompareOp.LTE;
            case GT -> CompareOp.GT;
            default -> CompareOp.GTE;
        };
        Expr right = additive();
        if (in.peek().kind().isComparison()) {
            throw new EqlException(
                    "comparisons cannot be chained; combine them with 'and'",
                    in.peek().start());
        }
        return new Expr.Compare(op, left, right, left.start(), right.end());
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (in.at(Kind.PLUS) || in.at(Kind.MINUS)) {
            ArithmeticOp op = in.next().is(Kind.PLUS) ? ArithmeticOp.ADD : ArithmeticOp.SUB;
            Expr right = multiplicative();
            left = new Expr.Arithmetic(op, left, right, left.start(), right.end());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (in.at(Kind.ASTERISK) || in.at(Kind.SLASH) || in.at(Kind.PERCENT)) {
            Kind kind = in.next().kind();
            ArithmeticOp op =
                    kind == Kind.ASTERISK ? ArithmeticOp.MUL : kind == Kind.SLASH ? ArithmeticOp.DIV : ArithmeticOp.MOD;
            Expr right = unary();
            left = new Expr.Arithmetic(op, left, right, left.start(), right.end());
        }
        return left;
    }

    private Expr unary() {
        if (in.at(Kind.PLUS)) {
            Token plus = in.next();
            return Spans.withStart(unary(), plus.start());
        }
        if (in.at(Kind.MINUS)) {
            Token minus = in.next();
            Expr operand = unary();
            if (operand instanceof Expr.Literal lit && lit.value() instanceof Long l) {
                return new Expr.Literal(-l, minus.start(), lit.end());
            }
            if (operand instanceof Expr.Literal lit && lit.value() instanceof Double d) {
                return new Expr.Literal(-d, minus.start(), lit.end());
            }
            return new Expr.Negate(operand, minus.start(), operand.end());
        }
        return predicate(primary());
    }

    private Expr predicate(Expr value) {
        boolean negated =
                in.at(Kind.NOT) && (in.peek(1).is(Kind.IN) || in.peek(1).is(Kind.IN_INSENSITIVE));
        if (negated) {
            in.next();
        }
        switch (in.peek().kind()) {
            case IN, IN_INSENSITIVE -> {
                boolean insensitive = in.next().is(Kind.IN_INSENSITIVE);
                in.expect(Kind.LP, "'(' after 'in'");
                List<Expr> items = new ArrayList<>();
                do {
                    items.add(expression());
                } while (in.accept(Kind.COMMA));
                int end = in.expect(Kind.RP, "',' or ')'").end();
                return new Expr.In(value, List.copyOf(items), negated, insensitive, value.start(), end);
            }
            case SEQ, LIKE, LIKE_INSENSITIVE, REGEX, REGEX_INSENSITIVE -> {
                Token op = in.next();
                MatchKind kind = switch (op.kind()) {
                    case SEQ -> MatchKind.SEQ;
                    case LIKE, LIKE_INSENSITIVE -> MatchKind.LIKE;
                    default -> MatchKind.REGEX;
                };
                boolean insensitive = op.is(Kind.SEQ) || op.is(Kind.LIKE_INSENSITIVE) || op.is(Kind.REGEX_INSENSITIVE);
                List<Expr.Literal> patterns = new ArrayList<>();
                int end;
                if (in.accept(Kind.LP)) {
                    do {
                        patterns.add(constant("a constant after " + op.describe()));
                    } while (in.accept(Kind.COMMA));
                    end = in.expect(Kind.RP, "',' or ')'").end();
                } else {
                    Expr.Literal pattern =
                            constant("a constant or a parenthesized list of constants after " + op.describe());
                    patterns.add(pattern);
                    end = pattern.end();
                }
                return new Expr.Match(kind, insensitive, value, List.copyOf(patterns), value.start(), end);
            }
            default -> {
                return value;
            }
        }
    }

    private Expr primary() {
        Token t = in.peek();
        switch (t.kind()) {
            case NULL, TRUE, FALSE, STRING, INTEGER, DECIMAL -> {
                return constant("a constant");
            }
            case LP -> {
                in.next();
                Expr inner = expression();
                int end = in.expect(Kind.RP, "')'").end();
                return Spans.with(inner, t.start(), end);
            }
            case TILDE_IDENTIFIER -> {
                return call();
            }
            case IDENTIFIER -> {
                return in.peek(1).is(Kind.LP) ? call() : field();
            }
            case OPTIONAL, QUOTED_IDENTIFIER -> {
                return field();
            }
            default -> throw in.unexpected("an expression");
        }
    }

    private Expr call() {
        Token name = in.next();
        in.expect(Kind.LP, "'(' after function name " + name.describe());
        List<Expr> args = new ArrayList<>();
        if (!in.at(Kind.RP)) {
            do {
                args.add(expression());
            } while (in.accept(Kind.COMMA));
        }
        int end = in.expect(Kind.RP, "',' or ')'").end();
        return new Expr.Call(name.value(), name.is(Kind.TILDE_IDENTIFIER), List.copyOf(args), name.start(), end);
    }

    /** {@code [?] name (. name)*}, where a name is an identifier or a back-quoted identifier. */
    Expr.Field field() {
        int start = in.peek().start();
        boolean optional = in.accept(Kind.OPTIONAL);
        StringBuilder path = new StringBuilder(fieldName(optional ? "a field name after '?'" : "a field name"));
        while (true) {
            if (in.accept(Kind.DOT)) {
                path.append('.').append(fieldName("a field name after '.'"));
            } else if (in.at(Kind.LB) && in.peek(1).is(Kind.INTEGER)) {
                throw new EqlException(
                        "Array indexes are not supported", in.peek(1).start());
            } else {
                return new Expr.Field(path.toString(), optional, start, in.lastEnd());
            }
        }
    }

    private String fieldName(String what) {
        if (in.at(Kind.IDENTIFIER) || in.at(Kind.QUOTED_IDENTIFIER)) {
            return in.next().value();
        }
        if (in.peek().kind().isKeyword()) {
            Token k = in.peek();
            throw new EqlException(
                    "expected " + what + " but found keyword " + k.describe() + "; back-quote it to use it as a name: `"
                            + k.text() + "`",
                    k.start());
        }
        throw in.unexpected(what);
    }

    /** {@code null}, {@code true}, {@code false}, a number or a string (no sign: the grammar's constant). */
    private Expr.Literal constant(String what) {
        Token t = in.peek();
        Object value = switch (t.kind()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> {
                if (t.deferredError() != null) {
                    throw new EqlException(t.deferredError(), t.start());
                }
                yield t.value();
            }
            case INTEGER -> Numbers.integer(t);
            case DECIMAL -> Numbers.decimal(t);
            default -> throw in.unexpected(what);
        };
        in.next();
        return new Expr.Literal(value, t.start(), t.end());
    }
}
