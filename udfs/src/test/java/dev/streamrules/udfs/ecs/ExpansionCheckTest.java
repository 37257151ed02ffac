package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expansion check vouches only for documents {@link NormalizedDocument} accepts (else a dead
 * letter would be lost), and for the shapes real documents with dotted keys have (else it saves
 * nothing); with it, the parser's verdict and reason are still {@link NormalizedDocument#problem}'s.
 * {@link ProjectionPropertyTest} checks the fields of the same mixes.
 */
class ExpansionCheckTest {

    private static final int DOCUMENTS = 10_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.streamrules.udfs.ecs.RandomDocuments#mixes")
    void vouchesOnlyForDocumentsTheExpansionAccepts(RandomDocuments.Mix mix) throws IOException {
        RandomDocuments documents = new RandomDocuments(23, mix);
        EcsEventParser parser = new EcsEventParser();
        SoftAssertions softly = new SoftAssertions();
        int invalid = 0;
        int validDotted = 0;
        int vouched = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String json = documents.document();
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String problem = NormalizedDocument.problem(bytes);
            boolean clean = EcsEventParser.expandsCleanly(bytes);
            if (clean) {
                softly.assertThat(problem).as("vouched for %s", json).isNull();
            }
            ParseResult parsed = parser.parse(RawRecord.line("random.ndjson", i, bytes, false));
            softly.assertThat(parsed.isValid() ? null : parsed.deadLetter().getReason())
                    .as("reason for %s", json)
                    .isEqualTo(problem);
            if (problem != null) {
                invalid++;
            } else if (RandomDocuments.hasDottedKeys(bytes)) {
                validDotted++;
                vouched += clean ? 1 : 0;
            }
        }
        softly.assertAll();
        assertThat(invalid).as("invalid documents").isGreaterThan(DOCUMENTS / 20);
        assertThat(vouched)
                .as("vouched for, of %d valid documents with dotted keys", validDotted)
                .isGreaterThan(validDotted * 3 / 4);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nested, then dotted          | {"host":{"id":"h"},"process":{"name":"a"},"process.pid":1}
            one leaf both ways           | {"process":{"name":"a"},"process.name":"b","process.args":["x"]}
            objects merge deeply         | {"host":{"id":"h"},"host.os.type":"linux","host.os":{"name":"Debian"}}
            null, then dotted            | {"process":null,"process.name":"cat"}
            dotted, then null            | {"process.name":"cat","process":null}
            empty array, then dotted     | {"process":[],"process.name":"cat"}
            dotted, then empty array     | {"process.name":"cat","process":[]}
            object array, then dotted    | {"process":[{"pid":1},null],"process.name":"cat"}
            dotted, then object array    | {"process.parent.pid":1,"process":{"parent":[{"name":"sh"}]}}
            dotted inside arrays         | {"p":[{"a.b":1},{"a":{"c":2}}]}
            null leaf both ways          | {"a.b":null,"a":{"b":1}}
            escaped dot in a key         | {"a\\u002eb":1,"a":{"c":2}}
            """)
    void vouchesForDottedShapesTheExpansionAccepts(String name, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(NormalizedDocument.problem(bytes)).isNull();
        assertVouched(bytes, true);
    }

    @Test
    void vouchesForNestingOneBelowTheLimit() {
        // objects to depth 199 (the root is 1), their leaves at 200; a dotted key elsewhere
        byte[] bytes = ("{\"a.b\":1," + nested(199) + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(NormalizedDocument.problem(bytes)).isNull();
        assertThat(EcsEventParser.expandsCleanly(bytes)).isTrue();
        // deeper than the plain scanner goes: its own bound at the same depth, below its raw limit
        byte[] shallower = ("{\"a.b\":1,\"" + "x.".repeat(PlainScanner.MAX_DEPTH) + "y\":"
                        + "{\"n\":".repeat(PlainScanner.MAX_DEPTH - 2) + "1" + "}".repeat(PlainScanner.MAX_DEPTH - 2)
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(NormalizedDocument.problem(shallower)).isNull();
        assertVouched(shallower, true);
    }

    /**
     * Shapes the expansion accepts but the check does not vouch for: they take the slow path, and the
     * parser still accepts them.
     */
    static Stream<Arguments> stricterCorners() {
        return Stream.of(
                corner("value and object in one array", "{\"a\":[1,{\"b\":1}],\"c.d\":1}"),
                corner("array elements of two shapes", "{\"a\":[{\"b\":1},{\"b\":{\"c\":1}}],\"c.d\":1}"),
                corner("scalar leaves in an object at depth 200", "{\"a.b\":1," + nested(200) + "}"),
                corner("a key of 120 segments", "{\"" + "a.".repeat(119) + "z\":1}"));
    }

    private static Arguments corner(String name, String json) {
        return Arguments.of(Named.of(name, json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("stricterCorners")
    void leavesStricterCornersToTheSlowPath(byte[] bytes) {
        assertThat(NormalizedDocument.problem(bytes)).isNull();
        assertVouched(bytes, false);
        assertThat(new EcsEventParser()
                        .parse(RawRecord.line("in.ndjson", 1, bytes, false))
                        .isValid())
                .isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            value, then dotted             | {"a":1,"a.b":2}
            dotted, then value             | {"a.b":2,"a":1}
            values array, then dotted      | {"a":[null,[1]],"a.b":2}
            dotted, then values array      | {"a.b":2,"a":[[],"x"]}
            conflict below a merge         | {"a":{"b":{"c":1}},"a.b":{"c":{"d":1}}}
            conflict of the implied object | {"a.b.c":1,"a":{"b":true}}
            empty segment                  | {"a.b":1,"c..d":1}
            blank key                      | {"a.b":1,"x":{" ":1}}
            duplicate after a dotted key   | {"a.b":1,"x":{"y":1,"y":2}}
            trailing token                 | {"a.b":1} {}
            not an object                  | ["a.b"]
            """)
    void doesNotVouchForProblems(String name, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(NormalizedDocument.problem(bytes)).isNotNull();
        assertVouched(bytes, false);
    }

    /**
     * Both checks give {@code vouched}: over Jackson's tokens, and over the bytes of a document the
     * plain scanner reads (it declines one with an escape in a key, leaving it to Jackson's path).
     */
    private static void assertVouched(byte[] bytes, boolean vouched) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(EcsEventParser.expandsCleanly(bytes))
                .as("over Jackson's tokens")
                .isEqualTo(vouched);
        assertThat(PlainScanner.read(bytes, new ProjectedReader(FieldProjection.all(), true)))
                .as("plain scanner")
                .isEqualTo(vouched && !json.contains("\\"));
    }

    /** Members nesting objects to {@code depth} (counting the root), a scalar leaf in the innermost. */
    private static String nested(int depth) {
        return "\"n\":{".repeat(depth - 1) + "\"leaf\":1" + "}".repeat(depth - 1);
    }
}
