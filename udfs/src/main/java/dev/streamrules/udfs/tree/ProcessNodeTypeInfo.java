package dev.streamrules.udfs.tree;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information of {@link ProcessNode}: always {@link ProcessNodeSerializer}, whatever the
 * serializer configuration, so the type works with generic types (Kryo) disabled.
 */
public final class ProcessNodeTypeInfo extends TypeInformation<ProcessNode> {

    private static final long serialVersionUID = 1L;

    public static final ProcessNodeTypeInfo INSTANCE = new ProcessNodeTypeInfo();

    private ProcessNodeTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ProcessNode> getTypeClass() {
        return ProcessNode.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ProcessNode> createSerializer(SerializerConfig config) {
        return ProcessNodeSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ProcessNodeTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ProcessNodeTypeInfo;
    }

    @Override
    public int hashCode() {
        return ProcessNodeTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ProcessNodeTypeInfo;
    }

    /** Named by {@link ProcessNode}'s {@code @TypeInfo}, so {@code TypeInformation.of(ProcessNode.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<ProcessNode> {
        @Override
        public TypeInformation<ProcessNode> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
