package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.eql.EqlCompiler;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.types.FieldTypes;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Rule queries parsed and compiled with Elasticsearch's EQL semantics over a set of field types: the
 * built-in ECS and Elastic Defend table, or an Elasticsearch mapping or template ({@code --mapping}).
 * Sequence and sample queries are refused until the engine runs them.
 */
public final class EqlRuleCompiler implements RuleQueryCompiler {

    private final EqlCompiler compiler;

    public EqlRuleCompiler(FieldTypes types) {
        this.compiler = new EqlCompiler(types);
    }

    /** Over the built-in ECS and Elastic Defend field types. */
    public static EqlRuleCompiler ecs() {
        return new EqlRuleCompiler(FieldTypes.ecs());
    }

    /** Over the field types of {@code mapping}: a mapping, an index template or a component template. */
    public static EqlRuleCompiler fromMapping(Path mapping) throws IOException {
        return new EqlRuleCompiler(FieldTypes.fromMapping(mapping));
    }

    @Override
    public CompiledEventQuery compile(String query) {
        return compiler.compile(EqlParser.parse(query), query);
    }
}
