package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.alert.SequenceAlertBuilder;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole sequence stage on a MiniCluster: routing, keying, event-time matching and alerts. */
class SequenceDetectionITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final KeyField ENTITY = KeyField.required("process.entity_id");
    private static final KeyField PARENT = KeyField.required("process.parent.entity_id");

    @Test
    void parentExecThenChildExecAlertsOnceWithBuildingBlocks() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ((SerializerConfigImpl) env.getConfig().getSerializerConfig()).setGenericTypes(false);

        SequencePlan plan = SequencePlan.builder("parent-child")
                .lookback(Duration.ofMinutes(9))
                .maxspan(Duration.ofSeconds(1))
                .step(step(kind("exec"), KeyField.required("host.id"), ENTITY))
                .step(step(kind("exec"), KeyField.required("host.id"), PARENT))
                .build();
        DataStream<EcsEvent> events = env.fromData(
                        TypeInformation.of(EcsEvent.class),
                        ev(2, 500)
                                .kind("exec")
                                .with("process.entity_id", "child")
                                .with("process.parent.entity_id", "p1")
                                .event(),
                        ev(1, 0).kind("exec").with("process.entity_id", "p1").event(),
                        // near miss: the child comes 1.5 s after its parent, beyond maxspan
                        ev(3, 10_000)
                                .kind("exec")
                                .with("process.entity_id", "p2")
                                .event(),
                        ev(4, 11_500)
                                .kind("exec")
                                .with("process.entity_id", "late-child")
                                .with("process.parent.entity_id", "p2")
                                .event())
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<EcsEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((e, t) -> e.getTimestampMillis()));
        SequenceDetection detection = SequenceDetection.apply(
                events,
                List.of(new SequenceMatcher(plan)),
                Map.of(
                        "parent-child",
                        new SequenceAlertBuilder("parent-child", new AlertBuilder(ProcMapsDiscoveryRule.RULE))));

        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<Alert> it = detection.alerts().executeAndCollect("sequences-it")) {
            it.forEachRemaining(alerts::add);
        }

        assertThat(alerts).hasSize(3);
        JsonNode shell = alerts.stream()
                .map(a -> EcsEventBuilder.tree(a.getDocument()))
                .filter(d -> !d.at("/kibana/alert").has("building_block_type"))
                .findFirst()
                .orElseThrow();
        List<String> ancestorEvents = new ArrayList<>();
        shell.at("/kibana/alert/ancestors").forEach(a -> {
            if (a.get("type").asText().equals("event")) {
                ancestorEvents.add(a.get("id").asText());
            }
        });
        assertThat(ancestorEvents).containsExactly("e1", "e2");
    }
}
