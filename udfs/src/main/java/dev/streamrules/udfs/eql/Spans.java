package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;

/**
 * Copies of a node with another character range: a parenthesised expression's node covers its
 * parentheses, and a unary plus (which the tree drops) extends its operand's range.
 */
final class Spans {

    private Spans() {}

    static Expr withStart(Expr e, int start) {
        return with(e, start, e.end());
    }

    static Expr with(Expr e, int start, int end) {
        if (e instanceof Expr.Literal n) {
            return new Expr.Literal(n.value(), start, end);
        } else if (e instanceof Expr.Field n) {
            return new Expr.Field(n.path(), n.optional(), start, end);
        } else if (e instanceof Expr.Not n) {
            return new Expr.Not(n.operand(), start, end);
        } else if (e instanceof Expr.And n) {
            return new Expr.And(n.operands(), start, end);
        } else if (e instanceof Expr.Or n) {
            return new Expr.Or(n.operands(), start, end);
        } else if (e instanceof Expr.Compare n) {
            return new Expr.Compare(n.op(), n.left(), n.right(), start, end);
        } else if (e instanceof Expr.In n) {
            return new Expr.In(n.value(), n.items(), n.negated(), n.caseInsensitive(), start, end);
        } else if (e instanceof Expr.Match n) {
            return new Expr.Match(n.kind(), n.caseInsensitive(), n.value(), n.patterns(), start, end);
        } else if (e instanceof Expr.Call n) {
            return new Expr.Call(n.name(), n.caseInsensitive(), n.args(), start, end);
        } else if (e instanceof Expr.Arithmetic n) {
            return new Expr.Arithmetic(n.op(), n.left(), n.right(), start, end);
        }
        Expr.Negate n = (Expr.Negate) e;
        return new Expr.Negate(n.operand(), start, end);
    }
}
