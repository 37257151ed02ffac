package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.exec.Dates;
import dev.streamrules.udfs.eql.exec.EqlFunction;
import dev.streamrules.udfs.eql.exec.FieldPredicate;
import dev.streamrules.udfs.eql.exec.IpAddresses;
import dev.streamrules.udfs.eql.exec.Logic;
import dev.streamrules.udfs.eql.exec.Predicate;
import dev.streamrules.udfs.eql.exec.ValueTests;
import dev.streamrules.udfs.eql.types.FieldInfo;
import dev.streamrules.udfs.eql.types.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The index queries Elasticsearch builds on a field: {@code term} and {@code range} for comparisons,
 * {@code terms} for lookups, {@code wildcard}/{@code regexp} for matches, {@code prefix} and
 * {@code wildcard} for {@code startsWith}/{@code endsWith}/{@code stringContains}, {@code terms} on an
 * ip field for {@code cidrMatch}. Literals are read as the field's type reads query values; a literal
 * the field cannot read (a word compared to a number field) is an error, as the search fails there.
 */
final class FieldQueries {

    private final CompileContext context;

    FieldQueries(CompileContext context) {
        this.context = context;
    }

    Predicate compare(Expr.CompareOp op, FieldInfo field, Object constant, Expr at) {
        String description = field.path() + " " + ExprPrinter.compareSymbol(op) + " " + ExprPrinter.literal(constant);
        if (field.type().isString()) {
            requireExact(field, at, ExprPrinter.compareSymbol(op));
            String term = termText(constant);
            if (op == Expr.CompareOp.EQ || op == Expr.CompareOp.NEQ) {
                Predicate eq = new FieldPredicate(
                        field, new ValueTests.StringTerms(java.util.Set.of(term), false), description);
                return op == Expr.CompareOp.EQ ? eq : new Logic.MustNot(eq);
            }
            boolean upward = op == Expr.CompareOp.GT || op == Expr.CompareOp.GTE;
            boolean inclusive = op == Expr.CompareOp.GTE || op == Expr.CompareOp.LTE;
            return new FieldPredicate(field, new ValueTests.StringRange(term, upward ? 1 : -1, inclusive), description);
        }
        if (field.type().isDate() && (op == Expr.CompareOp.EQ || op == Expr.CompareOp.NEQ)) {
            // A term query on a date is a range from the value rounded down to the value rounded up.
            Object low = bound(field, constant, false, at);
            Object high = bound(field, constant, true, at);
            Predicate eq = new FieldPredicate(field, new DateBetween(low, high), description);
            return op == Expr.CompareOp.EQ ? eq : new Logic.MustNot(eq);
        }
        if (field.type() == FieldType.IP && (op == Expr.CompareOp.EQ || op == Expr.CompareOp.NEQ)) {
            Predicate eq =
                    new FieldPredicate(field, new ValueTests.IpBlocks(List.of(ipBlock(constant, at))), description);
            return op == Expr.CompareOp.EQ ? eq : new Logic.MustNot(eq);
        }
        boolean roundUp = op == Expr.CompareOp.GT || op == Expr.CompareOp.LTE;
        Object bound = bound(field, constant, roundUp, at);
        switch (op) {
            case EQ:
                return new FieldPredicate(field, new ValueTests.Ordered(bound, false, true, false), description);
            case NEQ:
                return new Logic.MustNot(
                        new FieldPredicate(field, new ValueTests.Ordered(bound, false, true, false), description));
            case LT:
                return new FieldPredicate(field, new ValueTests.Ordered(bound, true, false, false), description);
            case LTE:
                return new FieldPredicate(field, new ValueTests.Ordered(bound, true, true, false), description);
            case GT:
                return new FieldPredicate(field, new ValueTests.Ordered(bound, false, false, true), description);
            default:
                return new FieldPredicate(field, new ValueTests.Ordered(bound, false, true, true), description);
        }
    }

    Predicate terms(FieldInfo field, List<Object> values, boolean caseInsensitive, Expr.In at) {
        String description = field.path() + (caseInsensitive ? " in~ " : " in ") + values;
        if (field.type().isString()) {
            requireExact(field, at.value(), "in");
            List<String> terms = new ArrayList<>();
            for (Object v : values) {
                terms.add(termText(v));
            }
            return new FieldPredicate(field, ConditionCompiler.exactTerms(terms, caseInsensitive), description);
        }
        List<Predicate> each = new ArrayList<>();
        for (Object v : values) {
            each.add(compare(Expr.CompareOp.EQ, field, v, at));
        }
        return each.size() == 1 ? each.get(0) : new Logic.Any(each);
    }

    Predicate match(Expr.Match m, FieldInfo field) {
        requireExact(
                field,
                m.value(),
                m.kind() == Expr.MatchKind.SEQ ? ":" : m.kind() == Expr.MatchKind.LIKE ? "like" : "regex");
        List<FieldPredicate.ValueTest> tests = new ArrayList<>();
        List<dev.streamrules.udfs.eql.WildcardPattern> wildcards = new ArrayList<>();
        for (Expr.Literal p : m.patterns()) {
            String pattern = (String) p.value();
            if (m.kind() == Expr.MatchKind.REGEX) {
                try {
                    tests.add(new ValueTests.LuceneRegex(pattern, m.caseInsensitive()));
                } catch (RuntimeException ex) {
                    // A syntax error, or an expression too complex to determinize (Elasticsearch refuses both).
                    throw context.error(p, "Invalid regex [" + pattern + "]: " + ex.getMessage());
                }
            } else if (m.kind() == Expr.MatchKind.SEQ && !ConditionCompiler.hasWildcard(pattern)) {
                wildcards.add(WildcardPattern.literal(pattern, true));
            } else {
                wildcards.add(WildcardPattern.compile(pattern, m.caseInsensitive() || m.kind() == Expr.MatchKind.SEQ));
            }
        }
        if (!wildcards.isEmpty()) {
            tests.add(new ValueTests.Wildcards(wildcards));
        }
        FieldPredicate.ValueTest test = tests.size() == 1 ? tests.get(0) : new ValueTests.AnyOf(tests);
        return new FieldPredicate(field, test, context.source(m));
    }

