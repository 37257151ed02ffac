package dev.streamrules.udfs.eql.ast;

/**
 * An EQL expression as written: the parser's output and the compiler's input. Every node knows the
 * character range {@code [start, end)} it was parsed from inside the query text, so any later stage
 * (type checking, compilation) can point at the exact spot when it reports a problem.
 */
public sealed interface Expr
        permits Expr.Literal,
                Expr.Field,
                Expr.Not,
                Expr.And,
                Expr.Or,
                Expr.Compare,
                Expr.In,
                Expr.Match,
                Expr.Call,
                Expr.Arithmetic,
                Expr.Negate {

    int start();

    int end();

    /** {@code null}, {@code true}/{@code false}, a whole number ({@link Long}), a decimal ({@link Double}) or a string. */
    record Literal(Object value, int start, int end) implements Expr {}

    /**
     * A field reference: {@code process.name}, a back-quoted {@code `my field`}, or an optional
     * {@code ?process.parent.args} (no error when the mapping does not know the field).
     */
    record Field(String path, boolean optional, int start, int end) implements Expr {}

    record Not(Expr operand, int start, int end) implements Expr {}

    /** Two or more operands, flattened: {@code a and b and c} is one node. */
    record And(java.util.List<Expr> operands, int start, int end) implements Expr {}

    record Or(java.util.List<Expr> operands, int start, int end) implements Expr {}

    enum CompareOp {
        EQ,
        NEQ,
        LT,
        LTE,
        GT,
        GTE
    }

    record Compare(CompareOp op, Expr left, Expr right, int start, int end) implements Expr {}

    /** {@code value [not] in (items)} and {@code value [not] in~ (items)}. */
    record In(Expr value, java.util.List<Expr> items, boolean negated, boolean caseInsensitive, int start, int end)
            implements Expr {}

    /**
     * The pattern operators: {@code :} ({@link MatchKind#SEQ}, always case-insensitive; a wildcard
     * match when a pattern has {@code *} or {@code ?}, else an equality), {@code like}/{@code like~}
     * and {@code regex}/{@code regex~}. The patterns are string constants; several mean "any of".
     */
    record Match(
            MatchKind kind, boolean caseInsensitive, Expr value, java.util.List<Literal> patterns, int start, int end)
            implements Expr {}

    enum MatchKind {
        SEQ,
        LIKE,
        REGEX
    }

    /** A function call; {@code name} as written without the {@code ~}, e.g. {@code startsWith~(...)}. */
    record Call(String name, boolean caseInsensitive, java.util.List<Expr> args, int start, int end) implements Expr {}

    enum ArithmeticOp {
        ADD,
        SUB,
        MUL,
        DIV,
        MOD
    }

    record Arithmetic(ArithmeticOp op, Expr left, Expr right, int start, int end) implements Expr {}

    /** Unary minus (unary plus is dropped by the parser). */
    record Negate(Expr operand, int start, int end) implements Expr {}
}
