package dev.streamrules.udfs.ecs;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stateless serializer whose every record starts with a format version byte, so that a later
 * format can still read state written by this one (the snapshot then stores no configuration).
 * Subclasses write and read the body of the current version.
 */
abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    private final int version;
    private final String name;

    VersionedSerializer(int version, String name) {
        this.version = version;
        this.name = name;
    }

    abstract void writeBody(T value, DataOutputView out) throws IOException;

    abstract T readBody(DataInputView in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        out.writeByte(version);
        writeBody(value, out);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        int found = in.readUnsignedByte();
        if (found != version) {
            throw new IOException(
                    "unknown " + name + " format version " + found + " (this build reads version " + version + ")");
        }
        return readBody(in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final int getLength() {
        return -1;
    }
}
