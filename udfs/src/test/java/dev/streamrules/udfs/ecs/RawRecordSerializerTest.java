package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract plus what {@link RawRecord#equals} leaves out (the routing key). */
class RawRecordSerializerTest extends SerializerTestBase<RawRecord> {

    @Override
    protected TypeSerializer<RawRecord> createSerializer() {
        return RawRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RawRecord> getTypeClass() {
        return RawRecord.class;
    }

    @Override
    protected RawRecord[] getTestData() {
        RawRecord timed = RawRecord.kafka("events", 7, 1L << 40, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        timed.eventTime(1_714_557_600_123L);
        RawRecord routed =
                RawRecord.line("f.ndjson", 12, "{\"host\":{\"id\":\"h\"}}".getBytes(StandardCharsets.UTF_8), false);
        routed.setHostKey("h");
        return new RawRecord[] {
            timed,
            routed,
            RawRecord.line("big.ndjson", 1, new byte[100_000], true),
            new RawRecord(null, RawRecord.NO_PARTITION, 0, null, false),
        };
    }

    @Test
    void copyAndRoundTripKeepTheRoutingKey() throws IOException {
        RawRecord routed = getTestData()[1];
        RawRecord copy = RawRecordSerializer.INSTANCE.copy(routed);
        assertThat(copy).isNotSameAs(routed).isEqualTo(routed);
        assertThat(copy.getHostKey()).isEqualTo("h");
        assertThat(copy.getPayload())
                .as("the payload is never written, so it is shared")
                .isSameAs(routed.getPayload());

        DataOutputSerializer out = new DataOutputSerializer(64);
        RawRecordSerializer.INSTANCE.serialize(routed, out);
        RawRecord back = RawRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.getHostKey()).isEqualTo("h");
        assertThat(back.hasEventTime()).isFalse();
    }
}
