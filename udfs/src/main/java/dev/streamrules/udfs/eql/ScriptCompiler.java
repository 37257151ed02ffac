package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.exec.EqlFunction;
import dev.streamrules.udfs.eql.exec.ScriptFunctions;
import dev.streamrules.udfs.eql.exec.ScriptLogic;
import dev.streamrules.udfs.eql.exec.ScriptPredicate;
import dev.streamrules.udfs.eql.exec.Value;
import dev.streamrules.udfs.eql.types.FieldInfo;
import dev.streamrules.udfs.eql.types.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles an expression into a script {@link Value}, checking types the way Elasticsearch's analyzer
 * does (its messages, at the offending operand). Each field occurrence becomes a slot of its own,
 * since Elasticsearch's scripts iterate each occurrence's values independently. Expressions without
 * fields are folded to constants, as Elasticsearch folds them while planning.
 */
final class ScriptCompiler {

    /** A compiled value and its Elasticsearch type name ({@code keyword}, {@code integer}, ..., {@code null}). */
    record Typed(Value value, String type, boolean foldable) {
        boolean isNull() {
            return "null".equals(type);
        }

        Object constant() {
            return ((Value.Constant) value).value();
        }
    }

    private final CompileContext context;
    private final List<FieldInfo> slots = new ArrayList<>();

    ScriptCompiler(CompileContext context) {
        this.context = context;
    }

    List<FieldInfo> slots() {
        return slots;
    }

    /** A script predicate over a boolean expression. */
    ScriptPredicate predicate(Expr e) {
        Typed t = compile(e);
        requireBoolean(e, t);
        return new ScriptPredicate(t.value(), slots);
    }

    void requireBoolean(Expr e, Typed t) {
        if (!t.type().equals("boolean") && !t.isNull()) {
            throw context.error(e, "Condition expression needs to be boolean, found [" + t.type() + "]");
        }
    }

    Typed compile(Expr e) {
        Typed t = compileUnfolded(e);
        if (t.foldable() && !(t.value() instanceof Value.Constant)) {
            try {
                return new Typed(new Value.Constant(t.value().eval(new Object[0])), t.type(), true);
            } catch (ArithmeticException | ScriptPredicate.ScriptError | ClassCastException ex) {
                throw context.error(e, "cannot evaluate [" + context.source(e) + "]: " + ex.getMessage());
            }
        }
        return t;
    }

    private Typed compileUnfolded(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        }
        if (e instanceof Expr.Field f) {
            return field(f);
        }
        if (e instanceof Expr.Not n) {
            Typed operand = compile(n.operand());
            requireBoolean(n.operand(), operand);
            return new Typed(new ScriptLogic.Not(operand.value()), "boolean", operand.foldable());
        }
        if (e instanceof Expr.And || e instanceof Expr.Or) {
            List<Expr> operands = e instanceof Expr.And a ? a.operands() : ((Expr.Or) e).operands();
            List<Value> values = new ArrayList<>();
            boolean foldable = true;
            for (Expr operand : operands) {
                Typed t = compile(operand);
                requireBoolean(operand, t);
                values.add(t.value());
                foldable &= t.foldable();
            }
            return new Typed(new ScriptLogic.Logical(e instanceof Expr.And, values), "boolean", foldable);
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
        if (e instanceof Expr.Arithmetic a) {
            Typed l = numeric(a, 0, a.left());
            Typed r = numeric(a, 1, a.right());
            char op = ExprPrinter.arithmeticSymbol(a.op()).charAt(0);
            return new Typed(
                    new ScriptFunctions.Arithmetic(op, l.value(), r.value()),
                    widen(l, r),
                    l.foldable() && r.foldable());
        }
        Expr.Negate n = (Expr.Negate) e;
        Typed operand = numeric(n, 0, n.operand());
        return new Typed(
                new ScriptFunctions.Arithmetic('n', operand.value(), null), operand.type(), operand.foldable());
    }

