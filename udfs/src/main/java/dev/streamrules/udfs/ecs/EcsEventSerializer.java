package dev.streamrules.udfs.ecs;

import static dev.streamrules.udfs.ecs.BinaryCodec.readBytes;
import static dev.streamrules.udfs.ecs.BinaryCodec.readString;
import static dev.streamrules.udfs.ecs.BinaryCodec.readVarInt;
import static dev.streamrules.udfs.ecs.BinaryCodec.readZigZag;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeBytes;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeString;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeVarInt;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeZigZag;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary form of an {@link EcsEvent}, which crosses the network in sequences and is kept in CEP and
 * sequence state. {@link EcsEvent} is immutable, so {@link #copy} returns the event itself (as
 * Flink's {@code StringSerializer} does for strings): chained operators share it instead of
 * deep-copying its payload and field index for every event.
 *
 * <p>Each record starts with a format version byte, so a later format can still read state written
 * by this one. Version 1 is: version, host id, source, partition (zigzag varint), position (zigzag
 * varint), timestamp (8 bytes), payload, field count (varint), then per field its path, its value
 * count plus one (0 for {@code null}) and the values, then the enrichment. Strings and the payload
 * are {@link BinaryCodec}'s nullable forms.
 */
public final class EcsEventSerializer extends VersionedSerializer<EcsEvent> {

    private static final long serialVersionUID = 1L;

    public static final EcsEventSerializer INSTANCE = new EcsEventSerializer();

    static final int FORMAT_V1 = 1;

    private static final String[] NO_VALUES = new String[0];

    private EcsEventSerializer() {
        super(FORMAT_V1, "ECS event");
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public EcsEvent createInstance() {
        return new EcsEvent(
                null, null, RawRecord.NO_PARTITION, 0, EcsEvent.NO_TIMESTAMP, null, NO_VALUES, new String[0][], null);
    }

    @Override
    public EcsEvent copy(EcsEvent from) {
        return from;
    }

    @Override
    public EcsEvent copy(EcsEvent from, EcsEvent reuse) {
        return from;
    }

    @Override
    void writeBody(EcsEvent event, DataOutputView out) throws IOException {
        writeString(out, event.getHostId());
        writeString(out, event.getSource());
        writeZigZag(out, event.getPartition());
        writeZigZag(out, event.getPosition());
        out.writeLong(event.getTimestampMillis());
        writeBytes(out, event.getPayload());
        String[] names = event.getFieldNames();
        String[][] values = event.getFieldValues();
        writeVarInt(out, names.length);
        for (int i = 0; i < names.length; i++) {
            writeString(out, names[i]);
            String[] list = values[i];
            if (list == null) {
                writeVarInt(out, 0);
                continue;
            }
            writeVarInt(out, list.length + 1);
            for (String value : list) {
                writeString(out, value);
            }
        }
        writeString(out, event.getEnrichment());
    }

    @Override
    EcsEvent readBody(DataInputView in) throws IOException {
        String hostId = readString(in);
        String source = readString(in);
        int partition = (int) readZigZag(in);
        long position = readZigZag(in);
        long timestamp = in.readLong();
        byte[] payload = readBytes(in);
        int count = count(readVarInt(in));
        String[] names = new String[count];
        String[][] values = new String[count][];
        for (int i = 0; i < count; i++) {
            names[i] = readString(in);
            int stored = count(readVarInt(in));
            if (stored == 0) {
                continue;
            }
            String[] list = new String[stored - 1];
            for (int v = 0; v < list.length; v++) {
                list[v] = readString(in);
            }
            values[i] = list;
        }
        String enrichment = readString(in);
        return new EcsEvent(hostId, source, partition, position, timestamp, payload, names, values, enrichment);
    }

    @Override
    public TypeSerializerSnapshot<EcsEvent> snapshotConfiguration() {
        return new EcsEventSerializerSnapshot();
    }

    private static int count(int stored) throws IOException {
        if (stored < 0 || stored > BinaryCodec.MAX_LENGTH) {
            throw new IOException("corrupt count " + stored);
        }
        return stored;
    }

    /** Serializer snapshot: the format is versioned per record, so no configuration is stored. */
    public static final class EcsEventSerializerSnapshot extends SimpleTypeSerializerSnapshot<EcsEvent> {
        public EcsEventSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link EcsEvent}'s {@code @TypeInfo}, so {@code TypeInformation.of(EcsEvent.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<EcsEvent> {
        @Override
        public TypeInformation<EcsEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(EcsEvent.class, INSTANCE);
        }
    }
}
