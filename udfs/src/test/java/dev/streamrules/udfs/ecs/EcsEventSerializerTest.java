package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract (copy, serialize, snapshot, duplicate, concurrency) plus the format. */
class EcsEventSerializerTest extends SerializerTestBase<EcsEvent> {

    @Override
    protected TypeSerializer<EcsEvent> createSerializer() {
        return EcsEventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EcsEvent> getTypeClass() {
        return EcsEvent.class;
    }

    @Override
    protected EcsEvent[] getTestData() {
        EcsEvent exec = EcsEventBuilder.exec("h1", "e1", "p0", "cat", "cat", "/proc/1/maps")
                .user("alice")
                .event();
        return new EcsEvent[] {
            exec,
            exec.withEnrichment("{\"process\":{\"parent\":{\"name\":\"bash\"}}}"),
            exec.withFields(Map.of("process.args", new String[0], "x.multi", new String[] {"1", "2", "3"})),
            EcsEventBuilder.procMapsRead().remove("host").event(),
            // non-ASCII text, a character outside the BMP and an unpaired surrogate come back exactly
            EcsEventBuilder.parse(
                    "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"host\":{\"id\":\"h\\u00e9\"},"
                            + "\"process\":{\"name\":\"caf\\u00e9 \\u4e2d \\ud83d\\ude00\",\"title\":\"\\ud800x\"}}",
                    Long.MAX_VALUE),
            new EcsEvent(
                    null,
                    "topic",
                    3,
                    1042,
                    EcsEvent.NO_TIMESTAMP,
                    null,
                    new String[] {"a"},
                    new String[][] {null},
                    null),
            EcsEventSerializer.INSTANCE.createInstance(),
        };
    }

    @Test
    void copyReturnsTheEventItself() {
        EcsEvent event = getTestData()[0];
        assertThat(EcsEventSerializer.INSTANCE.isImmutableType()).isTrue();
        assertThat(EcsEventSerializer.INSTANCE.copy(event)).isSameAs(event);
        assertThat(EcsEventSerializer.INSTANCE.copy(event, EcsEventSerializer.INSTANCE.createInstance()))
                .isSameAs(event);
    }

    /** Format 1 as written to state: changing it must be deliberate (a new version byte). */
    @Test
    void writesFormatOne() throws IOException {
        EcsEvent event = new EcsEvent(
                "h",
                "f",
                -1,
                2,
                0x0102030405060708L,
                new byte[] {'{', '}'},
                new String[] {"a", "b"},
                new String[][] {{"x", "\u00e9"}, null},
                null);
        DataOutputSerializer out = new DataOutputSerializer(64);
        EcsEventSerializer.INSTANCE.serialize(event, out);

        assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer()))
                .isEqualTo(
                        "01" // version
                                + "0268" // host "h"
                                + "0266" // source "f"
                                + "01" // partition -1, zigzag
                                + "04" // position 2, zigzag
                                + "0102030405060708" // timestamp
                                + "037b7d" // payload "{}"
                                + "02" // two fields
                                + "0261" + "03" + "0278" + "03c3a9" // a: [x, é]
                                + "0262" + "00" // b: no values array
                                + "00"); // no enrichment
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(EcsEventSerializer.INSTANCE.deserialize(in)).isEqualTo(event);
        assertThat(in.available()).isZero();
    }

    @Test
    void rejectsAnUnknownFormatVersion() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {2, 0, 0});
        assertThatThrownBy(() -> EcsEventSerializer.INSTANCE.deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void snapshotRestoresTheSameSerializer() {
        assertThat(EcsEventSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(EcsEventSerializer.INSTANCE);
    }
}
