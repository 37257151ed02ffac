package dev.streamrules.udfs.rule.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Our rule set uses every operator, literal form and function of the event-query language. */
class RuleCorpusCoverageTest {

    private static final Set<String> LANGUAGE = Set.of(
            "any where",
            "process where",
            "file where",
            "network where",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            ": one",
            ": list",
            "like",
            "like~",
            "regex",
            "regex~",
            "in",
            "in~",
            "not in",
            "not in~",
            "and",
            "or",
            "not",
            "?field",
            "null",
            "boolean",
            "integer",
            "negative",
            "decimal",
            "escape",
            "raw string",
            "back-quoted field",
            "// comment",
            "/* comment */",
            "field-to-field",
            "+",
            "-",
            "*",
            "/",
            "%",
            "add",
            "between",
            "cidrMatch",
            "concat",
            "divide",
            "endsWith",
            "endsWith~",
            "indexOf",
            "indexOf~",
            "length",
            "modulo",
            "multiply",
            "number",
            "startsWith",
            "startsWith~",
            "string",
            "stringContains",
            "stringContains~",
            "substring",
            "subtract");

    @Test
    void everyConstructOfTheLanguageIsUsedByOneOfOurRules() throws IOException {
        Set<String> used = new TreeSet<>();
        TomlMapper toml = new TomlMapper();
        for (Path file : RuleCorpus.ruleFiles()) {
            String query = toml.readTree(file.toFile()).at("/rule/query").asText();
            text(query, used);
            Query.Event event = (Query.Event) EqlParser.parse(query);
            used.add(event.category() == null ? "any where" : event.category() + " where");
            walk(event.condition(), used);
        }
        assertThat(RuleCorpus.ruleFiles()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(used).containsAll(LANGUAGE);
    }

    private static void text(String query, Set<String> used) {
        if (query.contains("\"\"\"")) {
            used.add("raw string");
        }
        if (query.contains("\\\"")) {
            used.add("escape");
        }
        if (query.contains("`")) {
            used.add("back-quoted field");
        }
        if (query.contains("//")) {
            used.add("// comment");
        }
        if (query.contains("/*")) {
            used.add("/* comment */");
        }
    }

    private static void walk(Expr e, Set<String> used) {
        used.add(kind(e));
        if ((e instanceof Expr.Compare || e instanceof Expr.Call) && fieldsIn(e).size() >= 2) {
            used.add("field-to-field");
        }
        children(e).forEach(child -> walk(child, used));
    }

    private static String kind(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literalKind(l.value());
        } else if (e instanceof Expr.Field f) {
            return f.optional() ? "?field" : "field";
        } else if (e instanceof Expr.Not) {
            return "not";
        } else if (e instanceof Expr.And) {
            return "and";
        } else if (e instanceof Expr.Or) {
            return "or";
        } else if (e instanceof Expr.Compare c) {
            return List.of("==", "!=", "<", "<=", ">", ">=").get(c.op().ordinal());
        } else if (e instanceof Expr.In i) {
            return (i.negated() ? "not in" : "in") + (i.caseInsensitive() ? "~" : "");
        } else if (e instanceof Expr.Match m) {
            if (m.kind() == Expr.MatchKind.SEQ) {
                return m.patterns().size() == 1 ? ": one" : ": list";
            }
            return m.kind().name().toLowerCase(Locale.ROOT) + (m.caseInsensitive() ? "~" : "");
        } else if (e instanceof Expr.Call c) {
            return c.name() + (c.caseInsensitive() ? "~" : "");
        } else if (e instanceof Expr.Arithmetic a) {
            return List.of("+", "-", "*", "/", "%").get(a.op().ordinal());
        }
        return "negative";
    }

    /** Elasticsearch wants a constant right of a comparison, so fields meet inside expressions and functions. */
    private static Set<String> fieldsIn(Expr e) {
        Set<String> fields = new TreeSet<>();
        if (e instanceof Expr.Field f) {
            fields.add(f.path());
        }
        children(e).forEach(child -> fields.addAll(fieldsIn(child)));
        return fields;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof Expr.Not n) {
            return List.of(n.operand());
        } else if (e instanceof Expr.And a) {
            return a.operands();
        } else if (e instanceof Expr.Or o) {
            return o.operands();
        } else if (e instanceof Expr.Compare c) {
            return List.of(c.left(), c.right());
        } else if (e instanceof Expr.In i) {
            return concat(List.of(i.value()), i.items());
        } else if (e instanceof Expr.Match m) {
            return concat(List.of(m.value()), m.patterns());
        } else if (e instanceof Expr.Call c) {
            return c.args();
        } else if (e instanceof Expr.Arithmetic a) {
            return List.of(a.left(), a.right());
        } else if (e instanceof Expr.Negate n) {
            return List.of(n.operand());
        }
        return List.of();
    }

    private static List<Expr> concat(List<? extends Expr> a, List<? extends Expr> b) {
        List<Expr> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String literalKind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Long l) {
            return l < 0 ? "negative" : "integer";
        }
        if (value instanceof Double) {
            return "decimal";
        }
        return "string";
    }
}
