package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.types.FieldInfo;
import dev.streamrules.udfs.eql.types.FieldType;
import dev.streamrules.udfs.eql.types.FieldTypes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one compilation shares: the field types, the query text (for Elasticsearch-style messages
 * that quote the offending source) and the set of fields the condition reads.
 */
final class CompileContext {

    private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth"};

    final FieldTypes types;
    private final String text;
    final Set<String> fieldsRead = new LinkedHashSet<>();

    CompileContext(FieldTypes types, String text) {
        this.types = types;
        this.text = text;
    }

    /** The source text of a node: as written when the query text is known, else printed back. */
    String source(Expr e) {
        if (text != null && e.start() >= 0 && e.end() <= text.length() && e.start() < e.end()) {
            return text.substring(e.start(), e.end());
        }
        return ExprPrinter.print(e);
    }

    EqlException error(Expr at, String message) {
        return new EqlException(message, at.start());
    }

    /**
     * The field a reference reads, or {@code null} for an optional field the types do not know (the
     * query then sees {@code null}, as Elasticsearch does for {@code ?field}). A field that cannot be
     * queried at all is an error here, wherever it is used.
     */
    FieldInfo resolve(Expr.Field f) {
        FieldInfo info = types.lookup(f.path());
        if (info == null) {
            if (f.optional()) {
                return null;
            }
            throw error(f, "Unknown column [" + f.path() + "]");
        }
        if (info.type() == FieldType.OBJECT) {
            throw error(f, "Cannot use field [" + f.path() + "] type [object] only its subfields");
        }
        if (info.type() == FieldType.UNSUPPORTED) {
            throw error(f, "Cannot use field [" + f.path() + "] with unsupported type [" + info.esType() + "]");
        }
        fieldsRead.add(info.path());
        return info;
    }

    /** Elasticsearch's type-resolution message: {@code first argument of [src] must be [t], found value [v] type [u]}. */
    EqlException typeError(Expr owner, int argIndex, Expr arg, String expected, String found) {
        String ordinal = argIndex < ORDINALS.length ? ORDINALS[argIndex] : (argIndex + 1) + "th";
        return error(
                arg,
                ordinal + " argument of [" + source(owner) + "] must be [" + expected + "], found value [" + name(arg)
                        + "] type [" + found + "]");
    }

    /** How Elasticsearch names an operand in messages: a field by its path, anything else by its text. */
    String name(Expr e) {
        return e instanceof Expr.Field f ? f.path() : source(e);
    }

    /** Elasticsearch's data type name of a field. */
    static String typeName(FieldInfo info) {
        switch (info.type()) {
            case KEYWORD:
            case WILDCARD:
            case FLATTENED:
                return "keyword";
            case DATE:
                return "datetime";
            case DATE_NANOS:
                return "date_nanos";
            default:
                return info.esType();
        }
    }
}
