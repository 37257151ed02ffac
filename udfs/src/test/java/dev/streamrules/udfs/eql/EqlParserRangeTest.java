package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.eql.ast.Query;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every node's {@code [start, end)} covers exactly the text it was parsed from. */
class EqlParserRangeTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("expressions")
    void expressionNodesCoverTheirText(String text, List<String> expectedPreOrder) {
        List<String> covered = AstPrinter.nodes(EqlParser.parseExpression(text)).stream()
                .map(n -> text.substring(n.start(), n.end()))
                .toList();
        assertThat(covered).containsExactlyElementsOf(expectedPreOrder);
    }

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("a == 1 or not b", List.of("a == 1 or not b", "a == 1", "a", "1", "not b", "b")),
                Arguments.of("(a or b) and c", List.of("(a or b) and c", "(a or b)", "a", "b", "c")),
                Arguments.of("?x.y in (\"a\", -1)", List.of("?x.y in (\"a\", -1)", "?x.y", "\"a\"", "-1")),
                Arguments.of("f~(a) : \"z\"", List.of("f~(a) : \"z\"", "f~(a)", "a", "\"z\"")),
                Arguments.of("x like~ (\"a\", \"b\")", List.of("x like~ (\"a\", \"b\")", "x", "\"a\"", "\"b\"")),
                Arguments.of("- a * 2", List.of("- a * 2", "- a", "a", "2")),
                Arguments.of("+3", List.of("+3")),
                Arguments.of(
                        "`a b`.c != \"\"\"raw\"\"\"",
                        List.of("`a b`.c != \"\"\"raw\"\"\"", "`a b`.c", "\"\"\"raw\"\"\"")));
    }

    @Test
    void queryStepAndCategoryRanges() {
        String text = "sequence by k with maxspan=1m [process where a] by b with runs=2\n"
                + "  ![file where c] by d until [\"x\" where e] by f";
        Query.Sequence s = (Query.Sequence) EqlParser.parse(text);
        assertThat(slice(text, s.start(), s.end())).isEqualTo(text);
        Query.Step first = s.steps().get(0);
        assertThat(slice(text, first.start(), first.end())).isEqualTo("[process where a] by b with runs=2");
        assertThat(slice(text, first.query().start(), first.query().end())).isEqualTo("process where a");
        assertThat(slice(text, first.query().categoryStart(), first.query().categoryEnd()))
                .isEqualTo("process");
        Query.Step missing = s.steps().get(1);
        assertThat(slice(text, missing.start(), missing.end())).isEqualTo("![file where c] by d");
        assertThat(slice(text, s.until().start(), s.until().end())).isEqualTo("[\"x\" where e] by f");
        assertThat(slice(
                        text,
                        s.until().query().categoryStart(),
                        s.until().query().categoryEnd()))
                .isEqualTo("\"x\"");
    }

    @Test
    void anyIsLocatedAsTheCategoryWord() {
        String text = "  any where true";
        Query.Event e = (Query.Event) EqlParser.parse(text);
        assertThat(e.category()).isNull();
        assertThat(slice(text, e.categoryStart(), e.categoryEnd())).isEqualTo("any");
        assertThat(slice(text, e.start(), e.end())).isEqualTo("any where true");
    }

    @Test
    void errorLineAndColumnCountFromTheQueryStart() {
        String text = "process where\n  a == 1 and\n  b === 2";
        EqlException e = org.junit.jupiter.api.Assertions.assertThrows(EqlException.class, () -> EqlParser.parse(text));
        assertThat(e.lineIn(text)).isEqualTo(3);
        assertThat(e.columnIn(text)).isEqualTo(7);
    }

    @Test
    void absurdNestingIsAnErrorNotAStackOverflow() {
        String text = "a == " + "(".repeat(200_000) + "1" + ")".repeat(200_000);
        EqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                EqlException.class, () -> EqlParser.parseExpression(text));
        assertThat(e.getMessage()).isEqualTo("query is nested too deeply to parse");
    }

    private static String slice(String text, int start, int end) {
        return text.substring(start, end);
    }
}
