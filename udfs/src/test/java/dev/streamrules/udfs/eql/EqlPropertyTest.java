package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random conditions (printed to EQL text, parsed back and compiled) agree with the
 * {@link ReferenceEvaluator} on random documents, and every required term clause holds on every
 * matching document. Seeded: a failure prints the seed, query and document.
 */
class EqlPropertyTest {

    private static final int QUERIES = 3000;
    private static final int DOCUMENTS = 12;

    @Test
    void compiledQueriesAgreeWithTheReference() {
        EqlCompiler compiler = EqlCompiler.ecs();
        int matches = 0;
        for (int seed = 0; seed < QUERIES; seed++) {
            RandomQueries random = new RandomQueries(seed);
            Expr condition = random.condition(3);
            String text = "any where " + ExprPrinter.print(condition);
            Query parsed = EqlParser.parse(text);
            CompiledEventQuery compiled = compiler.compile(parsed, text);
            for (int d = 0; d < DOCUMENTS; d++) {
                Map<String, List<Object>> doc = random.document();
                EcsEvent event = event(doc);
                boolean expected = new ReferenceEvaluator(doc).matches(condition);
                assertThat(compiled.test(event))
                        .as("seed %d%n  query: %s%n  doc:   %s%n  plan:  %s", seed, text, doc, compiled.plan())
                        .isEqualTo(expected);
                if (expected) {
                    matches++;
                    for (TermClause clause : compiled.requiredTerms()) {
                        assertThat(satisfied(clause, event))
                                .as("seed %d: %s holds on %s", seed, clause, doc)
                                .isTrue();
                    }
                }
            }
        }
        // The generator is useful only if it produces both answers often.
        assertThat(matches).isBetween(QUERIES * DOCUMENTS / 10, QUERIES * DOCUMENTS * 9 / 10);
    }

    @Test
    void printedQueriesParseBackToTheSameText() {
        for (int seed = 0; seed < 500; seed++) {
            Expr condition = new RandomQueries(seed).condition(3);
            String text = ExprPrinter.print(condition);
            assertThat(ExprPrinter.print(EqlParser.parseExpression(text)))
                    .as("seed %d", seed)
                    .isEqualTo(text);
        }
    }

    private static boolean satisfied(TermClause clause, EcsEvent event) {
        String[] values = event.values(clause.field());
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (clause.accepts(v)) {
                return true;
            }
        }
        return false;
    }

    private static EcsEvent event(Map<String, List<Object>> doc) {
        ObjectNode json = EcsEventBuilder.JSON.createObjectNode();
        json.putObject("host").put("id", "h");
        doc.forEach((path, values) -> json.set(path, EcsEventBuilder.JSON.valueToTree(new ArrayList<>(values))));
        return EcsEventBuilder.parse(json.toString());
    }
}
