package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentMembersTest {

    @ParameterizedTest(name = "accepted scan: {0}")
    @ValueSource(booleans = {false, true})
    void slicesAreTheValuesAsSpelled(boolean accepted) {
        String json = "{ \"s\" : \"a\\\"b\\u00e9\" , \"n\":-1.5e3,\"t\":true,\"nil\":null,"
                + "\"o\":{\"x\":[1,{\"y\":\"}\"}]},\"a\":[],\"é\":\"\\ud83d\\ude00\",\"last\":7}";
        DocumentMembers members =
                accepted ? DocumentMembers.ofAccepted(json.getBytes(StandardCharsets.UTF_8)) : DocumentMembers.of(json);
        assertThat(slices(members))
                .containsExactly(
                        "s=\"a\\\"b\\u00e9\"",
                        "n=-1.5e3",
                        "t=true",
                        "nil=null",
                        "o={\"x\":[1,{\"y\":\"}\"}]}",
                        "a=[]",
                        "é=\"\\ud83d\\ude00\"",
                        "last=7");
        assertThat(members.indexOf("o")).isEqualTo(4);
        assertThat(members.indexOf("x")).as("only top-level members").isEqualTo(-1);
        assertThat(members.isObject(4)).isTrue();
        assertThat(slices(members.object(4))).containsExactly("x=[1,{\"y\":\"}\"}]");
        assertThatThrownBy(() -> members.object(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesAreDecodedAsUtf8() {
        DocumentMembers members = DocumentMembers.ofAccepted("{\"k\":\"é€\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(slices(members)).containsExactly("k=\"é€\"");
    }

    @Test
    void emptyObjectsHaveNoMembers() {
        assertThat(DocumentMembers.ofAccepted(" { } ".getBytes(StandardCharsets.UTF_8))
                        .size())
                .isZero();
        assertThat(DocumentMembers.of(" { } ").size()).isZero();
    }

    @Test
    void manyMembersAreKept() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        DocumentMembers members = DocumentMembers.of(json.append('}').toString());
        assertThat(members.size()).isEqualTo(100);
        assertThat(members.name(99)).isEqualTo("k99");
        assertThat(members.text().substring(members.start(99), members.end(99))).isEqualTo("99");
    }

    /** What the tree would change or reject: none of these is copied as text. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a.b\":1}",
                "{\"a\":{\"b.c\":1}}",
                "{\"a\":[{\"b\":[{\"c.d\":1}]}]}",
                "{\"\":1}",
                "{\"a\":{\" \":1}}",
                "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":2}}",
                "{\"a\":1",
                "{\"a\":1} {}",
                "{\"a\":1}x",
                "[1]",
                "\"text\"",
                "",
                "{\"a\":tru}"
            })
    void documentsForTheTreeGiveNull(String json) {
        assertThat(DocumentMembers.of(json)).isNull();
    }

    /** Keys the tree would keep, spelled with escapes: the scan of accepted documents does not unescape. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\\u0062\":1}", "{\"o\":{\"a\\\"b\":1}}"})
    void escapedKeysAreLeftToTheTree(String json) {
        assertThat(DocumentMembers.of(json)).isNotNull();
        assertThat(DocumentMembers.ofAccepted(json.getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    /** The scan of accepted documents against Jackson's reading, on random valid documents. */
    @Test
    void acceptedScanAgreesWithJackson() {
        Random random = new Random(42);
        int plain = 0;
        for (int i = 0; i < 3000; i++) {
            String json = RandomJson.document(random);
            DocumentMembers expected = DocumentMembers.of(json);
            DocumentMembers actual = DocumentMembers.ofAccepted(json.getBytes(StandardCharsets.UTF_8));
            assertThat(actual == null ? null : slices(actual))
                    .as(json)
                    .isEqualTo(expected == null ? null : slices(expected));
            if (actual != null) {
                plain++;
                for (int m = 0; m < actual.size(); m++) {
                    if (actual.isObject(m)) {
                        assertThat(slices(actual.object(m)))
                                .as(json)
                                .isEqualTo(slices(
                                        DocumentMembers.of(actual.text().substring(actual.start(m), actual.end(m)))));
                    }
                }
            }
        }
        assertThat(plain).as("documents without a dotted or blank key").isBetween(500, 2500);
    }

    @Test
    void nestingBeyondTheLimitGivesNull() {
        int depth = EcsEventParser.MAX_DEPTH;
        assertThat(DocumentMembers.of(nested(depth))).isNotNull();
        assertThat(DocumentMembers.of(nested(depth + 1))).isNull();
    }

    /** An object nested {@code depth} levels deep, the outermost counted. */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static List<String> slices(DocumentMembers members) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            out.add(members.name(i) + "=" + members.text().substring(members.start(i), members.end(i)));
        }
        return out;
    }
}
