package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EcsEventTest {

    /** Paths sorting before, between, after and equal to the event's own. */
    private static final List<String> PATHS = List.of(
            "@a",
            "event.action",
            "host.id",
            "process.entry_leader.entity_id",
            "process.entry_leader.name",
            "process.name",
            "process.parent.args",
            "process.parent.name",
            "process.pid",
            "process.session_leader.pid",
            "user.name",
            "zzz");

    @Test
    void fillingFieldsReplacesAndAddsAsASortedMapWould() {
        EcsEvent event = EcsEventBuilder.exec("h", "p1", "p0", "bash", "bash", "-c", "id")
                .event();
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            Map<String, String[]> overrides = new LinkedHashMap<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                overrides.put(PATHS.get(random.nextInt(PATHS.size())), new String[] {"v" + i + "." + k});
            }
            Map<String, String[]> expected = new TreeMap<>(event.fields());
            expected.putAll(overrides);

            EcsEvent filled = event.withFields(overrides);

            assertThat(filled.getFieldNames()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, String[]> e : expected.entrySet()) {
                assertThat(filled.values(e.getKey())).as(e.getKey()).isSameAs(e.getValue());
            }
            assertThat(filled.values("absent.path")).isNull();
            assertThat(filled.getPayload()).isSameAs(event.getPayload());
        }
    }
}