    static Typed literal(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return new Typed(new Value.Constant(l.intValue()), "integer", true);
        }
        String type = value == null
                ? "null"
                : value instanceof String
                        ? "keyword"
                        : value instanceof Long ? "long" : value instanceof Double ? "double" : "boolean";
        return new Typed(new Value.Constant(value), type, true);
    }

    private Typed field(Expr.Field f) {
        FieldInfo info = context.resolve(f);
        if (info == null) {
            return literal(null);
        }
        if (info.type() == FieldType.TEXT && !info.hasExact()) {
            throw context.error(
                    f,
                    "[" + f.path() + "] of data type [text] cannot be used in a script:"
                            + " No keyword/multi-field defined exact matches for [" + f.path()
                            + "]; define one or use MATCH/QUERY instead");
        }
        slots.add(info);
        String type = info.type() == FieldType.LONG || info.type() == FieldType.DOUBLE
                ? info.esType()
                : info.type() == FieldType.TEXT ? "keyword" : CompileContext.typeName(info);
        return new Typed(new Value.Slot(slots.size() - 1, info.path()), type, false);
    }

    private Typed compare(Expr.Compare c) {
        Typed l = compile(c.left());
        Typed r = compile(c.right());
        if (r.isNull() && (c.op() == Expr.CompareOp.EQ || c.op() == Expr.CompareOp.NEQ)) {
            return new Typed(new ScriptLogic.IsNull(l.value(), c.op() == Expr.CompareOp.NEQ), "boolean", l.foldable());
        }
        // Elasticsearch first moves literals to the right, so null == f(x) is f(x) == null; null == "x" stays null.
        if (l.isNull() && !r.foldable() && (c.op() == Expr.CompareOp.EQ || c.op() == Expr.CompareOp.NEQ)) {
            return new Typed(new ScriptLogic.IsNull(r.value(), c.op() == Expr.CompareOp.NEQ), "boolean", r.foldable());
        }
        return new Typed(
                new ScriptLogic.Compare(ExprPrinter.compareSymbol(c.op()), l.value(), r.value()),
                "boolean",
                l.foldable() && r.foldable());
    }

    private Typed in(Expr.In in) {
        Typed value = compile(in.value());
        List<Value> items = new ArrayList<>();
        boolean foldable = value.foldable();
        for (int i = 0; i < in.items().size(); i++) {
            Expr item = in.items().get(i);
            Typed t = compile(item);
            if (!t.foldable()) {
                throw context.error(
                        item,
                        "Comparisons against variables are not (currently) supported; offender [" + context.name(item)
                                + "] in [" + context.source(in) + "]");
            }
            if (!TypeRules.compatible(value.type(), t.type())) {
                // Elasticsearch's In counts the list items alone, with numeric ordinals (1st, 2nd, ...).
                throw context.error(
                        item,
                        TypeRules.ordinal(i + 1) + " argument of [" + context.source(in) + "] must be [" + value.type()
                                + "], found value [" + context.name(item) + "] type [" + t.type() + "]");
            }
            items.add(t.value());
        }
        Value v = new ScriptLogic.In(value.value(), items, in.caseInsensitive());
        return new Typed(in.negated() ? new ScriptLogic.Not(v) : v, "boolean", foldable);
    }

    private Typed match(Expr.Match m) {
        Typed value = string(m, 0, m.value());
        List<Pattern> patterns = new ArrayList<>();
        for (Expr.Literal p : m.patterns()) {
            if (!(p.value() instanceof String s)) {
                throw context.typeError(m, 1, p, "string", literal(p.value()).type());
            }
            patterns.add(javaPattern(m, p, s));
        }
        return new Typed(new ScriptLogic.Matches(value.value(), patterns), "boolean", value.foldable());
    }

    private Pattern javaPattern(Expr.Match m, Expr.Literal at, String pattern) {
        boolean ci = m.caseInsensitive() || m.kind() == Expr.MatchKind.SEQ;
        if (m.kind() == Expr.MatchKind.REGEX) {
            try {
                return Pattern.compile(pattern, ci ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException ex) {
                throw context.error(at, "Invalid regex [" + pattern + "]: " + ex.getDescription());
            }
        }
        if (m.kind() == Expr.MatchKind.SEQ && !ConditionCompiler.hasWildcard(pattern)) {
            return Pattern.compile(Pattern.quote(pattern), Pattern.CASE_INSENSITIVE);
        }
        return ScriptLogic.wildcardRegex(pattern, ci);
    }

    private Typed call(Expr.Call c) {
        EqlFunction f = ConditionCompiler.resolveFunction(context, c);
        List<Expr> args = c.args();
        Value[] values = new Value[args.size()];
        Typed[] typed = new Typed[args.size()];
        boolean foldable = true;
        for (int i = 0; i < args.size(); i++) {
            typed[i] = argument(c, f, i, args.get(i));
            values[i] = typed[i].value();
            foldable &= typed[i].foldable();
        }
        String type = f.returnsBoolean()
                ? "boolean"
                : f == EqlFunction.LENGTH || f == EqlFunction.INDEXOF
                        ? "integer"
                        : f.isArithmetic() ? widen(typed[0], typed[1]) : f == EqlFunction.NUMBER ? "double" : "keyword";
        return new Typed(new ScriptFunctions.Call(f, c.caseInsensitive(), values), type, foldable);
    }

    /** One argument of a function, type-checked as Elasticsearch's function of that name checks it. */
    private Typed argument(Expr.Call c, EqlFunction f, int i, Expr arg) {
        switch (f) {
            case ADD:
            case SUBTRACT:
            case MULTIPLY:
            case DIVIDE:
            case MODULO:
                return numeric(c, i, arg);
            case LENGTH:
            case STARTSWITH:
            case ENDSWITH:
            case STRINGCONTAINS:
                return string(c, i, arg);
            case BETWEEN:
                return i < 3 ? string(c, i, arg) : typed(c, i, arg, "boolean", Set.of("boolean"));
            case INDEXOF:
                return i < 2 ? string(c, i, arg) : typed(c, i, arg, "integer", TypeRules.NUMERIC);
            case SUBSTRING:
                return i == 0 ? string(c, i, arg) : typed(c, i, arg, "integer", TypeRules.NUMERIC);
            case NUMBER:
                return i == 0 ? string(c, i, arg) : typed(c, i, arg, "integer", TypeRules.NUMERIC);
            case CIDRMATCH:
                if (i == 0) {
                    return typed(c, i, arg, "ip", Set.of("ip"));
                }
                Typed block = string(c, i, arg);
                if (!block.foldable()) {
                    throw context.error(
                            arg,
                            "Comparisons against fields are not (currently) supported; offender [" + context.name(arg)
                                    + "] in [cidrMatch]");
                }
                return block;
            default:
                return compile(arg);
        }
    }

    private Typed numeric(Expr owner, int i, Expr arg) {
        return typed(owner, i, arg, "numeric", TypeRules.NUMERIC);
    }

    private Typed string(Expr owner, int i, Expr arg) {
        return typed(owner, i, arg, "string", TypeRules.STRING);
    }

    private Typed typed(Expr owner, int i, Expr arg, String expected, Set<String> accepted) {
        Typed t = compile(arg);
        if (!t.isNull() && !accepted.contains(t.type())) {
            throw context.typeError(owner, i, arg, expected, t.type());
        }
        return t;
    }

    private static String widen(Typed l, Typed r) {
        return TypeRules.widen(l.type(), r.type());
    }
}
