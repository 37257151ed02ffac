package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construct of the grammar parses to the expected tree, shown as an s-expression by
 * {@link AstPrinter}. Each case also checks that every node's range lies inside its parent's.
 */
class EqlParserTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("expressions")
    void parsesExpression(String text, String expected) {
        Expr e = EqlParser.parseExpression(text);
        assertThat(AstPrinter.print(e)).isEqualTo(expected);
        assertRangesNest(e, 0, text.length());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("queries")
    void parsesQuery(String text, String expected) {
        Query q = EqlParser.parse(text);
        assertThat(AstPrinter.print(q)).isEqualTo(expected);
        assertThat(q.start()).isBetween(0, text.length());
        assertThat(q.end()).isBetween(q.start(), text.length());
    }

    static Stream<Arguments> expressions() {
        return Stream.of(
                // Comparisons, literals, fields.
                Arguments.of("process.name == \"cat\"", "(== process.name \"cat\")"),
                Arguments.of("a != 1", "(!= a 1)"),
                Arguments.of("a < 1", "(< a 1)"),
                Arguments.of("a <= 1.5", "(<= a 1.5)"),
                Arguments.of("a > -1", "(> a -1)"),
                Arguments.of("a >= -2.5", "(>= a -2.5)"),
                Arguments.of("a == b", "(== a b)"),
                Arguments.of("a == true or a != false or a == null", "(or (== a true) (!= a false) (== a null))"),
                Arguments.of("@timestamp > 0 and _id == 1", "(and (> @timestamp 0) (== _id 1))"),
                Arguments.of("?process.parent.name == null", "(== ?process.parent.name null)"),
                Arguments.of("? a . b == 1", "(== ?a.b 1)"),
                Arguments.of("`my field` == 1", "(== `my field` 1)"),
                Arguments.of("process.`my-thing`.x == 1", "(== `process.my-thing.x` 1)"),
                Arguments.of("`a``b` == 1", "(== `a`b` 1)"),
                Arguments.of("AND == Or", "(== AND Or)"),
                // Boolean precedence: not > and > or, left to right.
                Arguments.of("a and b or c and d", "(or (and a b) (and c d))"),
                Arguments.of("a or b or c", "(or a b c)"),
                Arguments.of("a and b and c", "(and a b c)"),
                Arguments.of("a and (b and c)", "(and a (and b c))"),
                Arguments.of("not a and b", "(and (not a) b)"),
                Arguments.of("not a == 1", "(not (== a 1))"),
                Arguments.of("not not a", "(not (not a))"),
                Arguments.of("not (a or b)", "(not (or a b))"),
                // Arithmetic precedence: unary > * / % > + -, left-associative.
                Arguments.of("a == 1 + 2 * 3", "(== a (+ 1 (* 2 3)))"),
                Arguments.of("(1 + 2) * 3 == a", "(== (* (+ 1 2) 3) a)"),
                Arguments.of("a - b - c", "(- (- a b) c)"),
                Arguments.of("a / b % c * d", "(* (% (/ a b) c) d)"),
                Arguments.of("-a * b", "(* (neg a) b)"),
                Arguments.of("- -5 == a", "(== 5 a)"),
                Arguments.of("+5 == a", "(== 5 a)"),
                Arguments.of("-length(a) < 3", "(< (neg (call length a)) 3)"),
                Arguments.of("a - -1", "(- a -1)"),
                // A predicate binds to the primary before it.
                Arguments.of("a + b in (1, 2)", "(+ a (in b [1 2]))"),
                Arguments.of("a in (\"x\", \"y\")", "(in a [\"x\" \"y\"])"),
                Arguments.of("a not in (1)", "(not-in a [1])"),
                Arguments.of("a in~ (\"x\")", "(in~ a [\"x\"])"),
                Arguments.of("a not in~ (\"x\", b)", "(not-in~ a [\"x\" b])"),
                Arguments.of("a in (b == 1, c)", "(in a [(== b 1) c])"),
                Arguments.of("not a in (1)", "(not (in a [1]))"),
                Arguments.of("a : \"x*\"", "(: a [\"x*\"])"),
                Arguments.of("process.name:\"x\"", "(: process.name [\"x\"])"),
                Arguments.of("a : (\"x\", \"y\")", "(: a [\"x\" \"y\"])"),
                Arguments.of("a : 1", "(: a [1])"),
                Arguments.of("a like \"x\"", "(like a [\"x\"])"),
                Arguments.of("a like~ (\"x\", \"y\")", "(like~ a [\"x\" \"y\"])"),
                Arguments.of("a regex \"[a-z]+\"", "(regex a [\"[a-z]+\"])"),
                Arguments.of("a regex~ (\"a.*\")", "(regex~ a [\"a.*\"])"),
                Arguments.of("length(a) : \"z\"", "(: (call length a) [\"z\"])"),
                // Calls.
                Arguments.of("startsWith(a, \"x\")", "(call startsWith a \"x\")"),
                Arguments.of("startsWith~(a, \"x\")", "(call startsWith~ a \"x\")"),
                Arguments.of("startsWith~ (a)", "(call startsWith~ a)"),
                Arguments.of("f()", "(call f)"),
                Arguments.of("concat(a, length(b), 1 + 2)", "(call concat a (call length b) (+ 1 2))"),
                Arguments.of("likes(a) and f~(b)", "(and (call likes a) (call f~ b))"),
                // Numbers.
                Arguments.of("a == 1.5e3", "(== a 1500.0)"),
                Arguments.of("a == .5", "(== a 0.5)"),
                Arguments.of("a == 2.", "(== a 2.0)"),
                Arguments.of("a == 1E-2", "(== a 0.01)"),
                Arguments.of("a == 9223372036854775807", "(== a 9223372036854775807)"),
                Arguments.of("a == -9223372036854775807", "(== a -9223372036854775807)"),
                // Strings.
                Arguments.of("a == \"t\\tn\\nr\\rq\\\"s\\'b\\\\\"", "(== a \"t\\tn\\nr\\rq\\\"s'b\\\\\")"),
                Arguments.of("a == \"\\b\\f\"", "(== a \"\\u{8}\\u{c}\")"),
                Arguments.of("a == \"\\u{41}\\u{1F600}\"", "(== a \"A\\u{1f600}\")"),
                Arguments.of("a == \"\"", "(== a \"\")"),
                Arguments.of("a == \"\"\"C:\\Windows\\x\"\"\"", "(== a \"C:\\\\Windows\\\\x\")"),
                Arguments.of("a == \"\"\"say \"hi\"\"\"\"", "(== a \"say \\\"hi\\\"\")"),
                Arguments.of("a == \"\"\"\"\"\"", "(== a \"\")"),
                // Comments and blanks.
                Arguments.of(
                        "a == 1 // trailing\n and b /* block /* nested */ still */ or\tc\r\n",
                        "(or (and (== a 1) b) c)"),
                Arguments.of("a/*x*/==/**/1", "(== a 1)"));
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("process where process.name == \"cat\"", "(event process (== process.name \"cat\"))"),
                Arguments.of("any where true", "(event any true)"),
                Arguments.of("\"my-category\" where true", "(event my-category true)"),
                Arguments.of("Process where true // note", "(event Process true)"),
                Arguments.of(
                        "process where process.name == \"cat\" and process.args in (\"a\", \"b\")",
                        "(event process (and (== process.name \"cat\") (in process.args [\"a\" \"b\"])))"),
                Arguments.of(
                        "sequence [a where true] [b where false]",
                        "(sequence (step (event a true)) (step (event b false)))"),
                Arguments.of("sequence [a where true] with runs=2", "(sequence (step (event a true) runs=2))"),
                Arguments.of(
                        "sequence by host.id, process.entity_id with maxspan=1s"
                                + " [process where a] [process where b]",
                        "(sequence by [host.id process.entity_id] maxspan=PT1S (step (event process a))"
                                + " (step (event process b)))"),
                Arguments.of(
                        "sequence by host.id with maxspan=5m [process where a] by process.pid"
                                + " [process where b] by process.parent.pid with runs=3 ![file where d] by ?process.x"
                                + " until [process where e] by process.pid",
                        "(sequence by [host.id] maxspan=PT5M (step (event process a) by [process.pid])"
                                + " (step (event process b) by [process.parent.pid] runs=3)"
                                + " (missing (event file d) by [?process.x])"
                                + " until (step (event process e) by [process.pid]))"),
                Arguments.of(
                        "sequence with maxspan=500ms [a where true] [b where true]",
                        "(sequence maxspan=PT0.5S (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sequence with maxspan = 30 s [a where true] [b where true]",
                        "(sequence maxspan=PT30S (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sequence with maxspan=2m [a where true] [b where true]",
                        "(sequence maxspan=PT2M (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sequence with maxspan=1h [a where true] [b where true]",
                        "(sequence maxspan=PT1H (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sequence with maxspan=2d [a where true] [b where true]",
                        "(sequence maxspan=PT48H (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sequence by k with maxspan=1m"
                                + " ![a where true] [b where true] with runs=100 ![c where true]",
                        "(sequence by [k] maxspan=PT1M (missing (event a true)) (step (event b true) runs=100)"
                                + " (missing (event c true)))"),
                Arguments.of(
                        "sample by host.id [a where true] [b where true]",
                        "(sample by [host.id] (step (event a true)) (step (event b true)))"),
                Arguments.of(
                        "sample [a where true] by x [b where true] by ?y",
                        "(sample (step (event a true) by [x]) (step (event b true) by [?y]))"));
    }

    /** Each node's range is inside {@code [from, to)} and its children's inside its own. */
    private static void assertRangesNest(Expr e, int from, int to) {
        assertThat(e.start()).as("start of %s", AstPrinter.print(e)).isBetween(from, to);
        assertThat(e.end()).as("end of %s", AstPrinter.print(e)).isBetween(e.start() + 1, to);
        AstPrinter.children(e).forEach(c -> assertRangesNest(c, e.start(), e.end()));
    }
}
