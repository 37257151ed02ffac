package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class BulkCreateStateSerializerTest {

    @Test
    void bufferedOperationsSurviveACheckpointRoundTrip() throws Exception {
        List<BulkCreate> entries = List.of(
                BulkCreate.of("a", "{\"x\":\"ü\"}"),
                BulkCreate.of("b\"\n", "{\n\"y\": 2\n}").nextAttempt().nextAttempt(),
                BulkCreate.of("c".repeat(70_000), "{}"));
        BufferedRequestState<BulkCreate> state = new BufferedRequestState<>(entries.stream()
                .map(e -> new RequestEntryWrapper<>(e, e.sizeInBytes()))
                .collect(Collectors.toList()));
        BulkCreateStateSerializer serializer = new BulkCreateStateSerializer();

        BufferedRequestState<BulkCreate> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactlyElementsOf(entries);
        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getSize)
                .containsExactlyElementsOf(
                        entries.stream().map(BulkCreate::sizeInBytes).collect(Collectors.toList()));
        assertThat(restored.getBufferedRequestEntries().get(1).getRequestEntry().attempt())
                .isEqualTo(2);
    }
}
