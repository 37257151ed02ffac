package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes {@code not} down the way Elasticsearch's query optimizer does before it builds the query
 * (its boolean simplification negates whatever is "negatable"): {@code not (a and b)} becomes
 * {@code not a or not b}, {@code not (x < 5)} becomes {@code x >= 5}, {@code not (x == 1)} becomes
 * {@code x != 1}, double negations cancel, and {@code not in} flips. This matters: {@code x >= 5} is
 * a range query, false on a missing field, where a {@code must_not} around {@code x < 5} would be
 * true; and a script child keeps its own null semantics instead of being wrapped in a
 * {@code must_not}. What is not negatable (matches, function calls, fields) keeps its {@code not}.
 */
final class Negations {

    private Negations() {}

    static Expr push(Expr e) {
        if (e instanceof Expr.Not n) {
            return negate(n.operand(), n);
        }
        if (e instanceof Expr.And a) {
            return new Expr.And(pushAll(a.operands()), a.start(), a.end());
        }
        if (e instanceof Expr.Or o) {
            return new Expr.Or(pushAll(o.operands()), o.start(), o.end());
        }
        return e;
    }

    private static List<Expr> pushAll(List<Expr> operands) {
        List<Expr> out = new ArrayList<>(operands.size());
        for (Expr operand : operands) {
            out.add(push(operand));
        }
        return out;
    }

    /** {@code not e}, with {@code at} the original {@code not} node (for its position). */
    private static Expr negate(Expr e, Expr.Not at) {
        if (e instanceof Expr.Not n) {
            return push(n.operand());
        }
        if (e instanceof Expr.And a) {
            return new Expr.Or(negateAll(a.operands()), at.start(), at.end());
        }
        if (e instanceof Expr.Or o) {
            return new Expr.And(negateAll(o.operands()), at.start(), at.end());
        }
        if (e instanceof Expr.Compare c) {
            return new Expr.Compare(negate(c.op()), c.left(), c.right(), c.start(), c.end());
        }
        if (e instanceof Expr.In in) {
            return new Expr.In(in.value(), in.items(), !in.negated(), in.caseInsensitive(), in.start(), in.end());
        }
        if (e instanceof Expr.Literal l && l.value() instanceof Boolean b) {
            return new Expr.Literal(!b, at.start(), at.end());
        }
        return new Expr.Not(e, at.start(), at.end());
    }

    private static List<Expr> negateAll(List<Expr> operands) {
        List<Expr> out = new ArrayList<>(operands.size());
        for (Expr operand : operands) {
            out.add(negate(operand, new Expr.Not(operand, operand.start(), operand.end())));
        }
        return out;
    }

    static Expr.CompareOp negate(Expr.CompareOp op) {
        switch (op) {
            case EQ:
                return Expr.CompareOp.NEQ;
            case NEQ:
                return Expr.CompareOp.EQ;
            case LT:
                return Expr.CompareOp.GTE;
            case LTE:
                return Expr.CompareOp.GT;
            case GT:
                return Expr.CompareOp.LTE;
            default:
                return Expr.CompareOp.LT;
        }
    }
}
