package dev.streamrules.udfs.eql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypesTest {

    private static final String PROPERTIES = "{\"properties\":{"
            + "\"@timestamp\":{\"type\":\"date\"},"
            + "\"message\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}},"
            + "\"note\":{\"type\":\"match_only_text\"},"
            + "\"labels\":{\"type\":\"flattened\",\"ignore_above\":100},"
            + "\"host\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}},"
            + "\"host.ip\":{\"type\":\"ip\"},"
            + "\"hostname\":{\"type\":\"alias\",\"path\":\"host.name\"},"
            + "\"process\":{\"type\":\"object\",\"properties\":{\"pid\":{\"type\":\"integer\"},\"ratio\":{\"type\":\"half_float\"},"
            + "\"command_line\":{\"type\":\"wildcard\"},\"interactive\":{\"type\":\"boolean\"},\"geo\":{\"type\":\"geo_point\"}}}}}";

    @ParameterizedTest
    @CsvSource({
        "process.pid, LONG",
        "process.args, KEYWORD",
        "@timestamp, DATE",
        "source.ip, IP",
        "process.args_count, LONG",
        "user.id, KEYWORD",
        "event.sequence, LONG",
        "process.parent.executable, KEYWORD",
        "process.command_line, WILDCARD",
        "process.entry_leader.entry_meta.type, KEYWORD",
        "process.Ext.ancestry, KEYWORD",
        "file.Ext.entropy, DOUBLE",
        "process.interactive, BOOLEAN",
        "process.group_leader.pid, LONG",
        "destination.port, LONG",
        "not.in.any.table, KEYWORD"
    })
    void ecsTableKnowsEcsAndDefendFields(String path, FieldType type) {
        FieldInfo info = FieldTypes.ecs().lookup(path);
        assertThat(info.type()).isEqualTo(type);
        assertThat(info.path()).isEqualTo(path);
        if (type == FieldType.KEYWORD) {
            assertThat(info.ignoreAbove()).isEqualTo(1024);
        }
        assertThat(FieldTypes.ecs().lenient()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"mappings\":" + PROPERTIES + "}",
                PROPERTIES,
                "{\"index_patterns\":[\"logs-*\"],\"template\":{\"settings\":{},\"mappings\":" + PROPERTIES + "}}",
                "{\"template\":{\"mappings\":" + PROPERTIES + "},\"version\":1}",
                "{\"my-index\":{\"mappings\":" + PROPERTIES + "}}",
                "{\"index_templates\":[{\"name\":\"t\",\"index_template\":{\"template\":{\"mappings\":" + PROPERTIES
                        + "}}}]}",
                "{\"component_templates\":[{\"name\":\"c\",\"component_template\":{\"template\":{\"mappings\":"
                        + PROPERTIES + "}}}]}"
            })
    void readsMappingsTemplatesAndComponentTemplates(String json) {
        FieldTypes types = FieldTypes.fromMappingJson(json);
        assertThat(types.lenient()).isFalse();
        assertThat(types.lookup("@timestamp").type()).isEqualTo(FieldType.DATE);
        assertThat(types.lookup("process.pid").type()).isEqualTo(FieldType.LONG);
        assertThat(types.lookup("process.pid").esType()).isEqualTo("integer");
        assertThat(types.lookup("process.ratio").type()).isEqualTo(FieldType.DOUBLE);
        assertThat(types.lookup("process.command_line").type()).isEqualTo(FieldType.WILDCARD);
        assertThat(types.lookup("process.command_line").ignoreAbove()).isEqualTo(FieldInfo.UNLIMITED);
        assertThat(types.lookup("process.interactive").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(types.lookup("process.geo").type()).isEqualTo(FieldType.UNSUPPORTED);
        assertThat(types.lookup("process").type()).isEqualTo(FieldType.OBJECT);
        assertThat(types.lookup("host.ip").type()).isEqualTo(FieldType.IP);
        assertThat(types.lookup("nowhere")).isNull();
    }

    @Test
    void textUsesItsKeywordMultiFieldForExactComparisons() {
        FieldTypes types = FieldTypes.fromMappingJson(PROPERTIES);
        FieldInfo message = types.lookup("message");
        assertThat(message.type()).isEqualTo(FieldType.TEXT);
        assertThat(message.hasExact()).isTrue();
        assertThat(message.ignoreAbove()).isEqualTo(256);
        FieldInfo keyword = types.lookup("message.keyword");
        assertThat(keyword.type()).isEqualTo(FieldType.KEYWORD);
        assertThat(keyword.path()).as("a multi-field's value is the parent's").isEqualTo("message");
        assertThat(types.lookup("note").hasExact()).isFalse();
    }

    @Test
    void aliasResolvesToItsTarget() {
        FieldInfo alias = FieldTypes.fromMappingJson(PROPERTIES).lookup("hostname");
        assertThat(alias.path()).isEqualTo("host.name");
        assertThat(alias.type()).isEqualTo(FieldType.KEYWORD);
    }

    @Test
    void flattenedLeavesAreKeywords() {
        FieldInfo leaf = FieldTypes.fromMappingJson(PROPERTIES).lookup("labels.team.name");
        assertThat(leaf.type()).isEqualTo(FieldType.KEYWORD);
        assertThat(leaf.path()).isEqualTo("labels.team.name");
        assertThat(leaf.ignoreAbove()).isEqualTo(100);
    }

    @Test
    void badMappingsAreRefusedWithAReason() {
        assertThatThrownBy(() -> FieldTypes.fromMappingJson("{\"settings\":{}}"))
                .hasMessageContaining("no mapping found");
        assertThatThrownBy(() ->
                        FieldTypes.fromMappingJson("{\"properties\":{\"a\":{\"type\":\"alias\",\"path\":\"b\"}}}"))
                .hasMessage("alias [a] points at unknown field [b]");
        assertThatThrownBy(() -> FieldTypes.fromMappingJson("{nope")).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void theProjectsAlertsTemplateLoads() throws IOException {
        Path template = Path.of("..", "deploy", "elasticsearch", "alerts-index-template.json");
        FieldTypes types = FieldTypes.fromMapping(template);
        assertThat(types.lookup("@timestamp").type()).isEqualTo(FieldType.DATE);
        assertThat(types.lookup("event.category").type()).isEqualTo(FieldType.KEYWORD);
        assertThat(types.fields()).hasSizeGreaterThan(50);
    }

    @Test
    void readsAMappingFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("mapping.json");
        Files.writeString(file, "{\"mappings\":" + PROPERTIES + "}");
        assertThat(FieldTypes.fromMapping(file).lookup("process.pid").type()).isEqualTo(FieldType.LONG);
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> FieldTypes.fromMapping(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mapping.json");
    }
}
