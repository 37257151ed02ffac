package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.tree.CompactCodec.readString;
import static dev.streamrules.udfs.tree.CompactCodec.readVarInt;
import static dev.streamrules.udfs.tree.CompactCodec.readZigZag;
import static dev.streamrules.udfs.tree.CompactCodec.writeString;
import static dev.streamrules.udfs.tree.CompactCodec.writeVarInt;
import static dev.streamrules.udfs.tree.CompactCodec.writeZigZag;

import dev.streamrules.udfs.ecs.SerializerTypeInfo;
import dev.streamrules.udfs.tree.CompactCodec.RawId;
import dev.streamrules.udfs.tree.ProcessNode.LeaderSource;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Compact binary form of a {@link ProcessNode}.
 *
 * <p>Each record starts with a format version byte, so a later format can still read records
 * written by this one (state written by an older job stays readable without a migration step).
 * Version 1 is: version, a varint of presence flags, then only the present fields, in this order:
 * pid, parent id, name, executable, args, user name, start, image time (relative to start), entry
 * leader id (relative to the parent id), its name and type, session leader id (relative to the
 * entry leader id, else the parent id), its name (unless equal to the entry leader's), last access,
 * ended-at (relative to last access).
 * Strings are UTF-8 with a varint length; ids use {@link CompactCodec}'s compact form.
 */
public final class ProcessNodeSerializer extends TypeSerializerSingleton<ProcessNode> {

    private static final long serialVersionUID = 1L;

    public static final ProcessNodeSerializer INSTANCE = new ProcessNodeSerializer();

    static final int FORMAT_V1 = 1;

    private static final int HAS_PID = 1;
    private static final int HAS_PARENT = 1 << 1;
    private static final int HAS_NAME = 1 << 2;
    private static final int HAS_EXECUTABLE = 1 << 3;
    private static final int HAS_ARGS = 1 << 4;
    private static final int ARGS_TRUNCATED = 1 << 5;
    private static final int HAS_USER = 1 << 6;
    private static final int HAS_START = 1 << 7;
    private static final int HAS_IMAGE_TIME = 1 << 8;
    private static final int LEADER_SOURCE_SHIFT = 9; // two bits: LeaderSource ordinal
    private static final int LEADER_IS_SELF = 1 << 11;
    private static final int HAS_LEADER_ID = 1 << 12;
    private static final int HAS_LEADER_NAME = 1 << 13;
    private static final int HAS_LEADER_TYPE = 1 << 14;
    private static final int SESSION_IS_SELF = 1 << 15;
    private static final int HAS_SESSION_ID = 1 << 16;
    private static final int HAS_SESSION_NAME = 1 << 17;
    private static final int ENDED = 1 << 18;
    private static final int OWN_EVENT = 1 << 19;
    private static final int SETTLED = 1 << 20;
    private static final int SESSION_NAME_IS_LEADER_NAME = 1 << 21;
    /** Added within format 1: older records simply do not have the bit set. */
    private static final int AWAITING_EXEC = 1 << 22;

    private static final LeaderSource[] SOURCES = LeaderSource.values();

    private ProcessNodeSerializer() {}

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ProcessNode createInstance() {
        return ProcessNode.builder().build();
    }

    @Override
    public ProcessNode copy(ProcessNode from) {
        return from;
    }

    @Override
    public ProcessNode copy(ProcessNode from, ProcessNode reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ProcessNode n, DataOutputView out) throws IOException {
        String[] args = n.argsArray();
        int flags = 0;
        flags |= n.hasPid() ? HAS_PID : 0;
        flags |= n.parentId() != null ? HAS_PARENT : 0;
        flags |= n.name() != null ? HAS_NAME : 0;
        flags |= n.executable() != null ? HAS_EXECUTABLE : 0;
        flags |= args.length > 0 ? HAS_ARGS : 0;
        flags |= n.argsTruncated() ? ARGS_TRUNCATED : 0;
        flags |= n.userName() != null ? HAS_USER : 0;
        flags |= n.start() != ProcessNode.NO_TIME ? HAS_START : 0;
        flags |= n.imageTime() != ProcessNode.NO_TIME ? HAS_IMAGE_TIME : 0;
        flags |= n.leaderSource().ordinal() << LEADER_SOURCE_SHIFT;
        flags |= n.isEntryLeader() ? LEADER_IS_SELF : 0;
        flags |= n.leaderId() != null ? HAS_LEADER_ID : 0;
        flags |= n.leaderName() != null ? HAS_LEADER_NAME : 0;
        flags |= n.leaderType() != null ? HAS_LEADER_TYPE : 0;
        flags |= n.isSessionLeader() ? SESSION_IS_SELF : 0;
        flags |= n.sessionLeaderId() != null ? HAS_SESSION_ID : 0;
        boolean sessionNameShared =
                n.sessionLeaderName() != null && n.sessionLeaderName().equals(n.leaderName());
        flags |= sessionNameShared ? SESSION_NAME_IS_LEADER_NAME : n.sessionLeaderName() != null ? HAS_SESSION_NAME : 0;
        flags |= n.ended() ? ENDED : 0;
        flags |= n.ownEvent() ? OWN_EVENT : 0;
        flags |= n.settled() ? SETTLED : 0;
        flags |= n.awaitingExec() ? AWAITING_EXEC : 0;

        out.writeByte(FORMAT_V1);
        writeVarInt(out, flags);
        if (n.hasPid()) {
            writeZigZag(out, n.pid());
        }
        RawId parent = RawId.of(n.parentId());
        if (parent != null) {
            CompactCodec.writeId(out, parent, null);
        }
        writeIfPresent(out, n.name());
        writeIfPresent(out, n.executable());
        if (args.length > 0) {
            writeVarInt(out, args.length);
            for (String arg : args) {
                writeString(out, arg);
            }
        }
        writeIfPresent(out, n.userName());
        if (n.start() != ProcessNode.NO_TIME) {
            writeZigZag(out, n.start());
        }
        if (n.imageTime() != ProcessNode.NO_TIME) {
            writeZigZag(out, n.start() != ProcessNode.NO_TIME ? n.imageTime() - n.start() : n.imageTime());
        }
        RawId leader = RawId.of(n.leaderId());
        if (leader != null) {
            CompactCodec.writeId(out, leader, parent);
        }
        writeIfPresent(out, n.leaderName());
        writeIfPresent(out, n.leaderType());
        if (n.sessionLeaderId() != null) {
            CompactCodec.writeId(out, RawId.of(n.sessionLeaderId()), leader != null ? leader : parent);
        }
        if (!sessionNameShared) {
            writeIfPresent(out, n.sessionLeaderName());
        }
        writeZigZag(out, n.lastAccess());
        if (n.ended()) {
            writeZigZag(out, n.endedAt() - n.lastAccess());
        }
    }

    @Override
    public ProcessNode deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_V1) {
            throw new IOException(
                    "unknown process node format version " + version + " (this build reads version " + FORMAT_V1 + ")");
        }
        int flags = readVarInt(in);
        ProcessNode.Builder b = ProcessNode.builder();
        if (has(flags, HAS_PID)) {
            b.pid(readZigZag(in));
        }
        RawId parent = has(flags, HAS_PARENT) ? CompactCodec.readId(in, null) : null;
        b.parentId(parent == null ? null : parent.text());
        b.name(has(flags, HAS_NAME) ? readString(in) : null);
        b.executable(has(flags, HAS_EXECUTABLE) ? readString(in) : null);
        if (has(flags, HAS_ARGS)) {
            int count = readVarInt(in);
            if (count < 0 || count > CompactCodec.MAX_BYTES) {
                throw new IOException("corrupt argument count " + count);
            }
            String[] args = new String[count];
            for (int i = 0; i < count; i++) {
                args[i] = readString(in);
            }
            b.argsArray(args, has(flags, ARGS_TRUNCATED));
        } else {
            b.argsArray(null, has(flags, ARGS_TRUNCATED));
        }
        b.userName(has(flags, HAS_USER) ? readString(in) : null);
        long start = has(flags, HAS_START) ? readZigZag(in) : ProcessNode.NO_TIME;
        b.start(start);
        if (has(flags, HAS_IMAGE_TIME)) {
            long image = readZigZag(in);
            b.imageTime(start != ProcessNode.NO_TIME ? start + image : image);
        }
        int sourceOrdinal = (flags >>> LEADER_SOURCE_SHIFT) & 3;
        LeaderSource source = SOURCES[sourceOrdinal];
        RawId leader = has(flags, HAS_LEADER_ID) ? CompactCodec.readId(in, parent) : null;
        String leaderName = has(flags, HAS_LEADER_NAME) ? readString(in) : null;
        String leaderType = has(flags, HAS_LEADER_TYPE) ? readString(in) : null;
        if (has(flags, LEADER_IS_SELF)) {
            b.selfLeader(source, leaderName, leaderType);
        } else {
            b.leader(source, leader == null ? null : leader.text(), leaderName, leaderType);
        }
        RawId session = has(flags, HAS_SESSION_ID) ? CompactCodec.readId(in, leader != null ? leader : parent) : null;
        String sessionName = has(flags, SESSION_NAME_IS_LEADER_NAME)
                ? leaderName
                : has(flags, HAS_SESSION_NAME) ? readString(in) : null;
        if (has(flags, SESSION_IS_SELF)) {
            b.selfSessionLeader(sessionName);
        } else {
            b.sessionLeader(session == null ? null : session.text(), sessionName);
        }
        long lastAccess = readZigZag(in);
        b.lastAccess(lastAccess);
        if (has(flags, ENDED)) {
            b.endedAt(lastAccess + readZigZag(in));
        }
        b.ownEvent(has(flags, OWN_EVENT));
        b.settled(has(flags, SETTLED));
        b.awaitingExec(has(flags, AWAITING_EXEC));
        return b.build();
    }

    @Override
    public ProcessNode deserialize(ProcessNode reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ProcessNode> snapshotConfiguration() {
        return new ProcessNodeSerializerSnapshot();
    }

    private static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    private static void writeIfPresent(DataOutputView out, String s) throws IOException {
        if (s != null) {
            writeString(out, s);
        }
    }

    /** Serializer snapshot: the format is self-describing per record, so no configuration is stored. */
    public static final class ProcessNodeSerializerSnapshot extends SimpleTypeSerializerSnapshot<ProcessNode> {
        public ProcessNodeSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link ProcessNode}'s {@code @TypeInfo}, so {@code TypeInformation.of(ProcessNode.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<ProcessNode> {
        @Override
        public TypeInformation<ProcessNode> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new SerializerTypeInfo<>(ProcessNode.class, INSTANCE);
        }
    }
}
