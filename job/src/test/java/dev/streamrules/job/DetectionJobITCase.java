package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.replay.NdjsonLineFormat;
import dev.streamrules.job.testing.CollectingSink;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.job.testing.ReplayFixture;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import dev.streamrules.udfs.tree.ProcessTreeState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamingJobGraphGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production wiring on a MiniCluster, fed a file with known answers: routed by host at
 * parallelism 2 and 1, and parsed in the source's task as a replay at parallelism 1 does.
 */
class DetectionJobITCase {

    private static final int PARALLELISM = MiniClusterWithMetrics.PARALLELISM;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest(name = "parallelism {0}, rescalable {1}, tree on {2}")
    @CsvSource({
        "2, true, PROCESSING_TIME",
        "1, true, PROCESSING_TIME",
        "1, false, PROCESSING_TIME",
        "1, false, EVENT_TIME",
        "2, false, EVENT_TIME"
    })
    void alertsExactlyTheMatchingEventsOnceAndDeadLettersEveryMalformedLine(
            int parallelism, boolean rescalable, ProcessTreeSettings.Clock clock) throws Exception {
        ReplayFixture fixture = ReplayFixture.standard();
        java.nio.file.Path input = fixture.writeTo(dir.resolve("events.ndjson"));
        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.baseConfiguration(parallelism));
        DetectionJob.builder()
                .source(fileSource(input), "Fixture")
                .rules(List.of(ProcMapsDiscoveryRule.RULE))
                .alertSink(alerts, "Collect alerts", "collect", 0)
                .deadLetterSink(deadLetters, "Collect dead letters", 0)
                .rescalable(rescalable)
                .processTree(ProcessTreeSettings.builder().clock(clock).build())
                .treeWatermarks(clock == ProcessTreeSettings.Clock.EVENT_TIME ? Duration.ofSeconds(5) : null)
                .build()
                .build(env);
        env.execute("DetectionJobITCase");

        List<Alert> emitted = alerts.drain();
        assertThat(emitted)
                .extracting(DetectionJobITCase::originalEventId)
                .containsExactlyInAnyOrderElementsOf(fixture.expectedAlertEventIds());
        assertThat(emitted).extracting(Alert::getId).doesNotHaveDuplicates();
        assertThat(emitted).allSatisfy(a -> assertThat(a.getRuleId()).isEqualTo(ProcMapsDiscoveryRule.RULE_ID));

        Map<Long, String> reasons = new TreeMap<>();
        for (DeadLetter d : deadLetters.drain()) {
            assertThat(reasons.put(d.getPosition(), d.getReason()))
                    .as("one dead letter per line")
                    .isNull();
        }
        assertThat(reasons.keySet())
                .containsExactlyElementsOf(fixture.expectedDeadLetters().keySet());
        fixture.expectedDeadLetters()
                .forEach((line, reason) -> assertThat(reasons.get(line)).contains(reason));
    }

    @Test
    void aTreeOnEventTimeWithoutWatermarksIsRefused() {
        DetectionJob.Builder job = DetectionJob.builder()
                .source(fileSource(dir.resolve("unused.ndjson")), "Unused")
                .rules(List.of(ProcMapsDiscoveryRule.RULE))
                .alertSink(new CollectingSink<>(), "Collect alerts", "collect", 0)
                .deadLetterSink(new CollectingSink<>(), "Collect dead letters", 0)
                .processTree(ProcessTreeSettings.builder()
                        .clock(ProcessTreeSettings.Clock.EVENT_TIME)
                        .build());
        assertThatThrownBy(job::build).hasMessageContaining("needs watermarks");
        job.treeWatermarks(Duration.ofSeconds(5));
        assertThat(job.build()).isNotNull();
    }

    @Test
    void jobGraphHasAStableUidOnEveryOperatorAndNoGenericTypes() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.baseConfiguration(PARALLELISM));
        DetectionJob.builder()
                .source(fileSource(dir.resolve("unused.ndjson")), "Unused")
                .rules(List.of(ProcMapsDiscoveryRule.RULE))
                .alertSink(new CollectingSink<>(), "Collect alerts", "collect", 0)
                .deadLetterSink(new CollectingSink<>(), "Collect dead letters", 0)
                .build()
                .build(env);
        // With auto-generated uids disabled, building the JobGraph throws if any operator lacks a uid;
        // with generic types disabled, building the stream graph throws on any Kryo fallback.
        StreamGraph graph = env.getStreamGraph();
        assertThat(StreamingJobGraphGenerator.createJobGraph(graph).getNumberOfVertices())
                .isPositive();
        List<String> uids = graph.getStreamNodes().stream()
                .map(n -> n.getTransformationUID())
                .filter(u -> u != null)
                .collect(Collectors.toList());
        assertThat(uids)
                .contains(
                        Streams.SOURCE_UID,
                        Streams.PARSE_UID,
                        ProcessTreeState.UID,
                        Streams.SINGLE_EVENT_RULES_UID,
                        Streams.DEAD_LETTER_SINK_UID);
    }

    @ParameterizedTest(name = "parallelism {0}, rescalable {1}: routed {2}")
    @CsvSource({"1, false, false", "1, true, true", "2, false, true", "2, true, true"})
    void onlyAJobThatStaysOnOneSubtaskParsesWithoutRouting(int parallelism, boolean rescalable, boolean routed) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.baseConfiguration(parallelism));
        DetectionJob.builder()
                .source(fileSource(dir.resolve("unused.ndjson")), "Unused")
                .rules(List.of(ProcMapsDiscoveryRule.RULE))
                .alertSink(new CollectingSink<>(), "Collect alerts", "collect", 0)
                .deadLetterSink(new CollectingSink<>(), "Collect dead letters", 0)
                .rescalable(rescalable)
                .build()
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        List<String> uids = graph.getStreamNodes().stream()
                .map(n -> n.getTransformationUID())
                .toList();
        assertThat(uids).contains(Streams.PARSE_UID);
        assertThat(uids.contains(Streams.ROUTE_UID)).as("routes by host").isEqualTo(routed);
        // Unrouted, the parser is chained to the source: one task reads, parses and detects.
        boolean parsedInSourceTask = StreamSupport.stream(
                        StreamingJobGraphGenerator.createJobGraph(graph)
                                .getVertices()
                                .spliterator(),
                        false)
                .anyMatch(v ->
                        v.getName().startsWith("Source: Unused") && v.getName().contains("Parse ECS events"));
        assertThat(parsedInSourceTask).isEqualTo(!routed);
    }

    static FileSource<RawRecord> fileSource(java.nio.file.Path file) {
        return FileSource.forRecordStreamFormat(
                        new NdjsonLineFormat(file.getFileName().toString()), new Path(file.toUri()))
                .build();
    }

    static String originalEventId(Alert alert) {
        try {
            JsonNode doc = JSON.readTree(alert.getDocument());
            return doc.path("kibana")
                    .path("alert")
                    .path("original_event")
                    .path("id")
                    .asText();
        } catch (Exception e) {
            throw new AssertionError("alert is not JSON: " + alert.getDocument(), e);
        }
    }
}
