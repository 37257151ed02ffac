package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.eql.exec.FieldPredicate;
import dev.streamrules.udfs.eql.exec.Predicate;
import dev.streamrules.udfs.eql.exec.ValueTests;
import dev.streamrules.udfs.eql.types.FieldInfo;
import dev.streamrules.udfs.eql.types.FieldType;
import dev.streamrules.udfs.eql.types.FieldTypes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles EQL event queries into conditions that answer exactly as Elasticsearch's EQL would over
 * the same documents indexed with the given field types. See {@code docs/notes/eql-compiler.md} for
 * the semantics, rule by rule.
 */
public final class EqlCompiler implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String CATEGORY_FIELD = "event.category";

    private final FieldTypes types;

    public EqlCompiler(FieldTypes types) {
        this.types = Objects.requireNonNull(types, "types");
    }

    /** A compiler over the built-in ECS and Elastic Defend field types. */
    public static EqlCompiler ecs() {
        return new EqlCompiler(FieldTypes.ecs());
    }

    public FieldTypes types() {
        return types;
    }

    /**
     * Parses and compiles an event query ({@code process where ...}).
     *
     * @throws EqlException for a syntax error, a type error, or a sequence/sample query (not yet supported)
     */
    public CompiledEventQuery compileEvent(String text) {
        return compile(EqlParser.parse(text), text);
    }

    /** Compiles any query; only event queries are supported so far. */
    public CompiledEventQuery compile(Query query, String text) {
        if (query instanceof Query.Event event) {
            return compile(event, text);
        }
        String kind = query instanceof Query.Sequence ? "sequence" : "sample";
        throw new EqlException(kind + " queries are not supported yet (issue 8)", query.start());
    }

    public CompiledEventQuery compile(Query.Event query) {
        return compile(query, null);
    }

    /**
     * @param text the query text the tree was parsed from, so messages quote the source as written;
     *     {@code null} to print the tree instead
     * @throws EqlException with the offset of the offending node
     */
    public CompiledEventQuery compile(Query.Event query, String text) {
        CompileContext context = new CompileContext(types, text);
        Predicate categoryFilter = null;
        List<TermClause> required = new ArrayList<>();
        if (query.category() != null) {
            FieldInfo category = types.lookup(CATEGORY_FIELD);
            if (category == null) {
                category = FieldInfo.of(CATEGORY_FIELD, FieldType.KEYWORD, "keyword", FieldInfo.UNLIMITED);
            }
            context.fieldsRead.add(category.path());
            categoryFilter = new FieldPredicate(
                    category,
                    new ValueTests.StringTerms(Set.of(query.category()), false),
                    CATEGORY_FIELD + " == \"" + query.category() + "\"");
            required.add(new TermClause(category.path(), Set.of(query.category()), false));
        }
        Expr condition = Negations.push(query.condition());
        Predicate compiled = new ConditionCompiler(context).condition(condition);
        required.addAll(RequiredTerms.of(condition, context));
        return new CompiledEventQuery(
                query.category(),
                categoryFilter,
                compiled,
                context.fieldsRead,
                required,
                text == null ? null : text.substring(Math.max(0, query.start()), Math.min(text.length(), query.end())));
    }

    /** The fields {@link CompiledEventQuery#fieldsRead()} reports, for a set of queries. */
    public static Set<String> fieldsRead(List<CompiledEventQuery> queries) {
        Set<String> all = new LinkedHashSet<>();
        for (CompiledEventQuery q : queries) {
            all.addAll(q.fieldsRead());
        }
        return all;
    }
}
