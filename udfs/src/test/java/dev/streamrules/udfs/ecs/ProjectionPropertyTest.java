package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.util.InstantiationUtil;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random documents parsed with a random projection P give exactly the full parse restricted to P,
 * with identical dead-letter verdicts and reasons; and the full parse agrees with an independent
 * reference: the normalized Jackson tree, flattened (what the parser did before it streamed).
 */
class ProjectionPropertyTest {

    private static final int DOCUMENTS = 2000;
    private static final EcsEventParser FULL = new EcsEventParser();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.streamrules.udfs.ecs.RandomDocuments#mixes")
    void projectedParseIsTheFullParseRestrictedToTheProjection(RandomDocuments.Mix mix) throws Exception {
        RandomDocuments documents = new RandomDocuments(7, mix);
        Random random = new Random(11);
        SoftAssertions softly = new SoftAssertions();
        int valid = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String json = documents.document();
            FieldProjection projection = randomProjection(documents, random);
            RawRecord record = RawRecord.line("random.ndjson", i, json.getBytes(StandardCharsets.UTF_8), false);
            ParseResult full = FULL.parse(record);
            // Every other document with the parser as Flink ships it: through Java serialization.
            EcsEventParser parser = new EcsEventParser(projection);
            ParseResult projected = (i % 2 == 0 ? parser : InstantiationUtil.clone(parser)).parse(record);
            softly.assertThat(projected.isValid())
                    .as("verdict of %s with %s", json, projection)
                    .isEqualTo(full.isValid());
            if (full.isValid() && projected.isValid()) {
                valid++;
                softly.assertThat(lists(projected.event().fields()))
                        .as("fields of %s with %s", json, projection)
                        .isEqualTo(lists(restrict(full.event().fields(), projection)));
                softly.assertThat(projected.event().getTimestampMillis())
                        .as("timestamp of %s", json)
                        .isEqualTo(full.event().getTimestampMillis());
                softly.assertThat(projected.event().getPayload()).isSameAs(record.getPayload());
            } else if (!full.isValid() && !projected.isValid()) {
                softly.assertThat(projected.deadLetter().getReason())
                        .as("reason for %s", json)
                        .isEqualTo(full.deadLetter().getReason());
            }
        }
        softly.assertAll();
        assertThat(valid).as("valid documents among %d", DOCUMENTS).isBetween(DOCUMENTS / 5, DOCUMENTS * 4 / 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.streamrules.udfs.ecs.RandomDocuments#mixes")
    void fullParseAgreesWithTheFlattenedNormalizedTree(RandomDocuments.Mix mix) {
        RandomDocuments documents = new RandomDocuments(13, mix);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < DOCUMENTS; i++) {
            String json = documents.document();
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ParseResult full = FULL.parse(RawRecord.line("random.ndjson", i, bytes, false));
            String problem = NormalizedDocument.problem(bytes);
            if (problem != null) {
                softly.assertThat(full.isValid())
                        .as("accepted %s although %s", json, problem)
                        .isFalse();
                if (!full.isValid()) {
                    softly.assertThat(full.deadLetter().getReason())
                            .as("reason for %s", json)
                            .isEqualTo(problem);
                }
                continue;
            }
            Map<String, String[]> expected = NormalizedDocument.leaves(NormalizedDocument.of(bytes));
            String[] hostIds = expected.get(EcsEventParser.HOST_ID);
            boolean oneHost = hostIds != null && hostIds.length == 1 && !hostIds[0].isEmpty();
            softly.assertThat(full.isValid()).as("verdict of %s", json).isTrue();
            if (full.isValid()) {
                softly.assertThat(full.event().hasHost()).as("host of %s", json).isEqualTo(oneHost);
                softly.assertThat(lists(full.event().fields()))
                        .as("fields of %s", json)
                        .isEqualTo(lists(expected));
            }
        }
        softly.assertAll();
    }

    static FieldProjection randomProjection(RandomDocuments documents, Random random) {
        FieldProjection.Builder b = FieldProjection.builder();
        for (int i = random.nextInt(5); i > 0; i--) {
            b.path(documents.path());
        }
        if (random.nextInt(4) == 0) {
            b.prefix(documents.path());
        }
        if (random.nextInt(3) == 0) {
            b.path("@timestamp");
        }
        return b.build();
    }

    static Map<String, List<String>> lists(Map<String, String[]> fields) {
        Map<String, List<String>> out = new TreeMap<>();
        fields.forEach((path, values) -> out.put(path, Arrays.asList(values)));
        return out;
    }

    private static Map<String, String[]> restrict(Map<String, String[]> fields, FieldProjection projection) {
        Map<String, String[]> out = new TreeMap<>();
        fields.forEach((path, values) -> {
            if (projection.includes(path) || path.equals(EcsEventParser.HOST_ID)) {
                out.put(path, values);
            }
        });
        return out;
    }

    @Test
    void flattenReferenceSeesNestedAndDottedAlike() {
        Map<String, String[]> fields = NormalizedDocument.leaves(
                NormalizedDocument.of("{\"a\":{\"b\":1},\"a.b\":[2,null]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(fields).containsOnlyKeys("a.b");
        assertThat(Arrays.asList(fields.get("a.b"))).containsExactly("1", "2");
    }
}
