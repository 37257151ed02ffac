package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid queries fail with the exact message and the offset of the offending token. The offset is
 * written as a marker: the case's {@code at} text is the part of the query the error must point to,
 * located by its first occurrence after {@code skip} characters.
 */
class EqlParserErrorTest {

    private static final String UNKNOWN_ESCAPE_TAIL =
            " (valid: \\t \\r \\n \\b \\f \\\" \\' \\\\ \\u{hex}; or use a \"\"\"raw\"\"\" string)";

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void rejectsQuery(String query, String at, int skip, String message) {
        assertRejected(() -> EqlParser.parse(query), query, at, skip, message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("expressionCases")
    void rejectsExpression(String text, String at, int skip, String message) {
        assertRejected(() -> EqlParser.parseExpression(text), text, at, skip, message);
    }

    private static void assertRejected(ThrowingCallable parse, String text, String at, int skip, String message) {
        int offset = at.isEmpty() ? text.length() : text.indexOf(at, skip);
        assertThatThrownBy(parse).isInstanceOfSatisfying(EqlException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.offset()).as("offset").isEqualTo(offset);
        });
    }

    private static Arguments c(String query, String at, String message) {
        return Arguments.of(query, at, 0, message);
    }

    private static Arguments c(String query, String at, int skip, String message) {
        return Arguments.of(query, at, skip, message);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Lexical errors.
                c(
                        "process where a == \"abc",
                        "\"",
                        "unterminated string (a string cannot span lines; write \\n for a newline)"),
                c(
                        "process where a == \"x\ny\"",
                        "\"",
                        "unterminated string (a string cannot span lines; write \\n for a newline)"),
                c("process where a == \"a\\qb\"", "\\q", "unknown escape sequence \\q" + UNKNOWN_ESCAPE_TAIL),
                c("process where a == 'x'", "'", StringLiterals.SINGLE_QUOTES),
                c("'process' where true", "'", StringLiterals.SINGLE_QUOTES),
                c("process where a == ?\"x\"", "?", StringLiterals.QUESTION_MARK),
                c("process where a == 'x", "'", "unterminated string; " + StringLiterals.SINGLE_QUOTES),
                c(
                        "process where a == \"\\u{1}\"",
                        "\\u", "Unicode sequence should use [2-8] hex digits, [\\u{1}] has [1]"),
                c(
                        "process where a == \"\\u{D800}\"",
                        "\\u",
                        "Invalid unicode character code, [D800] is a surrogate code"),
                c("process where a == \"\\u{110000}\"", "\\u", "Invalid unicode character code [110000]"),
                c(
                        "process where a == \"\\u0041\"",
                        "\\u",
                        "invalid unicode escape: write \\u{XXXX} with 2 to 8 hex digits"),
                c(
                        "process where a == \"\"\"abc",
                        "\"\"\"",
                        "unterminated raw string: '\"\"\"' without a closing '\"\"\"' on the same line"),
                c(
                        "process where a == \"\"\"a\nb\"\"\"",
                        "\"\"\"",
                        "unterminated raw string: '\"\"\"' without a closing '\"\"\"' on the same line"),
                c("process where a /* x", "/*", "unterminated comment: '/*' without '*/'"),
                c("process where `a == 1", "`", "unterminated back-quoted name: '`' without a closing '`'"),
                c("process where a ! b", "!", "unexpected character '!' (use 'not', '!=' or '![' for a missing event)"),
                c(
                        "process where process.name ~ \"x\"",
                        "~",
                        "unexpected character '~' ('~' must directly follow a function name or like, regex, in)"),
                c("process where a == 1\u00a0", "\u00a0", "unexpected character '\u00a0'"),
                c("process where a == 99999999999999999999", "9", "Number [99999999999999999999] is too large"),
                // Query shape.
                c("where a == 1", "where", "expected a category name or 'any' before 'where'"),
                c("1 where a", "1", "expected a category name or 'any' before 'where'"),
                c(
                        "`my-cat` where true",
                        "`",
                        "a category cannot be back-quoted; write it as a string: \"my-cat\" where ..."),
                c("process a == 1", "a", "expected 'where' after the category but found 'a'"),
                c(
                        "",
                        "",
                        "expected a query: '<category> where', 'any where', 'sequence' or 'sample' but found end of query"),
                c("process where a == 1 | head 5", "|", "pipes (| head ...) are not supported"),
                c("process where true | tail 1", "|", "pipes (| head ...) are not supported"),
                c("join [a where true] [b where true]", "join", "join queries are not supported"),
                // Expression syntax.
                c("process where (a == 1 and b", "", "expected ')' but found end of query"),
                c("process where f(a b)", "b", "expected ',' or ')' but found 'b'"),
                c("process where a == b == c", "==", 17, "comparisons cannot be chained; combine them with 'and'"),
                c("process where a = 1", "=", "'=' is not a comparison; use '==' (or ':' for case-insensitive)"),
                c("process where a not like \"x\"", "not", "expected end of query but found keyword 'not'"),
                c(
                        "process where a like b",
                        "b",
                        15,
                        "expected a constant or a parenthesized list of constants after 'like' but found 'b'"),
                c("process where a : (b)", "b", "expected a constant after ':' but found 'b'"),
                c("process where a in \"x\"", "\"", "expected '(' after 'in' but found '\"x\"'"),
                c("process where a == 1 and", "", "expected an expression but found end of query"),
                c("process where a == 1e", "e", 15, "expected end of query but found 'e'"),
                c(
                        "process where descendant of [process where true]",
                        "descendant",
                        "Process relationships are not supported"),
                c("process where a[0] == 1", "0", "Array indexes are not supported"),
                c(
                        "process where event.sequence == 1",
                        "sequence",
                        "expected a field name after '.' but found keyword 'sequence'; back-quote it to use it as a name: "
                                + "`sequence`"),
                c("process where ?1 == 1", "1", "expected a field name after '?' but found '1'"),
                c(
                        "process where startsWith~ == 1",
                        "==",
                        "expected '(' after function name 'startsWith~' but found '=='"),
                // Sequences and samples.
                c("sequence [a where true]", "sequence", "A sequence requires a minimum of 2 queries, found [1]"),
                c(
                        "sequence ![a where true] ![b where true]",
                        "sequence",
                        "A sequence requires at least one event query that is not a missing event ![...]"),
                c(
                        "sequence by k [a where true] ![b where true]",
                        "![",
                        "a sequence with missing events ![...] requires 'with maxspan'"),
                c(
                        "sequence with maxspan=1s by a [x where true] [y where true]",
                        "sequence",
                        "Please specify sequence [by] before [with] not after"),
                c(
                        "sequence with maxspan=1.5s [a where true] [b where true]",
                        "1.5",
                        "Decimal time interval [1.5] not supported; please use an positive integer"),
                c(
                        "sequence with maxspan=0s [a where true] [b where true]",
                        "0",
                        "A positive maxspan value is required; found [0]"),
                c(
                        "sequence with maxspan=5 [a where true] [b where true]",
                        "5",
                        "No time unit specified, did you mean [s] as in [5s]?"),
                c(
                        "sequence with maxspan=5sec [a where true] [b where true]",
                        "sec",
                        "Unrecognized time unit [sec] in [5sec], please specify one of [ms, s, m, h, d]"),
                c(
                        "sequence with maxspan=5S [a where true] [b where true]",
                        "S",
                        "Unrecognized time unit [S] in [5S], please specify one of [ms, s, m, h, d]"),
                c(
                        "sequence with maxspan=-5s [a where true] [b where true]",
                        "-",
                        "expected a number after 'maxspan=' but found '-'"),
                c(
                        "sequence [a where true] with runs=0 [b where true]",
                        "0",
                        "runs must be between 1 and 100; found [0]"),
                c(
                        "sequence [a where true] with runs=101 [b where true]",
                        "101",
                        "runs must be between 1 and 100; found [101]"),
                c(
                        "sequence [a where true] with runs=1.5 [b where true]",
                        "1.5",
                        "runs must be a whole number; found [1.5]"),
                c(
                        "sequence [a where true] with times=2 [b where true]",
                        "times",
                        "Unrecognized option [times], expecting [runs]"),
                c(
                        "sequence [a where true] with maxspan=2 [b where true]",
                        "maxspan",
                        "expected 'runs' but found keyword 'maxspan'"),
                c(
                        "sequence by a [x where true] [y where true] by b",
                        "b",
                        45,
                        "Inconsistent number of join keys specified; expected [0] but found [1]"),
                c(
                        "sequence [x where true] by a [y where true]",
                        "[y",
                        "Inconsistent number of join keys specified; expected [1] but found [0]"),
                c(
                        "sequence [a where true] by k [b where true] by k until [c where true]",
                        "[c",
                        "Inconsistent number of join keys specified; expected [1] but found [0]"),
                c(
                        "sequence with maxspan=1s [a where true] [b where true] until ![c where true]",
                        "![c",
                        "the until step cannot be a missing event ![...]"),
                c(
                        "sequence [a where true] [b where true] until [c where true] with runs=2",
                        "[c",
                        "runs is not supported on the until step"),
                c(
                        "sequence by 1 [a where true] [b where true]",
                        "1",
                        "Unsupported join key: join keys are field names, optional ones with '?'"),
                c("sequence by a", "", "expected '[' or '![' to start a sequence step but found end of query"),
                c("sequence [a where true] [b where true", "", "expected ']' to close the step but found end of query"),
                c(
                        "sequence [a where true] [b where true] until",
                        "",
                        "expected '[' after 'until' but found end of query"),
                c("sample by x ![a where true] [b where true]", "![", "samples do not support missing events ![...]"),
                c("sample by x [a where true]", "sample", "A sample requires a minimum of 2 queries, found [1]"),
                c(
                        "sample [a where true] [b where true] with runs=2",
                        "with",
                        "expected end of query but found keyword 'with'"),
                c("sample by x", "", "expected '[' to start a sample step but found end of query"));
    }

    static Stream<Arguments> expressionCases() {
        return Stream.of(
                c("a ==", "", "expected an expression but found end of query"),
                c("a b", "b", "expected end of expression but found 'b'"),
                c("process where a", "where", "expected end of expression but found keyword 'where'"));
    }
}
