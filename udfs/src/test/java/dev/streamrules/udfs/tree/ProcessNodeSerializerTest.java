package dev.streamrules.udfs.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.ecs.SerializerTypeInfo;
import dev.streamrules.udfs.tree.ProcessNode.LeaderSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ProcessNodeSerializerTest {

    /** Elastic Defend's form: base64 of "agent id-pid-start". */
    static String elasticId(String agent, long pid, String start) {
        return Base64.getEncoder().encodeToString((agent + "-" + pid + "-" + start).getBytes(StandardCharsets.UTF_8));
    }

    static final String AGENT = "6b3a1f0e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";

    private static <T> byte[] bytes(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        byte[] b = bytes(serializer, value);
        DataInputDeserializer in = new DataInputDeserializer(b);
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("all bytes consumed").isZero();
        return back;
    }

    static ProcessNode typicalNode() {
        String parent = elasticId(AGENT, 4242, "13289528986.795918000");
        String leader = elasticId(AGENT, 4100, "13289528001.100000000");
        return ProcessNode.builder()
                .pid(4300)
                .parentId(parent)
                .name("cat")
                .executable("/usr/bin/cat")
                .args(List.of("cat", "/proc/4242/maps"), false)
                .userName("alice")
                .start(1_714_557_600_123L)
                .imageTime(1_714_557_600_125L)
                .leader(LeaderSource.DECLARED, leader, "bash", "sshd")
                .sessionLeader(leader, "bash")
                .lastAccess(1_714_557_601_000L)
                .ownEvent(true)
                .build();
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ProcessNode full = typicalNode().toBuilder()
                .args(List.of("a", "ü ☃", ""), true)
                .endedAt(1_714_557_605_000L)
                .settled(true)
                .sessionLeader("not-base64-id", "zsh")
                .build();
        assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, full)).isEqualTo(full);
        assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, typicalNode())).isEqualTo(typicalNode());

        ProcessNode self = ProcessNode.builder()
                .name("bash")
                .selfLeader(LeaderSource.INFERRED, "bash", "terminal")
                .selfSessionLeader("bash")
                .lastAccess(5)
                .build();
        assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, self)).isEqualTo(self);

        ProcessNode bare = ProcessNode.builder().build();
        assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, bare)).isEqualTo(bare);

        ProcessNode noStart = ProcessNode.builder()
                .imageTime(77)
                .leader(LeaderSource.INHERITED, null, "sh", null)
                .parentId("abcd")
                .lastAccess(-3)
                .build();
        assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, noStart)).isEqualTo(noStart);
    }

    @Test
    void typicalNodeIsCompact() throws IOException {
        // two 88-character ids (parent, entry leader), session leader, name, path, two args, user, times
        assertThat(bytes(ProcessNodeSerializer.INSTANCE, typicalNode()).length).isLessThanOrEqualTo(120);
    }

    @Test
    void rejectsUnknownFormatVersion() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {9, 0});
        assertThatThrownBy(() -> ProcessNodeSerializer.INSTANCE.deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void entityIdsRoundTripInEveryForm() throws IOException {
        List<String> ids = List.of(
                elasticId(AGENT, 1, "1.000000000"),
                elasticId(AGENT, 0, "13289528986.795918000"),
                elasticId(AGENT.toUpperCase(), 12, "13289528986.795918000"), // not lowercase: plain base64
                elasticId(AGENT, 12, "13289528986.7959"), // not 9 fraction digits
                elasticId(AGENT, 12, "013289528986.795918000"), // leading zero
                elasticId(AGENT, 12, "1328952898600000000000.795918000"), // too many digits
                elasticId(AGENT, 12, "13289528986.795918000-extra"),
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0, 1}),
                "plain-id",
                "QR==",
                "QQ==",
                "abcd",
                "ü-☃",
                "",
                "a=bc",
                "MDEwMTAxMDEtMDEwMS0wMTAxLTAxMDEtMDEwMTAxMDEwMTAxLTEyNjI3LTEzMjg5NTI4OTg2Ljc5NTkxODAwMA==");
        for (String id : ids) {
            assertThat(roundTrip(EntityIdSerializer.INSTANCE, id)).as(id).isEqualTo(id);
            ProcessNode node = ProcessNode.builder()
                    .parentId(id)
                    .leader(LeaderSource.DECLARED, id, "x", null)
                    .sessionLeader(elasticId(AGENT, 7, "1.000000000"), null)
                    .build();
            assertThat(roundTrip(ProcessNodeSerializer.INSTANCE, node)).as(id).isEqualTo(node);
        }
    }

    @Test
    void entityIdsAreCompactAndDeterministic() throws IOException {
        String elastic = elasticId(AGENT, 12627, "13289528986.795918000");
        assertThat(elastic).hasSize(88);
        // header, length, 16 bytes of agent uuid, then pid (2), seconds (5) and nanos (5) as varints
        assertThat(bytes(EntityIdSerializer.INSTANCE, elastic)).hasSize(2 + 16 + 2 + 5 + 5);
        assertThat(bytes(EntityIdSerializer.INSTANCE, elastic)).isEqualTo(bytes(EntityIdSerializer.INSTANCE, elastic));
        String otherBase64 = elasticId(AGENT.toUpperCase(), 12627, "13289528986.795918000");
        assertThat(bytes(EntityIdSerializer.INSTANCE, otherBase64)).hasSize(2 + 64);
        assertThat(bytes(EntityIdSerializer.INSTANCE, "plain-id")).hasSize(2 + 8);
    }

    @Test
    void snapshotsRestoreTheSameSerializer() {
        TypeSerializerSnapshot<ProcessNode> nodeSnapshot = ProcessNodeSerializer.INSTANCE.snapshotConfiguration();
        assertThat(nodeSnapshot.restoreSerializer()).isSameAs(ProcessNodeSerializer.INSTANCE);
        assertThat(ProcessNodeSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(nodeSnapshot)
                        .isCompatibleAsIs())
                .isTrue();
        assertThat(EntityIdSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(EntityIdSerializer.INSTANCE);
    }

    @Test
    void nodeTypeIsNotGenericAndNeedsNoKryo() {
        TypeInformation<ProcessNode> info = TypeInformation.of(ProcessNode.class);
        assertThat(info).isNotInstanceOf(GenericTypeInfo.class).isInstanceOf(SerializerTypeInfo.class);

        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        assertThat(info.createSerializer(noGenerics)).isSameAs(ProcessNodeSerializer.INSTANCE);

        for (Class<?> pojo : List.of(PendingEvent.class, HostState.class)) {
            assertThat(TypeInformation.of(pojo)).as(pojo.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
        // every state descriptor builds its serializers with generic types disabled
        ExecutionConfig config = new ExecutionConfig();
        ((SerializerConfigImpl) config.getSerializerConfig()).setGenericTypes(false);
        ProcessTreeState.WAITING.initializeSerializerUnlessSet(config);
        ProcessTreeState.HOST.initializeSerializerUnlessSet(config);
        ProcessTreeState.NODES.initializeSerializerUnlessSet(config);
        assertThat(ProcessTreeState.NODES.getValueSerializer()).isSameAs(ProcessNodeSerializer.INSTANCE);
        assertThat(ProcessTreeState.WAITING.getValueSerializer()).isNotNull();
    }
}
