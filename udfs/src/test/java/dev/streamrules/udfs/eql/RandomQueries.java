package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Expr.CompareOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random conditions and documents for the property test: keyword fields (one multi-valued), a long
 * field, every operator family, {@code not}/{@code and}/{@code or} nesting, and scripts (functions,
 * arithmetic) next to index queries. Strings are ASCII so case folding is unambiguous.
 */
final class RandomQueries {

    static final String[] KEYWORDS = {"process.name", "process.args", "user.name"};
    static final String NUMBER = "process.pid";
    private static final String[] WORDS = {"a", "A", "ab", "Ab", "b", "ba", "", "xa"};
    private static final String[] LIKE = {"a*", "A?", "*b", "?", "*", "a", "*A*"};
    private static final String[] REGEX = {"a.*", "[ab]+", "b?a", "A"};

    private final Random random;

    RandomQueries(long seed) {
        this.random = new Random(seed);
    }

    Expr condition(int depth) {
        int pick = random.nextInt(depth <= 0 ? 8 : 12);
        switch (pick) {
            case 0:
                return compareKeyword();
            case 1:
                return compareNumber();
            case 2:
                return in();
            case 3:
                return match(field(KEYWORDS));
            case 4:
                return startsWith(field(KEYWORDS));
            case 5:
                return scriptCompare();
            case 6:
                return match(call("concat", field(KEYWORDS), lit(word())));
            case 7:
                return nullCheck();
            case 8:
                return new Expr.Not(condition(depth - 1), 0, 0);
            case 9:
            case 10: {
                List<Expr> operands = new ArrayList<>();
                int n = 2 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    operands.add(condition(depth - 1));
                }
                return pick == 9 ? new Expr.And(operands, 0, 0) : new Expr.Or(operands, 0, 0);
            }
            default:
                return new Expr.Not(new Expr.Not(condition(depth - 1), 0, 0), 0, 0);
        }
    }

    private Expr compareKeyword() {
        return new Expr.Compare(op(), field(KEYWORDS), lit(word()), 0, 0);
    }

    private Expr compareNumber() {
        return new Expr.Compare(op(), new Expr.Field(NUMBER, false, 0, 0), lit((long) random.nextInt(4)), 0, 0);
    }

    private Expr nullCheck() {
        String path = random.nextBoolean() ? NUMBER : KEYWORDS[random.nextInt(KEYWORDS.length)];
        return new Expr.Compare(
                random.nextBoolean() ? CompareOp.EQ : CompareOp.NEQ,
                new Expr.Field(path, false, 0, 0),
                lit(null),
                0,
                0);
    }

    private Expr in() {
        List<Expr> items = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            items.add(lit(word()));
        }
        return new Expr.In(field(KEYWORDS), items, random.nextBoolean(), random.nextBoolean(), 0, 0);
    }

    private Expr match(Expr value) {
        Expr.MatchKind kind = Expr.MatchKind.values()[random.nextInt(3)];
        String[] source = kind == Expr.MatchKind.REGEX
                ? REGEX
                : kind == Expr.MatchKind.LIKE ? LIKE : random.nextBoolean() ? LIKE : WORDS;
        List<Expr.Literal> patterns = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            patterns.add(lit(source[random.nextInt(source.length)]));
        }
        return new Expr.Match(kind, kind == Expr.MatchKind.SEQ || random.nextBoolean(), value, patterns, 0, 0);
    }

    private Expr startsWith(Expr subject) {
        return new Expr.Call("startsWith", random.nextBoolean(), List.of(subject, lit(word())), 0, 0);
    }

    private Expr scriptCompare() {
        switch (random.nextInt(3)) {
            case 0:
                return new Expr.Compare(op(), call("length", field(KEYWORDS)), lit((long) random.nextInt(3)), 0, 0);
            case 1:
                return new Expr.Compare(
                        op(),
                        new Expr.Arithmetic(Expr.ArithmeticOp.ADD, new Expr.Field(NUMBER, false, 0, 0), lit(1L), 0, 0),
                        lit((long) random.nextInt(5)),
                        0,
                        0);
            default:
                return startsWith(call("concat", field(KEYWORDS), field(KEYWORDS)));
        }
    }

    private Expr.Call call(String name, Expr... args) {
        return new Expr.Call(name, false, List.of(args), 0, 0);
    }

    private CompareOp op() {
        return CompareOp.values()[random.nextInt(CompareOp.values().length)];
    }

    private Expr.Field field(String[] paths) {
        return new Expr.Field(paths[random.nextInt(paths.length)], false, 0, 0);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static Expr.Literal lit(Object value) {
        return new Expr.Literal(value, 0, 0);
    }

    /** A document: each field missing, or one to three values. */
    Map<String, List<Object>> document() {
        Map<String, List<Object>> doc = new LinkedHashMap<>();
        for (String path : KEYWORDS) {
            int n = random.nextInt(path.equals("process.args") ? 4 : 2);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(word());
            }
            if (!values.isEmpty()) {
                doc.put(path, values);
            }
        }
        int pids = random.nextInt(3);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < pids; i++) {
            values.add((long) random.nextInt(4));
        }
        if (!values.isEmpty()) {
            doc.put(NUMBER, values);
        }
        return doc;
    }
}
