package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.eql.WildcardPattern;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/** The per-value tests of index queries, one class per query kind and value family. */
public final class ValueTests {

    private ValueTests() {}

    /** {@code term}/{@code terms} on an exact string field; case-insensitive terms compare folded text. */
    public static final class StringTerms implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final HashSet<String> values;
        private final WildcardPattern[] insensitive;

        public StringTerms(Set<String> values, boolean caseInsensitive) {
            this.values = caseInsensitive ? null : new HashSet<>(values);
            this.insensitive = caseInsensitive
                    ? values.stream().map(v -> WildcardPattern.literal(v, true)).toArray(WildcardPattern[]::new)
                    : null;
        }

        @Override
        public boolean test(Object value) {
            if (values != null) {
                return values.contains(value);
            }
            for (WildcardPattern p : insensitive) {
                if (p.matches((String) value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code wildcard} (and {@code prefix}, a wildcard ending in a star) on an exact string field. */
    public static final class Wildcards implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final WildcardPattern[] patterns;

        public Wildcards(List<WildcardPattern> patterns) {
            this.patterns = patterns.toArray(new WildcardPattern[0]);
        }

        @Override
        public boolean test(Object value) {
            for (WildcardPattern p : patterns) {
                if (p.matches((String) value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code regexp}: Lucene's regular expression syntax (whole value, all optional operators on, as
     * Elasticsearch's default flags), ASCII case folding for the case-insensitive form.
     */
    public static final class LuceneRegex implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final String regex;
        private final boolean caseInsensitive;
        private transient CharacterRunAutomaton automaton;

        /** @throws IllegalArgumentException when Lucene cannot parse the expression */
        public LuceneRegex(String regex, boolean caseInsensitive) {
            this.regex = regex;
            this.caseInsensitive = caseInsensitive;
            this.automaton = build();
        }

        private CharacterRunAutomaton build() {
            int matchFlags = caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0;
            RegExp parsed = new RegExp(regex, RegExp.ALL, matchFlags);
            return new CharacterRunAutomaton(parsed.toAutomaton(Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
        }

        @Override
        public boolean test(Object value) {
            if (automaton == null) {
                automaton = build();
            }
            return automaton.run((String) value);
        }
    }

    /** {@code range} over strings: ordinal (code point) order, as Lucene compares UTF-8 terms. */
    public static final class StringRange implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final String bound;
        private final int sign;
        private final boolean inclusive;

        /** @param sign +1 for {@code >}/{@code >=}, -1 for {@code <}/{@code <=} */
        public StringRange(String bound, int sign, boolean inclusive) {
            this.bound = bound;
            this.sign = sign;
            this.inclusive = inclusive;
        }

        @Override
        public boolean test(Object value) {
            int c = compareCodePoints((String) value, bound) * sign;
            return c > 0 || (inclusive && c == 0);
        }
    }

    /** Code point order (UTF-8 byte order), unlike {@link String#compareTo}'s UTF-16 order. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * {@code term} and {@code range} on numeric, date and ip fields: the value compared with a bound of
     * the same kind ({@link Long} nanoseconds for dates, {@link Double}/{@link Long} for numbers, 16
     * bytes for addresses).
     */
    public static final class Ordered implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final Object bound;
        private final boolean less;
        private final boolean greater;
        private final boolean equal;

        public Ordered(Object bound, boolean less, boolean equal, boolean greater) {
            this.bound = bound;
            this.less = less;
            this.equal = equal;
            this.greater = greater;
        }

        @Override
        public boolean test(Object value) {
            int c = compareTyped(value, bound);
            return c < 0 ? less : c > 0 ? greater : equal;
        }
    }

    static int compareTyped(Object value, Object bound) {
        if (value instanceof byte[]) {
            return IpAddresses.compare((byte[]) value, (byte[]) bound);
        }
        if (value instanceof Long && bound instanceof Long) {
            return Long.compare((Long) value, (Long) bound);
        }
        if (value instanceof Boolean) {
            return Boolean.compare((Boolean) value, (Boolean) bound);
        }
        return Numbers.compare((Number) value, (Number) bound);
    }

    /** A {@code term} on an ip field given as an address or a CIDR block, or a {@code terms} of those. */
    public static final class IpBlocks implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final IpAddresses.Block[] blocks;

        public IpBlocks(List<IpAddresses.Block> blocks) {
            this.blocks = blocks.toArray(new IpAddresses.Block[0]);
        }

        @Override
        public boolean test(Object value) {
            for (IpAddresses.Block block : blocks) {
                if (block.contains((byte[]) value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Any of several tests (a {@code terms} query over typed values). */
    public static final class AnyOf implements FieldPredicate.ValueTest {
        private static final long serialVersionUID = 1L;
        private final FieldPredicate.ValueTest[] tests;

        public AnyOf(List<FieldPredicate.ValueTest> tests) {
            this.tests = tests.toArray(new FieldPredicate.ValueTest[0]);
        }

        @Override
        public boolean test(Object value) {
            for (FieldPredicate.ValueTest t : tests) {
                if (t.test(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
