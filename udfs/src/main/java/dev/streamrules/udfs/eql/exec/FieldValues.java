package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.types.FieldInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A field's values as Elasticsearch indexes them: keyword values within {@code ignore_above} as
 * strings, numbers as {@link Long} or {@link Double}, dates as epoch nanoseconds ({@link Long},
 * truncated to milliseconds for {@code date}), addresses as 16-byte arrays, booleans as
 * {@link Boolean}. A value Elasticsearch would not index (too long, not a number, not a date) is not
 * there, exactly as if the document lacked it.
 */
public final class FieldValues {

    private FieldValues() {}

    /** The indexed values of {@code field} in {@code event}; empty when none. */
    public static List<Object> indexed(EcsEvent event, FieldInfo field) {
        String[] raw = event.values(field.path());
        if (raw == null || raw.length == 0) {
            return Collections.emptyList();
        }
        List<Object> out = new ArrayList<>(raw.length);
        for (String value : raw) {
            Object typed = convert(field, value);
            if (typed != null) {
                out.add(typed);
            }
        }
        return out;
    }

    /** One raw value as the field's type indexes it, or {@code null} when it is not indexed. */
    public static Object convert(FieldInfo field, String value) {
        switch (field.type()) {
            case KEYWORD:
            case WILDCARD:
            case FLATTENED:
            case TEXT:
                return field.hasExact() && field.indexes(value) ? value : null;
            case LONG:
                return parseLong(value);
            case DOUBLE:
                return parseDouble(value);
            case DATE:
                Long nanos = Dates.parse(value, false);
                return nanos == null ? null : Dates.truncateToMillis(nanos);
            case DATE_NANOS:
                return Dates.parse(value, false);
            case IP:
                return IpAddresses.parse(value);
            case BOOLEAN:
                return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    /** Elasticsearch coerces {@code "5"} and {@code 5.7} into a long field as 5. */
    static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                BigDecimal decimal = new BigDecimal(value.trim());
                return decimal.toBigInteger().longValueExact();
            } catch (NumberFormatException | ArithmeticException e2) {
                return null;
            }
        }
    }

    static Double parseDouble(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
