package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.exec.EqlFunction;
import dev.streamrules.udfs.eql.exec.FieldPredicate;
import dev.streamrules.udfs.eql.exec.IpAddresses;
import dev.streamrules.udfs.eql.exec.Logic;
import dev.streamrules.udfs.eql.exec.Predicate;
import dev.streamrules.udfs.eql.exec.ScriptLogic;
import dev.streamrules.udfs.eql.exec.ScriptPredicate;
import dev.streamrules.udfs.eql.exec.ValueTests;
import dev.streamrules.udfs.eql.types.FieldInfo;
import dev.streamrules.udfs.eql.types.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a condition the way Elasticsearch's EQL planner does (after its optimizer pushed the
 * negations down, see {@link Negations}): a comparison, lookup, match or known function whose subject
 * is a field becomes an index query ({@link FieldQueries}); {@code and}/{@code or}/{@code not} become
 * bool queries over their children; anything else becomes a script query ({@link ScriptCompiler}).
 * Literals go to the right of a comparison; a comparison whose right side reads a field is refused,
 * as Elasticsearch refuses it.
 */
final class ConditionCompiler {

    private final CompileContext context;
    private final FieldQueries fieldQueries;

    ConditionCompiler(CompileContext context) {
        this.context = context;
        this.fieldQueries = new FieldQueries(context);
    }

