package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventFieldsTest {

    static Stream<EcsEvent> events() {
        return Stream.of(
                exec("h", "cat-1", "bash-1", "cat", "cat", "/proc/1/maps")
                        .pid(7)
                        .user("root")
                        .entryLeader("zsh-9", "zsh", "terminal")
                        .sessionLeader("zsh-9", "zsh")
                        .ancestry("bash-1", "zsh-9")
                        .event(),
                exec("h", "bash-1", "sshd-1", "bash").ownEntryLeader("sshd").event(),
                // fields sorting before, between and after the tree's, and none of the tree's own
                exec("h", "a", null, "a")
                        .remove("process")
                        .set("agent.id", "x")
                        .set("zzz", "y")
                        .event());
    }

    @ParameterizedTest
    @MethodSource("events")
    void findsWhatTheEventHoldsForEveryPathTheTreeReadsAndAnyOther(EcsEvent event) {
        EventFields fields = EventFields.of(event);
        List<String> paths = new ArrayList<>(ProcessTreeFields.PATHS);
        paths.addAll(event.fields().keySet());
        paths.add("process.absent");
        for (String path : paths) {
            assertThat(fields.values(path)).as(path).isSameAs(event.values(path));
            assertThat(fields.first(path)).as(path).isEqualTo(event.first(path));
        }
    }
}
