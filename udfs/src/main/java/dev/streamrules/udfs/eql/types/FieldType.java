package dev.streamrules.udfs.eql.types;

import java.util.Locale;

/**
 * How Elasticsearch indexes a field, reduced to what changes EQL's answers: exact string families
 * (term, wildcard and regexp queries see the whole value), analyzed text (needs an exact sub-field),
 * numbers, dates, addresses and booleans (compared by value), and containers a query cannot use.
 */
public enum FieldType {
    /** {@code keyword}, {@code constant_keyword}, {@code version}: exact strings, {@code ignore_above} applies. */
    KEYWORD,
    /** {@code wildcard}: exact strings, no {@code ignore_above} unless the mapping sets one. */
    WILDCARD,
    /** {@code text}, {@code match_only_text}: only usable through an exact (keyword) multi-field. */
    TEXT,
    /** {@code long}, {@code integer}, {@code short}, {@code byte}, {@code unsigned_long}. */
    LONG,
    /** {@code double}, {@code float}, {@code half_float}, {@code scaled_float}. */
    DOUBLE,
    DATE,
    DATE_NANOS,
    IP,
    BOOLEAN,
    /** {@code flattened}: every leaf below it is a keyword. */
    FLATTENED,
    /** {@code object}, {@code nested}: only its sub-fields can be queried. */
    OBJECT,
    /** Any other type (geo_point, binary, ...): EQL cannot use it. */
    UNSUPPORTED;

    /** The type for an Elasticsearch mapping {@code type} name. */
    public static FieldType fromElasticsearch(String esType) {
        switch (esType.toLowerCase(Locale.ROOT)) {
            case "keyword":
            case "constant_keyword":
            case "version":
                return KEYWORD;
            case "wildcard":
                return WILDCARD;
            case "text":
            case "match_only_text":
                return TEXT;
            case "long":
            case "integer":
            case "short":
            case "byte":
            case "unsigned_long":
                return LONG;
            case "double":
            case "float":
            case "half_float":
            case "scaled_float":
                return DOUBLE;
            case "date":
                return DATE;
            case "date_nanos":
                return DATE_NANOS;
            case "ip":
                return IP;
            case "boolean":
                return BOOLEAN;
            case "flattened":
                return FLATTENED;
            case "object":
            case "nested":
                return OBJECT;
            default:
                return UNSUPPORTED;
        }
    }

    /** Strings compared exactly, as keyword terms. */
    public boolean isExactString() {
        return this == KEYWORD || this == WILDCARD || this == FLATTENED;
    }

    public boolean isString() {
        return isExactString() || this == TEXT;
    }

    public boolean isNumeric() {
        return this == LONG || this == DOUBLE;
    }

    public boolean isDate() {
        return this == DATE || this == DATE_NANOS;
    }

    /** The name Elasticsearch's EQL uses for this type in messages. */
    public String typeName() {
        switch (this) {
            case WILDCARD:
                return "wildcard";
            case FLATTENED:
                return "keyword";
            case DATE:
                return "datetime";
            case DATE_NANOS:
                return "datetime";
            default:
                return name().toLowerCase(Locale.ROOT);
        }
    }
}
