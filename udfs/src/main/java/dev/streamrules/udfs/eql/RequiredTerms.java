package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.types.FieldInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The term clauses a condition cannot match without: its top-level conjuncts of the form
 * {@code field == "x"}, {@code field in (...)}, {@code field : "x"} / {@code field : (...)} without
 * wildcards, and {@code field like "x"} without wildcards, on exact string fields.
 */
final class RequiredTerms {

    private RequiredTerms() {}

    static List<TermClause> of(Expr condition, CompileContext context) {
        List<Expr> conjuncts = condition instanceof Expr.And a ? a.operands() : List.of(condition);
        List<TermClause> out = new ArrayList<>();
        for (Expr e : conjuncts) {
            TermClause clause = clause(e, context);
            if (clause != null) {
                out.add(clause);
            }
        }
        return out;
    }

    private static TermClause clause(Expr e, CompileContext context) {
        if (e instanceof Expr.Compare c && c.op() == Expr.CompareOp.EQ) {
            Expr.Field f = c.left() instanceof Expr.Field lf ? lf : c.right() instanceof Expr.Field rf ? rf : null;
            Expr other = f == c.left() ? c.right() : c.left();
            if (f != null && other instanceof Expr.Literal l && l.value() != null) {
                return clause(f, List.of(l), false, context);
            }
        }
        if (e instanceof Expr.In in
                && !in.negated()
                && in.value() instanceof Expr.Field f
                && in.items().stream().allMatch(i -> i instanceof Expr.Literal)) {
            List<Expr.Literal> items = new ArrayList<>();
            in.items().forEach(i -> items.add((Expr.Literal) i));
            return clause(f, items, in.caseInsensitive(), context);
        }
        if (e instanceof Expr.Match m && m.kind() != Expr.MatchKind.REGEX && m.value() instanceof Expr.Field f) {
            for (Expr.Literal p : m.patterns()) {
                String s = (String) p.value();
                if (ConditionCompiler.hasWildcard(s) || (m.kind() == Expr.MatchKind.LIKE && s.indexOf('\\') >= 0)) {
                    return null;
                }
            }
            return clause(f, m.patterns(), m.caseInsensitive() || m.kind() == Expr.MatchKind.SEQ, context);
        }
        return null;
    }

    private static TermClause clause(Expr.Field f, List<Expr.Literal> literals, boolean ci, CompileContext context) {
        FieldInfo info = context.types.lookup(f.path());
        if (info == null || !info.type().isString() || !info.hasExact()) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (Expr.Literal l : literals) {
            if (l.value() != null) {
                String term = FieldQueries.termText(l.value());
                values.add(ci ? WildcardPattern.foldKey(term) : term);
            }
        }
        return values.isEmpty() ? null : new TermClause(info.path(), values, ci);
    }
}