    Predicate condition(Expr e) {
        if (foldable(e)) {
            ScriptCompiler.Typed t = new ScriptCompiler(context).compile(e);
            new ScriptCompiler(context).requireBoolean(e, t);
            return Logic.Constant.of(Boolean.TRUE.equals(t.constant()));
        }
        if (e instanceof Expr.And a) {
            return junction(a.operands(), true);
        }
        if (e instanceof Expr.Or o) {
            return junction(o.operands(), false);
        }
        if (e instanceof Expr.Not n) {
            Predicate inner = condition(n.operand());
            if (inner instanceof ScriptPredicate script) {
                // Elasticsearch keeps a negated script a script: not(null) is still null, no match.
                return new ScriptPredicate(new ScriptLogic.Not(script.expression()), script.slots());
            }
            return new Logic.MustNot(inner);
        }
        if (e instanceof Expr.Field f) {
            FieldInfo info = context.resolve(f);
            if (info.type() != FieldType.BOOLEAN) {
                throw context.error(
                        f, "Condition expression needs to be boolean, found [" + CompileContext.typeName(info) + "]");
            }
            return fieldQueries.compare(Expr.CompareOp.EQ, info, true, f);
        }
        if (e instanceof Expr.Compare c) {
            return compare(c);
        }
        if (e instanceof Expr.In in) {
            return in(in);
        }
        if (e instanceof Expr.Match m) {
            return match(m);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        return new ScriptCompiler(context).predicate(e);
    }

    /** A bool query of {@code filter} (and) or {@code should} (or) children; constants fold away. */
    private Predicate junction(List<Expr> operands, boolean conjunction) {
        Logic.Constant absorbing = Logic.Constant.of(!conjunction);
        List<Predicate> children = new ArrayList<>();
        for (Expr operand : operands) {
            Predicate p = condition(operand);
            if (p == absorbing) {
                return p;
            }
            if (p != Logic.Constant.of(conjunction)) {
                children.add(p);
            }
        }
        if (children.isEmpty()) {
            return Logic.Constant.of(conjunction);
        }
        return children.size() == 1 ? children.get(0) : conjunction ? new Logic.All(children) : new Logic.Any(children);
    }

    private Predicate compare(Expr.Compare c) {
        Expr left = c.left();
        Expr right = c.right();
        Expr.CompareOp op = c.op();
        if (foldable(left) && !foldable(right)) {
            left = c.right();
            right = c.left();
            op = reverse(op);
        }
        if (!foldable(right)) {
            throw context.error(
                    right,
                    "Comparisons against fields are not (currently) supported; offender [" + context.name(right)
                            + "] in [" + ExprPrinter.compareSymbol(op) + "]");
        }
        ScriptCompiler.Typed value = new ScriptCompiler(context).compile(right);
        FieldInfo field = left instanceof Expr.Field f ? context.resolve(f) : null;
        if (field == null) {
            ScriptCompiler scripts = new ScriptCompiler(context);
            Expr.Compare normalized = new Expr.Compare(op, left, right, c.start(), c.end());
            return scripts.predicate(normalized);
        }
        if (field.type().isString()) {
            fieldQueries.requireExact(field, left, ExprPrinter.compareSymbol(op));
        }
        Object constant = value.constant();
        if (constant == null) {
            if (op == Expr.CompareOp.EQ) {
                return new Logic.MustNot(FieldPredicate.exists(field));
            }
            return op == Expr.CompareOp.NEQ ? FieldPredicate.exists(field) : Logic.Constant.FALSE;
        }
        return fieldQueries.compare(op, field, constant, right);
    }

    private Predicate in(Expr.In in) {
        // Type-check the whole lookup as Elasticsearch's analyzer does, whatever it compiles to.
        ScriptCompiler scripts = new ScriptCompiler(context);
        ScriptCompiler.Typed typed = scripts.compile(in);
        FieldInfo field = in.value() instanceof Expr.Field f ? context.resolve(f) : null;
        if (field == null) {
            return new ScriptPredicate(typed.value(), scripts.slots());
        }
        List<Object> values = new ArrayList<>();
        for (Expr item : in.items()) {
            Object v = new ScriptCompiler(context).compile(item).constant();
            if (v != null) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return Logic.Constant.FALSE; // all nulls: null, and not(null) is null too
        }
        Predicate terms = fieldQueries.terms(field, values, in.caseInsensitive(), in);
        return in.negated() ? new Logic.MustNot(terms) : terms;
    }

    private Predicate match(Expr.Match m) {
        FieldInfo field = m.value() instanceof Expr.Field f ? context.resolve(f) : null;
        if (field == null) {
            ScriptCompiler scripts = new ScriptCompiler(context);
            ScriptCompiler.Typed typed = scripts.compile(m);
            return new ScriptPredicate(typed.value(), scripts.slots());
        }
        // A field subject is a wildcard, term or regexp query: Lucene's syntax, not the script's Java regex.
        if (!field.type().isString()) {
            throw context.typeError(m, 0, m.value(), "string", CompileContext.typeName(field));
        }
        for (Expr.Literal p : m.patterns()) {
            if (!(p.value() instanceof String)) {
                throw context.typeError(
                        m, 1, p, "string", ScriptCompiler.literal(p.value()).type());
            }
        }
        return fieldQueries.match(m, field);
    }

    private Predicate call(Expr.Call c) {
        ScriptCompiler scripts = new ScriptCompiler(context);
        ScriptCompiler.Typed typed = scripts.compile(c);
        scripts.requireBoolean(c, typed);
        EqlFunction f = resolveFunction(context, c);
        Expr subject = c.args().get(0);
        FieldInfo field = subject instanceof Expr.Field fr ? context.resolve(fr) : null;
        boolean constantRest = c.args().subList(1, c.args().size()).stream().allMatch(this::foldable);
        if (field != null && constantRest) {
            Predicate query = fieldQueries.function(f, c, field);
            if (query != null) {
                return query;
            }
        }
        return new ScriptPredicate(typed.value(), scripts.slots());
    }

    static EqlFunction resolveFunction(CompileContext context, Expr.Call c) {
        EqlFunction f = EqlFunction.byName(c.name());
        if (f == null) {
            throw context.error(c, "Unknown function [" + c.name() + "]");
        }
        if (c.caseInsensitive() && !f.hasInsensitiveForm()) {
            throw context.error(
                    c, "Function [" + f.eqlName() + "] does not have a case-insensitive form [" + f.eqlName() + "~]");
        }
        if (c.args().size() < f.minArgs() || c.args().size() > f.maxArgs()) {
            throw context.error(c, "error building [" + f.eqlName() + "]: " + f.arityMessage());
        }
        return f;
    }

    /** No field is read: Elasticsearch folds it while planning. Unknown optional fields are null literals. */
    boolean foldable(Expr e) {
        if (e instanceof Expr.Field f) {
            return f.optional() && context.types.lookup(f.path()) == null;
        }
        if (e instanceof Expr.Literal) {
            return true;
        }
        for (Expr child : children(e)) {
            if (!foldable(child)) {
                return false;
            }
        }
        return true;
    }

    static List<Expr> children(Expr e) {
        if (e instanceof Expr.Not n) {
            return List.of(n.operand());
        }
        if (e instanceof Expr.And a) {
            return a.operands();
        }
        if (e instanceof Expr.Or o) {
            return o.operands();
        }
        if (e instanceof Expr.Compare c) {
            return List.of(c.left(), c.right());
        }
        if (e instanceof Expr.In in) {
            List<Expr> all = new ArrayList<>(in.items());
            all.add(0, in.value());
            return all;
        }
        if (e instanceof Expr.Match m) {
            return List.of(m.value());
        }
        if (e instanceof Expr.Call c) {
            return c.args();
        }
        if (e instanceof Expr.Arithmetic a) {
            return List.of(a.left(), a.right());
        }
        if (e instanceof Expr.Negate n) {
            return List.of(n.operand());
        }
        return List.of();
    }

    static Expr.CompareOp reverse(Expr.CompareOp op) {
        switch (op) {
            case LT:
                return Expr.CompareOp.GT;
            case LTE:
                return Expr.CompareOp.GTE;
            case GT:
                return Expr.CompareOp.LT;
            case GTE:
                return Expr.CompareOp.LTE;
            default:
                return op;
        }
    }

    /** The {@code :} operator is a wildcard query when a pattern has {@code *} or {@code ?}, else a term query. */
    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    static IpAddresses.Block ipBlock(CompileContext context, Expr at, String text) {
        IpAddresses.Block block = IpAddresses.Block.parse(text);
        if (block == null) {
            throw context.error(at, "'" + text + "' is not an IP string literal.");
        }
        return block;
    }

    static ValueTests.StringTerms exactTerms(List<String> values, boolean ci) {
        return new ValueTests.StringTerms(new java.util.LinkedHashSet<>(values), ci);
    }
}
