package dev.streamrules.udfs.eql.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field types a query is compiled against: from an Elasticsearch mapping ({@link #fromMapping}),
 * or the built-in ECS and Elastic Defend table ({@link #ecs()}).
 *
 * <p>With a mapping, a field the mapping does not know is an error (Elasticsearch answers "Unknown
 * column") unless the query marks it optional with {@code ?}. The built-in table is lenient: a field it
 * does not list is a keyword with ECS's {@code ignore_above} of 1024, because the events may well carry
 * fields that no table lists and detection rules must not fail on them.
 */
public final class FieldTypes implements Serializable {

    private static final long serialVersionUID = 1L;

    /** ECS keyword fields' {@code ignore_above}. */
    public static final int ECS_IGNORE_ABOVE = 1024;

    private static final String ECS_RESOURCE = "/streamrules/ecs-field-types.tsv";

    private final TreeMap<String, FieldInfo> fields;
    private final boolean unknownIsKeyword;
    private final String description;

    FieldTypes(Map<String, FieldInfo> fields, boolean unknownIsKeyword, String description) {
        this.fields = new TreeMap<>(fields);
        this.unknownIsKeyword = unknownIsKeyword;
        this.description = description;
    }

    /** The built-in ECS + Elastic Defend table; unknown fields are keywords (ignore_above 1024). */
    public static FieldTypes ecs() {
        return EcsHolder.ECS;
    }

    /**
     * Reads an Elasticsearch mapping, index template or component template (JSON). Aliases resolve
     * to their targets, multi-fields are fields of their own, and a text field's keyword multi-field
     * is what exact comparisons use.
     */
    public static FieldTypes fromMapping(Path file) throws IOException {
        return new FieldTypes(MappingReader.read(file), false, file.toString());
    }

    /** A mapping given as JSON text (tests, tools). */
    public static FieldTypes fromMappingJson(String json) {
        return new FieldTypes(MappingReader.read(json), false, "mapping");
    }

    /**
     * The field at {@code path}, or {@code null} when unknown. A path below a {@code flattened}
     * field is a keyword of that field.
     */
    public FieldInfo lookup(String path) {
        FieldInfo info = fields.get(path);
        if (info != null) {
            return info;
        }
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            FieldInfo parent = fields.get(path.substring(0, dot));
            if (parent != null && parent.type() == FieldType.FLATTENED) {
                return FieldInfo.of(path, FieldType.KEYWORD, "keyword", parent.ignoreAbove());
            }
        }
        return unknownIsKeyword ? FieldInfo.of(path, FieldType.KEYWORD, "keyword", ECS_IGNORE_ABOVE) : null;
    }

    /** Whether unknown fields are keywords (the built-in table) rather than errors (a mapping). */
    public boolean lenient() {
        return unknownIsKeyword;
    }

    /** Every known field by path (aliases under their own name, pointing at their target). */
    public Map<String, FieldInfo> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return "FieldTypes{" + description + ", " + fields.size() + " fields}";
    }

    private static final class EcsHolder {
        static final FieldTypes ECS = loadEcs();
    }

    private static FieldTypes loadEcs() {
        Map<String, FieldInfo> fields = new TreeMap<>();
        try (InputStream in = FieldTypes.class.getResourceAsStream(ECS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ECS_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 2) {
                    throw new IllegalStateException(ECS_RESOURCE + ":" + number + ": expected path<TAB>type");
                }
                FieldType type = FieldType.fromElasticsearch(cols[1]);
                int ignoreAbove = cols.length > 2
                        ? Integer.parseInt(cols[2].trim())
                        : type == FieldType.KEYWORD ? ECS_IGNORE_ABOVE : FieldInfo.UNLIMITED;
                fields.put(cols[0], FieldInfo.of(cols[0], type, cols[1], ignoreAbove));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FieldTypes(fields, true, "built-in ECS and Elastic Defend types");
    }
}