    /** The index query of a function on a field, or {@code null} when Elasticsearch runs it as a script. */
    Predicate function(EqlFunction f, Expr.Call c, FieldInfo field) {
        ScriptCompiler constants = new ScriptCompiler(context);
        switch (f) {
            case STARTSWITH:
            case ENDSWITH:
            case STRINGCONTAINS: {
                if (!field.type().isString() || !field.hasExact()) {
                    return null;
                }
                Object text = constants.compile(c.args().get(1)).constant();
                if (text == null) {
                    return Logic.Constant.FALSE;
                }
                // Elasticsearch pastes the text into the wildcard unescaped: its * and ? stay wildcards.
                String pattern = f == EqlFunction.STARTSWITH
                        ? escape((String) text) + "*"
                        : f == EqlFunction.ENDSWITH ? "*" + text : "*" + text + "*";
                return new FieldPredicate(
                        field,
                        new ValueTests.Wildcards(List.of(WildcardPattern.compile(pattern, c.caseInsensitive()))),
                        context.source(c));
            }
            case CIDRMATCH: {
                List<IpAddresses.Block> blocks = new ArrayList<>();
                for (Expr arg : c.args().subList(1, c.args().size())) {
                    Object text = constants.compile(arg).constant();
                    if (text != null) {
                        blocks.add(ConditionCompiler.ipBlock(context, arg, (String) text));
                    }
                }
                return new FieldPredicate(field, new ValueTests.IpBlocks(blocks), context.source(c));
            }
            default:
                return null;
        }
    }

    void requireExact(FieldInfo field, Expr at, String operator) {
        if (!field.type().isString()) {
            throw context.error(
                    at,
                    "[" + operator + "] can only be used on string fields; [" + field.path() + "] is of type ["
                            + CompileContext.typeName(field) + "]");
        }
        if (!field.hasExact()) {
            throw context.error(
                    at,
                    "[" + operator + "] cannot operate on field [" + field.path() + "] of data type [text]:"
                            + " No keyword/multi-field defined exact matches for [" + field.path()
                            + "]; define one or use MATCH/QUERY instead");
        }
    }

    /** A query value as a keyword term: {@code 5} is the term {@code "5"}, {@code true} is {@code "true"}. */
    static String termText(Object constant) {
        return constant.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private IpAddresses.Block ipBlock(Object constant, Expr at) {
        return ConditionCompiler.ipBlock(context, at, constant.toString());
    }

    /** A range bound read as the field reads query values. */
    private Object bound(FieldInfo field, Object constant, boolean roundUp, Expr at) {
        String fail = "cannot compare [" + field.path() + "] of type [" + CompileContext.typeName(field) + "] with ["
                + ExprPrinter.literal(constant) + "]";
        switch (field.type()) {
            case LONG:
            case DOUBLE: {
                if (constant instanceof Number n) {
                    return n instanceof Double ? n : (Number) n.longValue();
                }
                if (constant instanceof String s) {
                    try {
                        BigDecimal d = new BigDecimal(s.trim());
                        return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                                ? (Number) d.longValueExact()
                                : (Number) d.doubleValue();
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw context.error(at, fail + ": For input string: \"" + s + "\"");
                    }
                }
                throw context.error(at, fail);
            }
            case DATE:
            case DATE_NANOS: {
                Long nanos = constant instanceof Number n && !(n instanceof Double)
                        ? Long.valueOf(n.longValue() * 1_000_000L)
                        : constant instanceof String s ? Dates.parse(s, roundUp) : null;
                if (nanos == null) {
                    throw context.error(at, fail + ": failed to parse date field");
                }
                return field.type() == FieldType.DATE ? Dates.truncateToMillis(nanos) : nanos;
            }
            case IP: {
                byte[] address = constant instanceof String s ? IpAddresses.parse(s) : null;
                if (address == null) {
                    throw context.error(at, "'" + constant + "' is not an IP string literal.");
                }
                return address;
            }
            case BOOLEAN: {
                if (constant instanceof Boolean || "true".equals(constant) || "false".equals(constant)) {
                    return Boolean.valueOf(constant.toString());
                }
                throw context.error(
                        at, fail + ": Can't parse boolean value [" + constant + "], expected [true] or [false]");
            }
            default:
                throw context.error(at, fail);
        }
    }

    /** A date term: the value within [rounded down, rounded up]. */
    private static final class DateBetween implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final long low;
        private final long high;

        DateBetween(Object low, Object high) {
            this.low = (Long) low;
            this.high = (Long) high;
        }

        @Override
        public boolean test(Object value) {
            long v = (Long) value;
            return v >= low && v <= high;
        }
    }
}
