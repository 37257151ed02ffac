package dev.streamrules.udfs.ecs;

import static dev.streamrules.udfs.ecs.BinaryCodec.readBytes;
import static dev.streamrules.udfs.ecs.BinaryCodec.readString;
import static dev.streamrules.udfs.ecs.BinaryCodec.readZigZag;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeBytes;
import static dev.streamrules.udfs.ecs.BinaryCodec.writeString;
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
 * Binary form of a {@link RawRecord}, the record that crosses the network from the reader to the
 * subtask that owns its host. A record's routing key and event time are set after it is built, so
 * {@link #copy} makes a new record; its payload is shared, not copied, because no code writes into
 * a payload after the reader filled it.
 *
 * <p>Each record starts with a format version byte. Version 1 is: version, flags (truncated, event
 * time read), source, partition (zigzag varint), position (zigzag varint), the event time (8 bytes,
 * only when read), host key, payload. Strings and the payload are {@link BinaryCodec}'s nullable forms.
 */
public final class RawRecordSerializer extends VersionedSerializer<RawRecord> {

    private static final long serialVersionUID = 1L;

    public static final RawRecordSerializer INSTANCE = new RawRecordSerializer();

    static final int FORMAT_V1 = 1;

    private static final int TRUNCATED = 1;
    private static final int EVENT_TIME_READ = 1 << 1;

    private RawRecordSerializer() {
        super(FORMAT_V1, "raw record");
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public RawRecord createInstance() {
        return new RawRecord(null, RawRecord.NO_PARTITION, 0, null, false);
    }

    @Override
    public RawRecord copy(RawRecord from) {
        RawRecord copy = new RawRecord(
                from.getSource(), from.getPartition(), from.getPosition(), from.getPayload(), from.isTruncated());
        if (from.hasEventTime()) {
            copy.eventTime(from.getEventTimeMillis());
        }
        copy.setHostKey(from.getHostKey());
        from.copyParsedAheadTo(copy);
        return copy;
    }

    @Override
    public RawRecord copy(RawRecord from, RawRecord reuse) {
        return copy(from);
    }

    @Override
    void writeBody(RawRecord record, DataOutputView out) throws IOException {
        int flags = (record.isTruncated() ? TRUNCATED : 0) | (record.hasEventTime() ? EVENT_TIME_READ : 0);
        out.writeByte(flags);
        writeString(out, record.getSource());
        writeZigZag(out, record.getPartition());
        writeZigZag(out, record.getPosition());
        if (record.hasEventTime()) {
            out.writeLong(record.getEventTimeMillis());
        }
        writeString(out, record.getHostKey());
        writeBytes(out, record.getPayload());
    }

    @Override
    RawRecord readBody(DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        String source = readString(in);
        int partition = (int) readZigZag(in);
        long position = readZigZag(in);
        long eventTime = (flags & EVENT_TIME_READ) != 0 ? in.readLong() : EcsEvent.NO_TIMESTAMP;
        String hostKey = readString(in);
        byte[] payload = readBytes(in);
        RawRecord record = new RawRecord(source, partition, position, payload, (flags & TRUNCATED) != 0);
        if ((flags & EVENT_TIME_READ) != 0) {
            record.eventTime(eventTime);
        }
        record.setHostKey(hostKey);
        return record;
    }

    @Override
    public TypeSerializerSnapshot<RawRecord> snapshotConfiguration() {
        return new RawRecordSerializerSnapshot();
    }

    /** Serializer snapshot: the format is versioned per record, so no configuration is stored. */
    public static final class RawRecordSerializerSnapshot extends SimpleTypeSerializerSnapshot<RawRecord> {
        public RawRecordSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link RawRecord}'s {@code @TypeInfo}, so {@code TypeInformation.of(RawRecord.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<RawRecord> {
        @Override
        public TypeInformation<RawRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(RawRecord.class, INSTANCE);
        }
    }
}
