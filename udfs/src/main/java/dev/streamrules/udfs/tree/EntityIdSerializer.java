package dev.streamrules.udfs.tree;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of entity ids used as map-state keys: Elastic Defend ids packed to binary, other
 * canonical base64 ids decoded, anything else as UTF-8 (see {@link CompactCodec}). Deterministic,
 * as RocksDB map keys require.
 */
public final class EntityIdSerializer extends TypeSerializerSingleton<String> {

    private static final long serialVersionUID = 1L;

    public static final EntityIdSerializer INSTANCE = new EntityIdSerializer();

    private EntityIdSerializer() {}

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String id, DataOutputView out) throws IOException {
        if (id == null) {
            throw new IllegalArgumentException("entity id must not be null");
        }
        CompactCodec.writeId(out, CompactCodec.RawId.of(id), null);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return CompactCodec.readId(in, null).text();
    }

    @Override
    public String deserialize(String reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new EntityIdSerializerSnapshot();
    }

    /** Stateless serializer: nothing to store beyond its class. */
    public static final class EntityIdSerializerSnapshot extends SimpleTypeSerializerSnapshot<String> {
        public EntityIdSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
