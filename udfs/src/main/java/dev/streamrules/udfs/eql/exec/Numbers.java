package dev.streamrules.udfs.eql.exec;

import java.math.BigDecimal;

/**
 * Number arithmetic and comparison as Elasticsearch's EQL scripts do it: a double operand makes the
 * result a double, else a long operand a long, else an int; integer division truncates; overflow and
 * integer division by zero are errors (Elasticsearch fails the search; a compiled rule does not match).
 */
public final class Numbers {

    private Numbers() {}

    public static int compare(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double da = a.doubleValue();
        double db = b.doubleValue();
        if (Double.isNaN(da) || Double.isNaN(db) || Double.isInfinite(da) || Double.isInfinite(db)) {
            return Double.compare(da, db);
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Number n) {
        return isIntegral(n) ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.doubleValue());
    }

    public static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long;
    }

    public static Number apply(char op, Number l, Number r) {
        if (l instanceof Double || r instanceof Double) {
            double a = l.doubleValue();
            double b = r.doubleValue();
            switch (op) {
                case '+':
                    return a + b;
                case '-':
                    return a - b;
                case '*':
                    return a * b;
                case '/':
                    return a / b;
                default:
                    return a % b;
            }
        }
        if (l instanceof Long || r instanceof Long) {
            return exact(op, l.longValue(), r.longValue());
        }
        // int arithmetic: computed wide, then an int overflow is an error like Math.addExact(int, int);
        // division and remainder wrap as Java's int operators do (MIN_VALUE / -1).
        long wide = exact(op, l.intValue(), r.intValue());
        return op == '/' || op == '%' ? (Number) (int) wide : (Number) Math.toIntExact(wide);
    }

    private static long exact(char op, long a, long b) {
        switch (op) {
            case '+':
                return Math.addExact(a, b);
            case '-':
                return Math.subtractExact(a, b);
            case '*':
                return Math.multiplyExact(a, b);
            case '/':
                return a / b;
            default:
                return a % b;
        }
    }

    public static Number negate(Number n) {
        if (n instanceof Double) {
            return -n.doubleValue();
        }
        if (n instanceof Long) {
            return Math.negateExact(n.longValue());
        }
        return Math.negateExact(n.intValue());
    }
}
