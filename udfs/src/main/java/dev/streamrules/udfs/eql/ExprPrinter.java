package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree back to EQL text that parses to the same tree: every compound operand is
 * parenthesized, strings are escaped, field names back-quoted when they need it.
 */
public final class ExprPrinter {

    private ExprPrinter() {}

    public static String print(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        }
        if (e instanceof Expr.Field f) {
            return (f.optional() ? "?" : "") + field(f.path());
        }
        if (e instanceof Expr.Not n) {
            return "not " + operand(n.operand());
        }
        if (e instanceof Expr.And a) {
            return join(a.operands(), " and ");
        }
        if (e instanceof Expr.Or o) {
            return join(o.operands(), " or ");
        }
        if (e instanceof Expr.Compare c) {
            return operand(c.left()) + " " + compareSymbol(c.op()) + " " + operand(c.right());
        }
        if (e instanceof Expr.In in) {
            return operand(in.value())
                    + (in.negated() ? " not in" : " in")
                    + (in.caseInsensitive() ? "~ " : " ")
                    + in.items().stream().map(ExprPrinter::print).collect(Collectors.joining(", ", "(", ")"));
        }
        if (e instanceof Expr.Match m) {
            String op = m.kind() == Expr.MatchKind.SEQ ? ":" : m.kind() == Expr.MatchKind.LIKE ? "like" : "regex";
            String patterns = m.patterns().size() == 1
                    ? print(m.patterns().get(0))
                    : m.patterns().stream().map(ExprPrinter::print).collect(Collectors.joining(", ", "(", ")"));
            return operand(m.value()) + " " + op + (m.caseInsensitive() && m.kind() != Expr.MatchKind.SEQ ? "~ " : " ")
                    + patterns;
        }
        if (e instanceof Expr.Call c) {
            return c.name()
                    + (c.caseInsensitive() ? "~" : "")
                    + c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ", "(", ")"));
        }
        if (e instanceof Expr.Arithmetic a) {
            return operand(a.left()) + " " + arithmeticSymbol(a.op()) + " " + operand(a.right());
        }
        Expr.Negate n = (Expr.Negate) e;
        return "-" + operand(n.operand());
    }

    public static String compareSymbol(Expr.CompareOp op) {
        switch (op) {
            case EQ:
                return "==";
            case NEQ:
                return "!=";
            case LT:
                return "<";
            case LTE:
                return "<=";
            case GT:
                return ">";
            default:
                return ">=";
        }
    }

    public static String arithmeticSymbol(Expr.ArithmeticOp op) {
        switch (op) {
            case ADD:
                return "+";
            case SUB:
                return "-";
            case MUL:
                return "*";
            case DIV:
                return "/";
            default:
                return "%";
        }
    }

    private static String join(List<Expr> operands, String separator) {
        return operands.stream().map(ExprPrinter::operand).collect(Collectors.joining(separator));
    }

    /** Atoms print bare; anything with an operator inside is parenthesized. */
    private static String operand(Expr e) {
        boolean atom = e instanceof Expr.Literal || e instanceof Expr.Field || e instanceof Expr.Call;
        if (atom && e instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() < 0) {
            atom = false;
        }
        return atom ? print(e) : "(" + print(e) + ")";
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"':
                        out.append("\\\"");
                        break;
                    case '\\':
                        out.append("\\\\");
                        break;
                    case '\n':
                        out.append("\\n");
                        break;
                    case '\r':
                        out.append("\\r");
                        break;
                    case '\t':
                        out.append("\\t");
                        break;
                    default:
                        out.append(c);
                }
            }
            return out.append('"').toString();
        }
        return value.toString();
    }

    private static String field(String path) {
        boolean plain = !path.isEmpty()
                && (Character.isLetter(path.charAt(0)) || path.charAt(0) == '_' || path.charAt(0) == '@');
        for (int i = 0; i < path.length() && plain; i++) {
            char c = path.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@';
        }
        return plain ? path : "`" + path.replace("`", "``") + "`";
    }
}
