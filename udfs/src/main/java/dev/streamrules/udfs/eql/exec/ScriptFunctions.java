package dev.streamrules.udfs.eql.exec;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * EQL's functions and arithmetic as Elasticsearch's processors compute them in scripts. Null in, null
 * out (except where noted); argument types are checked when the query is compiled.
 */
public final class ScriptFunctions {

    private ScriptFunctions() {}

    /** A function call; {@code caseInsensitive} is the {@code ~} form. */
    public static final class Call implements Value {
        private static final long serialVersionUID = 1L;
        private final EqlFunction function;
        private final boolean caseInsensitive;
        private final Value[] args;

        public Call(EqlFunction function, boolean caseInsensitive, Value[] args) {
            this.function = function;
            this.caseInsensitive = caseInsensitive;
            this.args = args;
        }

        @Override
        public Object eval(Object[] slots) {
            Object[] a = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                a[i] = args[i].eval(slots);
            }
            return apply(function, caseInsensitive, a);
        }

        @Override
        public String toString() {
            return function.eqlName() + (caseInsensitive ? "~" : "") + java.util.Arrays.toString(args);
        }
    }

    /** Infix arithmetic and unary minus ({@code op} is one of {@code + - * / %}, or {@code n} for negation). */
    public static final class Arithmetic implements Value {
        private static final long serialVersionUID = 1L;
        private final char op;
        private final Value left;
        private final Value right;

        public Arithmetic(char op, Value left, Value right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public Object eval(Object[] slots) {
            Object l = left.eval(slots);
            if (op == 'n') {
                return l == null ? null : Numbers.negate((Number) l);
            }
            Object r = right.eval(slots);
            return l == null || r == null ? null : Numbers.apply(op, (Number) l, (Number) r);
        }
    }

    static Object apply(EqlFunction f, boolean ci, Object[] a) {
        switch (f) {
            case ADD:
                return arithmetic('+', a);
            case SUBTRACT:
                return arithmetic('-', a);
            case MULTIPLY:
                return arithmetic('*', a);
            case DIVIDE:
                return arithmetic('/', a);
            case MODULO:
                return arithmetic('%', a);
            case LENGTH:
                return a[0] == null ? null : ((String) a[0]).length();
            case STRING:
                return a[0] == null ? null : a[0].toString();
            case CONCAT:
                return concat(a);
            case STARTSWITH:
                return a[0] == null || a[1] == null
                        ? null
                        : fold((String) a[0], ci).startsWith(fold((String) a[1], ci));
            case ENDSWITH:
                return a[0] == null || a[1] == null
                        ? null
                        : fold((String) a[0], ci).endsWith(fold((String) a[1], ci));
            case STRINGCONTAINS:
                return stringContains((String) a[0], (String) a[1], ci);
            case INDEXOF:
                return indexOf(a, ci);
            case BETWEEN:
                return between(a, ci);
            case SUBSTRING:
                return substring(a);
            case NUMBER:
                return number(a);
            case CIDRMATCH:
                return cidrMatch(a);
            default:
                throw new IllegalStateException(f.name());
        }
    }

    private static Object arithmetic(char op, Object[] a) {
        return a[0] == null || a[1] == null ? null : Numbers.apply(op, (Number) a[0], (Number) a[1]);
    }

    private static String fold(String s, boolean ci) {
        return ci ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static Object concat(Object[] a) {
        StringBuilder out = new StringBuilder();
        for (Object o : a) {
            if (o == null) {
                return null;
            }
            out.append(o);
        }
        return out.toString();
    }

    /** Empty text or an empty substring is {@code false} (Elasticsearch's processor), null is null. */
    private static Object stringContains(String s, String sub, boolean ci) {
        if (s == null || sub == null) {
            return null;
        }
        if (s.isEmpty() || sub.isEmpty()) {
            return false;
        }
        return fold(s, ci).contains(fold(sub, ci));
    }

    private static Object indexOf(Object[] a, boolean ci) {
        if (a[0] == null || a[1] == null) {
            return null;
        }
        int start = a.length > 2 && a[2] != null ? ((Number) a[2]).intValue() : 0;
        int found = fold((String) a[0], ci).indexOf(fold((String) a[1], ci), start);
        return found < 0 ? null : found;
    }

    /** The text between the first {@code left} and the next (greedy: the last) {@code right}; "" when absent. */
    private static Object between(Object[] a, boolean ci) {
        String s = (String) a[0];
        String left = (String) a[1];
        String right = (String) a[2];
        boolean greedy = a.length > 3 && Boolean.TRUE.equals(a[3]);
        if (s == null || s.isEmpty() || left == null || left.isEmpty() || right == null || right.isEmpty()) {
            return s;
        }
        String haystack = fold(s, ci);
        int at = haystack.indexOf(fold(left, ci));
        if (at < 0) {
            return "";
        }
        int start = at + left.length();
        int end = greedy ? haystack.lastIndexOf(fold(right, ci)) : haystack.indexOf(fold(right, ci), start);
        if (end < 0) {
            return "";
        }
        if (end < start) {
            // Greedy with the last right before the left's end: Elasticsearch's substring throws there.
            throw new ScriptPredicate.ScriptError("begin " + start + ", end " + end + ", length " + s.length());
        }
        return s.substring(start, end);
    }

    /** Python-like slice: negative positions count from the end, out-of-range positions are clamped. */
    private static Object substring(Object[] a) {
        String s = (String) a[0];
        if (s == null || s.isEmpty()) {
            return s;
        }
        int length = s.length();
        int start = a[1] == null ? 0 : ((Number) a[1]).intValue();
        int end = a.length > 2 && a[2] != null ? ((Number) a[2]).intValue() : length;
        if (start < 0) {
            start = Math.max(0, start + length);
        }
        if (end < 0) {
            end = Math.max(0, end + length);
        } else if (end > length) {
            end = length;
        }
        return start >= end ? "" : s.substring(start, end);
    }

    /** Base 10 parses decimals; other bases integers; a {@code 0x} prefix means base 16 when no base is given. */
    private static Object number(Object[] a) {
        String s = (String) a[0];
        if (s == null) {
            return null;
        }
        boolean hex = s.startsWith("0x");
        int radix = a.length > 1 && a[1] != null ? ((Number) a[1]).intValue() : hex ? 16 : 10;
        String digits = hex && radix == 16 ? s.substring(2) : s;
        if (radix == 10) {
            DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(Locale.ROOT);
            DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
            symbols.setDecimalSeparator('.');
            format.setGroupingUsed(false);
            format.setDecimalFormatSymbols(symbols);
            format.setNegativePrefix("-");
            ParsePosition position = new ParsePosition(0);
            Number parsed = format.parse(digits, position);
            if (parsed == null || position.getIndex() < digits.length()) {
                throw new ScriptPredicate.ScriptError("Unable to convert [" + s + "] to number of base [10]");
            }
            return parsed;
        }
        try {
            return Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            throw new ScriptPredicate.ScriptError("Unable to convert [" + s + "] to number of base [" + radix + "]");
        }
    }

    private static Object cidrMatch(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        byte[] address = IpAddresses.parse((String) a[0]);
        for (int i = 1; i < a.length; i++) {
            IpAddresses.Block block = a[i] == null ? null : IpAddresses.Block.parse((String) a[i]);
            if (block != null && address != null && block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
