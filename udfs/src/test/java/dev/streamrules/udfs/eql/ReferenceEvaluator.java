package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Expr.CompareOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The semantics of Elasticsearch's EQL stated directly on the tree and a document given as
 * {@code field -> values} (strings for keyword fields, longs for {@code process.pid}), for the small
 * ASCII-only grammar {@link RandomQueries} generates. Query level: a predicate on a field is true when
 * some value satisfies it, false when the field has none, and its {@code not} is the complement;
 * negations over and/or/comparisons/in are pushed down first (Elasticsearch's optimizer); anything
 * else is a script: three-valued, tried on every combination of values (null for a missing field),
 * matching when some combination gives true.
 */
final class ReferenceEvaluator {

    private final Map<String, List<Object>> doc;

    ReferenceEvaluator(Map<String, List<Object>> doc) {
        this.doc = doc;
    }

    boolean matches(Expr e) {
        if (e instanceof Expr.Literal l) {
            return Boolean.TRUE.equals(l.value());
        }
        if (e instanceof Expr.And a) {
            return a.operands().stream().allMatch(this::matches);
        }
        if (e instanceof Expr.Or o) {
            return o.operands().stream().anyMatch(this::matches);
        }
        if (e instanceof Expr.Not n) {
            return notMatches(n.operand());
        }
        if (e instanceof Expr.Compare c && c.left() instanceof Expr.Field f && c.right() instanceof Expr.Literal l) {
            return fieldCompare(c.op(), f.path(), l.value());
        }
        if (e instanceof Expr.In in && in.value() instanceof Expr.Field f) {
            boolean any = values(f).stream()
                    .anyMatch(v -> in.items().stream()
                            .anyMatch(i -> equal(v, ((Expr.Literal) i).value(), in.caseInsensitive())));
            return any != in.negated();
        }
        if (e instanceof Expr.Match m && m.value() instanceof Expr.Field f) {
            return values(f).stream()
                    .anyMatch(v ->
                            m.patterns().stream().anyMatch(p -> patternMatches(m, (String) p.value(), (String) v)));
        }
        if (e instanceof Expr.Call c
                && c.name().equals("startsWith")
                && c.args().get(0) instanceof Expr.Field f) {
            String prefix = (String) ((Expr.Literal) c.args().get(1)).value();
            return values(f).stream()
                    .anyMatch(
                            v -> lower((String) v, c.caseInsensitive()).startsWith(lower(prefix, c.caseInsensitive())));
        }
        return script(e);
    }

    /** {@code not e}: pushed down where Elasticsearch pushes it, else the complement or a script. */
    private boolean notMatches(Expr e) {
        if (e instanceof Expr.And a) {
            return a.operands().stream().anyMatch(this::notMatches);
        }
        if (e instanceof Expr.Or o) {
            return o.operands().stream().allMatch(this::notMatches);
        }
        if (e instanceof Expr.Not n) {
            return matches(n.operand());
        }
        if (e instanceof Expr.Compare c) {
            return matches(new Expr.Compare(Negations.negate(c.op()), c.left(), c.right(), 0, 0));
        }
        if (e instanceof Expr.In in) {
            return matches(new Expr.In(in.value(), in.items(), !in.negated(), in.caseInsensitive(), 0, 0));
        }
        if (e instanceof Expr.Literal l) {
            return Boolean.FALSE.equals(l.value());
        }
        boolean fieldQuery = (e instanceof Expr.Match m && m.value() instanceof Expr.Field)
                || (e instanceof Expr.Call c
                        && c.name().equals("startsWith")
                        && c.args().get(0) instanceof Expr.Field);
        return fieldQuery ? !matches(e) : script(new Expr.Not(e, 0, 0));
    }

    private boolean fieldCompare(CompareOp op, String field, Object literal) {
        List<Object> values = doc.getOrDefault(field, List.of());
        if (literal == null) {
            return op == CompareOp.EQ ? values.isEmpty() : op == CompareOp.NEQ && !values.isEmpty();
        }
        if (op == CompareOp.NEQ) {
            return values.stream().noneMatch(v -> compare(v, literal) == 0);
        }
        return values.stream().anyMatch(v -> holds(op, compare(v, literal)));
    }

    private static boolean holds(CompareOp op, int c) {
        switch (op) {
            case EQ:
                return c == 0;
            case NEQ:
                return c != 0;
            case LT:
                return c < 0;
            case LTE:
                return c <= 0;
            case GT:
                return c > 0;
            default:
                return c >= 0;
        }
    }

    private static int compare(Object value, Object literal) {
        if (value instanceof Long v) {
            return Long.compare(v, ((Number) literal).longValue());
        }
        return ((String) value).compareTo(literal.toString());
    }

    private static boolean equal(Object value, Object literal, boolean ci) {
        if (literal == null) {
            return false;
        }
        return ci ? value.toString().equalsIgnoreCase(literal.toString()) : compare(value, literal) == 0;
    }

    private static boolean patternMatches(Expr.Match m, String pattern, String value) {
        boolean ci = m.caseInsensitive() || m.kind() == Expr.MatchKind.SEQ;
        String regex = m.kind() == Expr.MatchKind.REGEX
                ? pattern
                : Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return Pattern.compile(regex, ci ? Pattern.CASE_INSENSITIVE : 0)
                .matcher(value)
                .matches();
    }

    private static String lower(String s, boolean ci) {
        return ci ? s.toLowerCase(Locale.ROOT) : s;
    }

    private List<Object> values(Expr.Field f) {
        return doc.getOrDefault(f.path(), List.of());
    }

    // ---- scripts: three-valued, every combination of the fields' values ----

    private boolean script(Expr e) {
        List<Expr.Field> occurrences = new ArrayList<>();
        collectFields(e, occurrences);
        return anyCombination(e, occurrences, new Object[occurrences.size()], 0);
    }

    private boolean anyCombination(Expr e, List<Expr.Field> occurrences, Object[] bound, int i) {
        if (i == occurrences.size()) {
            return Boolean.TRUE.equals(new Script(occurrences, bound).eval(e));
        }
        List<Object> values = values(occurrences.get(i));
        if (values.isEmpty()) {
            bound[i] = null;
            return anyCombination(e, occurrences, bound, i + 1);
        }
        for (Object v : values) {
            bound[i] = v;
            if (anyCombination(e, occurrences, bound, i + 1)) {
                return true;
            }
        }
        return false;
    }

    private static void collectFields(Expr e, List<Expr.Field> out) {
        if (e instanceof Expr.Field f) {
            out.add(f);
        }
        for (Expr child : ConditionCompiler.children(e)) {
            collectFields(child, out);
        }
    }

    /** One combination of values, by field occurrence (identity). */
    private static final class Script {
        private final List<Expr.Field> occurrences;
        private final Object[] bound;

        Script(List<Expr.Field> occurrences, Object[] bound) {
            this.occurrences = occurrences;
            this.bound = bound;
        }

        Object eval(Expr e) {
            if (e instanceof Expr.Literal l) {
                return l.value() instanceof Long n ? (Object) n : l.value();
            }
            if (e instanceof Expr.Field f) {
                for (int i = 0; i < occurrences.size(); i++) {
                    if (occurrences.get(i) == f) {
                        return bound[i];
                    }
                }
                throw new IllegalStateException();
            }
            if (e instanceof Expr.Not n) {
                Object v = eval(n.operand());
                return v == null ? null : !(Boolean) v;
            }
            if (e instanceof Expr.Compare c) {
                Object l = eval(c.left());
                Object r = eval(c.right());
                if (r == null && (c.op() == CompareOp.EQ || c.op() == CompareOp.NEQ)) {
                    return (l == null) == (c.op() == CompareOp.EQ);
                }
                if (l == null || r == null || (l instanceof String) != (r instanceof String)) {
                    return null;
                }
                int cmp = l instanceof String s
                        ? s.compareTo((String) r)
                        : Long.compare(((Number) l).longValue(), ((Number) r).longValue());
                return holds(c.op(), cmp);
            }
            if (e instanceof Expr.Call c) {
                List<Object> args = new ArrayList<>();
                for (Expr a : c.args()) {
                    args.add(eval(a));
                }
                if (args.contains(null)) {
                    return null;
                }
                switch (c.name()) {
                    case "length":
                        return (long) ((String) args.get(0)).length();
                    case "concat":
                        return args.get(0).toString() + args.get(1);
                    default:
                        return lower((String) args.get(0), c.caseInsensitive())
                                .startsWith(lower((String) args.get(1), c.caseInsensitive()));
                }
            }
            if (e instanceof Expr.Arithmetic a) {
                Object l = eval(a.left());
                Object r = eval(a.right());
                return l == null || r == null ? null : (Object) (((Number) l).longValue() + ((Number) r).longValue());
            }
            if (e instanceof Expr.Match m) {
                Object v = eval(m.value());
                return v == null
                        ? null
                        : m.patterns().stream().anyMatch(p -> patternMatches(m, (String) p.value(), (String) v));
            }
            throw new IllegalArgumentException("not generated: " + e);
        }
    }
}
