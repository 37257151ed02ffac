package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.eql.EqlCompiler;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.eql.types.FieldTypes;
import dev.streamrules.udfs.sequence.SampleMatcher;
import dev.streamrules.udfs.sequence.SequenceMatcher;
import dev.streamrules.udfs.sequence.SequencePlan;
import dev.streamrules.udfs.sequence.SequencePlanCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Rule queries parsed and compiled with Elasticsearch's EQL semantics over a set of field types: the
 * built-in ECS and Elastic Defend table, or an Elasticsearch mapping or template ({@code --mapping}).
 * Event queries become conditions, sequence and sample queries matchers.
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

    @Override
    public CompiledRuleQuery compileRule(String query, String ruleId, Duration lookback, String timestampField) {
        Query parsed = EqlParser.parse(query);
        if (parsed instanceof Query.Event event) {
            return new CompiledRuleQuery(compiler.compile(event, query), null);
        }
        // Step errors keep their offsets in the whole query, so they point into the rule file.
        SequencePlanCompiler plans = new SequencePlanCompiler(step -> compiler.compile(step, query));
        SequencePlan.Builder plan = SequencePlan.builder(ruleId).lookback(lookback);
        if (timestampField != null) {
            plan.timestampField(timestampField);
        }
        return parsed instanceof Query.Sequence sequence
                ? new CompiledRuleQuery(null, new SequenceMatcher(plans.compile(sequence, plan)))
                : new CompiledRuleQuery(null, new SampleMatcher(plans.compileSample((Query.Sample) parsed, plan)));
    }
}
