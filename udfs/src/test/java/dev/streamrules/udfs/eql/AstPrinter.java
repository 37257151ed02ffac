package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test-side views of a syntax tree: an s-expression ({@code (and (== process.name "cat") (in x [1 2]))})
 * to compare whole trees against one expected line, and the pre-order list of nodes to check ranges.
 */
final class AstPrinter {

    private AstPrinter() {}

    static String print(Query q) {
        if (q instanceof Query.Event e) {
            return "(event " + (e.category() == null ? "any" : e.category()) + " " + print(e.condition()) + ")";
        }
        if (q instanceof Query.Sequence s) {
            return "(sequence" + keys(s.by()) + (s.maxspan() == null ? "" : " maxspan=" + s.maxspan())
                    + s.steps().stream()
                            .map(AstPrinter::print)
                            .map(t -> " " + t)
                            .collect(Collectors.joining())
                    + (s.until() == null ? "" : " until " + print(s.until())) + ")";
        }
        Query.Sample s = (Query.Sample) q;
        return "(sample" + keys(s.by())
                + s.steps().stream().map(AstPrinter::print).map(t -> " " + t).collect(Collectors.joining()) + ")";
    }

    static String print(Query.Step s) {
        return "(" + (s.missing() ? "missing " : "step ") + print(s.query()) + keys(s.by())
                + (s.runs() == 1 ? "" : " runs=" + s.runs()) + ")";
    }

    private static String keys(List<Expr> keys) {
        return keys.isEmpty() ? "" : " by " + list(keys);
    }

    static String print(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        } else if (e instanceof Expr.Field f) {
            boolean plain = f.path().matches("[A-Za-z0-9_@.]+");
            return (f.optional() ? "?" : "") + (plain ? f.path() : "`" + f.path() + "`");
        } else if (e instanceof Expr.Not n) {
            return "(not " + print(n.operand()) + ")";
        } else if (e instanceof Expr.And a) {
            return "(and " + join(a.operands()) + ")";
        } else if (e instanceof Expr.Or o) {
            return "(or " + join(o.operands()) + ")";
        } else if (e instanceof Expr.Compare c) {
            String op = switch (c.op()) {
                case EQ -> "==";
                case NEQ -> "!=";
                case LT -> "<";
                case LTE -> "<=";
                case GT -> ">";
                case GTE -> ">=";
            };
            return "(" + op + " " + print(c.left()) + " " + print(c.right()) + ")";
        } else if (e instanceof Expr.In i) {
            return "(" + (i.negated() ? "not-in" : "in") + (i.caseInsensitive() ? "~ " : " ") + print(i.value()) + " "
                    + list(i.items()) + ")";
        } else if (e instanceof Expr.Match m) {
            String op = switch (m.kind()) {
                case SEQ -> ":";
                case LIKE -> m.caseInsensitive() ? "like~" : "like";
                case REGEX -> m.caseInsensitive() ? "regex~" : "regex";
            };
            return "(" + op + " " + print(m.value()) + " " + list(m.patterns()) + ")";
        } else if (e instanceof Expr.Call c) {
            return "(call " + c.name() + (c.caseInsensitive() ? "~" : "")
                    + (c.args().isEmpty() ? "" : " ") + join(c.args()) + ")";
        } else if (e instanceof Expr.Arithmetic a) {
            String op = switch (a.op()) {
                case ADD -> "+";
                case SUB -> "-";
                case MUL -> "*";
                case DIV -> "/";
                case MOD -> "%";
            };
            return "(" + op + " " + print(a.left()) + " " + print(a.right()) + ")";
        }
        return "(neg " + print(((Expr.Negate) e).operand()) + ")";
    }

    private static String literal(Object v) {
        if (!(v instanceof String s)) {
            return String.valueOf(v);
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    private static String join(List<? extends Expr> es) {
        return es.stream().map(AstPrinter::print).collect(Collectors.joining(" "));
    }

    private static String list(List<? extends Expr> es) {
        return "[" + join(es) + "]";
    }

    /** The node and its descendants in pre-order. */
    static List<Expr> nodes(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        children(e).forEach(c -> collect(c, out));
    }

    static List<Expr> children(Expr e) {
        List<Expr> c = new ArrayList<>();
        if (e instanceof Expr.Not n) {
            c.add(n.operand());
        } else if (e instanceof Expr.And a) {
            c.addAll(a.operands());
        } else if (e instanceof Expr.Or o) {
            c.addAll(o.operands());
        } else if (e instanceof Expr.Compare x) {
            c.addAll(List.of(x.left(), x.right()));
        } else if (e instanceof Expr.In i) {
            c.add(i.value());
            c.addAll(i.items());
        } else if (e instanceof Expr.Match m) {
            c.add(m.value());
            c.addAll(m.patterns());
        } else if (e instanceof Expr.Call x) {
            c.addAll(x.args());
        } else if (e instanceof Expr.Arithmetic a) {
            c.addAll(List.of(a.left(), a.right()));
        } else if (e instanceof Expr.Negate n) {
            c.add(n.operand());
        }
        return c;
    }
}
