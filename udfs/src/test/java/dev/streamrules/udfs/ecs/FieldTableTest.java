package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hash index finds exactly what a binary search over the sorted names finds. */
class FieldTableTest {

    private static final String[] SEGMENTS = {
        "process",
        "parent",
        "entry_leader",
        "session_leader",
        "name",
        "args",
        "pid",
        "entity_id",
        "Aa",
        "BB",
        "host",
        "os",
        "type",
        "event",
        "action",
        "a",
        "b"
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 36, 200, FieldTable.MAX_NAMES, FieldTable.MAX_NAMES + 1, 5000})
    void findsEveryNameAndNothingElse(int size) {
        Random random = new Random(size);
        TreeSet<String> names = new TreeSet<>();
        while (names.size() < size) {
            names.add(randomPath(random));
        }
        String[] sorted = names.toArray(new String[0]);
        FieldTable table = FieldTable.of(sorted);
        for (int k = 0; k < sorted.length; k++) {
            // a distinct instance: the table must compare text, not identity
            assertThat(table.indexOf(new String(sorted[k]))).isEqualTo(k);
        }
        for (int i = 0; i < 20_000; i++) {
            String probe = randomPath(random);
            int expected = Arrays.binarySearch(sorted, probe);
            assertThat(table.indexOf(probe)).as(probe).isEqualTo(expected < 0 ? -1 : expected);
        }
    }

    @Test
    void tellsApartNamesWhoseHashesCollide() {
        // "Aa" and "BB" have the same String hash, and so do all paths built from them alike.
        String[] sorted = {"x.Aa.Aa", "x.Aa.BB", "x.BB.Aa"};
        assertThat("x.Aa.BB".hashCode()).isEqualTo("x.BB.Aa".hashCode());
        FieldTable table = FieldTable.of(sorted);
        assertThat(table.indexOf("x.Aa.Aa")).isZero();
        assertThat(table.indexOf("x.Aa.BB")).isEqualTo(1);
        assertThat(table.indexOf("x.BB.Aa")).isEqualTo(2);
        assertThat(table.indexOf("x.BB.BB")).isEqualTo(-1);
    }

    @Test
    void eventsOfOneShapeShareTheirNamesAndTable() {
        EcsEventParser parser =
                new EcsEventParser(FieldProjection.of(List.of("process.name", "process.pid", "user.id")));
        EcsEvent first = parser.parse(
                        EcsEventBuilder.exec("h", "p1").name("bash").record(1))
                .event();
        EcsEvent second = parser.parse(
                        EcsEventBuilder.exec("h", "p2").name("ls").record(2))
                .event();
        EcsEvent other = parser.parse(EcsEventBuilder.exec("h", "p3")
                        .name("ls")
                        .remove("user.id")
                        .record(3))
                .event();
        assertThat(second.getFieldNames()).isSameAs(first.getFieldNames()).contains("user.id");
        assertThat(other.getFieldNames()).isNotSameAs(first.getFieldNames()).doesNotContain("user.id");
        assertThat(second.first("process.name")).isEqualTo("ls");
        assertThat(other.first("user.id")).isNull();
        assertThat(first.first("user.id")).isEqualTo(second.first("user.id")).isNotNull();
    }

    @Test
    void aSharedTableAlwaysIndexesTheNamesAskedFor() {
        // More shapes than the cache holds, revisited at random: collisions replace, never confuse.
        Random random = new Random(5);
        FieldShapes shapes = new FieldShapes();
        List<String[]> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            TreeSet<String> names = new TreeSet<>();
            for (int k = random.nextInt(12); k >= 0; k--) {
                names.add(randomPath(random));
            }
            all.add(names.toArray(new String[0]));
        }
        for (int i = 0; i < 20_000; i++) {
            String[] names = all.get(random.nextInt(all.size())).clone();
            FieldTable table = shapes.of(names);
            assertThat(table.names()).containsExactly(names);
            assertThat(table.indexOf(names[names.length - 1])).isEqualTo(names.length - 1);
        }
    }

    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        for (int depth = random.nextInt(4); depth > 0; depth--) {
            path.append('.').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return path.toString();
    }
}
