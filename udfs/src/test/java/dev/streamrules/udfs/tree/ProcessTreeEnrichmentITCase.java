package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The entry point in a real (mini cluster) job, Kryo disabled, on a bounded input. */
class ProcessTreeEnrichmentITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    void boundedJobEmitsEveryEventAndResolvesFromState() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ((SerializerConfigImpl) env.getConfig().getSerializerConfig()).setGenericTypes(false);

        DataStream<EcsEvent> events = env.fromData(
                TypeInformation.of(EcsEvent.class),
                exec("host-a", "bash-1", "sshd-1", "bash", "-bash")
                        .ownEntryLeader("sshd")
                        .event(),
                exec("host-a", "sh-1", "bash-1", "sh").event(),
                exec("host-a", "cat-1", "sh-1", "cat", "cat", "/proc/1/maps").event(),
                // its parent never arrives; the input ends long before the 2 s wait
                exec("host-b", "grep-1", "never-seen", "grep", "grep", "x", "/proc/2/maps")
                        .event());
        SingleOutputStreamOperator<EcsEvent> enriched = ProcessTreeEnrichment.apply(
                events.keyBy(EcsEvent::getHostId, Types.STRING), ProcessTreeSettings.defaults());

        assertThat(enriched.getTransformation().getUid()).isEqualTo("process-tree");
        assertThat(enriched.getName()).isEqualTo("Process-tree enrichment");
        assertThat(enriched.getType()).isEqualTo(TypeInformation.of(EcsEvent.class));

        List<EcsEvent> out = new ArrayList<>();
        try (CloseableIterator<EcsEvent> it = enriched.executeAndCollect("process-tree-it")) {
            it.forEachRemaining(out::add);
        }

        assertThat(out).hasSize(4);
        EcsEvent cat = Harnesses.only(out, "cat-1");
        assertThat(Harnesses.leaderName(cat)).isEqualTo("bash");
        assertThat(ProcMapsDiscoveryRule.RULE.matches(cat)).isTrue();
        EcsEvent grep = Harnesses.only(out, "grep-1");
        assertThat(new ObjectMapper()
                        .readTree(grep.getEnrichment())
                        .at("/process_tree/unresolved_reason")
                        .asText())
                .contains("never-seen");
    }
}
