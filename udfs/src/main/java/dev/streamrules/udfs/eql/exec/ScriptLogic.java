package dev.streamrules.udfs.eql.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Three-valued logic and comparisons inside scripts, as Elasticsearch's QL processors evaluate them:
 * a comparison with {@code null} is {@code null}, {@code not null} is {@code null}, {@code and}/{@code or}
 * follow SQL's three-valued tables, and values of different kinds compare as {@code null}.
 */
public final class ScriptLogic {

    private ScriptLogic() {}

    /** {@code <0}, {@code 0}, {@code >0}, or {@code null} when the two cannot be compared. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer compare(Object l, Object r) {
        if (l == null || r == null) {
            return null;
        }
        if (l instanceof Number && r instanceof Number) {
            return Numbers.compare((Number) l, (Number) r);
        }
        if (l.getClass() != r.getClass() || !(l instanceof Comparable)) {
            return null;
        }
        return ((Comparable) l).compareTo(r);
    }

    public static final class Compare implements Value {
        private static final long serialVersionUID = 1L;
        private final String op;
        private final Value left;
        private final Value right;

        /** @param op one of {@code == != < <= > >=} */
        public Compare(String op, Value left, Value right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public Object eval(Object[] slots) {
            Integer c = compare(left.eval(slots), right.eval(slots));
            if (c == null) {
                return null;
            }
            switch (op) {
                case "==":
                    return c == 0;
                case "!=":
                    return c != 0;
                case "<":
                    return c < 0;
                case "<=":
                    return c <= 0;
                case ">":
                    return c > 0;
                default:
                    return c >= 0;
            }
        }

        @Override
        public String toString() {
            return left + " " + op + " " + right;
        }
    }

    /** {@code x == null} / {@code x != null} in a script: never null itself. */
    public static final class IsNull implements Value {
        private static final long serialVersionUID = 1L;
        private final Value operand;
        private final boolean negated;

        public IsNull(Value operand, boolean negated) {
            this.operand = operand;
            this.negated = negated;
        }

        @Override
        public Object eval(Object[] slots) {
            return (operand.eval(slots) == null) != negated;
        }
    }

    public static final class Not implements Value {
        private static final long serialVersionUID = 1L;
        private final Value operand;

        public Not(Value operand) {
            this.operand = operand;
        }

        @Override
        public Object eval(Object[] slots) {
            Object v = operand.eval(slots);
            return v == null ? null : !(Boolean) v;
        }

        @Override
        public String toString() {
            return "not " + operand;
        }
    }

    /** Three-valued {@code and} ({@code conjunction}) or {@code or}. */
    public static final class Logical implements Value {
        private static final long serialVersionUID = 1L;
        private final boolean conjunction;
        private final Value[] operands;

        public Logical(boolean conjunction, List<Value> operands) {
            this.conjunction = conjunction;
            this.operands = operands.toArray(new Value[0]);
        }

        @Override
        public Object eval(Object[] slots) {
            boolean sawNull = false;
            for (Value operand : operands) {
                Object v = operand.eval(slots);
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v != conjunction) {
                    return !conjunction;
                }
            }
            return sawNull ? null : conjunction;
        }
    }

    /** {@code value in (...)}: true on a match, else {@code null} if an item compared as null, else false. */
    public static final class In implements Value {
        private static final long serialVersionUID = 1L;
        private final Value value;
        private final Value[] items;
        private final boolean caseInsensitive;

        public In(Value value, List<Value> items, boolean caseInsensitive) {
            this.value = value;
            this.items = items.toArray(new Value[0]);
            this.caseInsensitive = caseInsensitive;
        }

        @Override
        public Object eval(Object[] slots) {
            Object v = value.eval(slots);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Value item : items) {
                Object i = item.eval(slots);
                Integer c = caseInsensitive && v instanceof String && i instanceof String
                        ? (((String) v).equalsIgnoreCase((String) i) ? 0 : 1)
                        : compare(v, i);
                if (c == null) {
                    sawNull = true;
                } else if (c == 0) {
                    return true;
                }
            }
            return sawNull ? null : false;
        }
    }

    /**
     * {@code like}, {@code :} and {@code regex} on a computed string: Java regular expressions (wildcards
     * translated to them), whole value, {@code Pattern.CASE_INSENSITIVE} for the insensitive forms.
     */
    public static final class Matches implements Value {
        private static final long serialVersionUID = 1L;
        private final Value value;
        private final Pattern[] patterns;

        public Matches(Value value, List<Pattern> patterns) {
            this.value = value;
            this.patterns = patterns.toArray(new Pattern[0]);
        }

        @Override
        public Object eval(Object[] slots) {
            Object v = value.eval(slots);
            if (!(v instanceof String)) {
                return null;
            }
            for (Pattern p : patterns) {
                if (p.matcher((String) v).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A wildcard pattern ({@code *}, {@code ?}, backslash escapes) as a Java regular expression. */
    public static Pattern wildcardRegex(String wildcard, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            if (c == '\\' && i + 1 < wildcard.length()) {
                regex.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0) | Pattern.DOTALL);
    }
}
