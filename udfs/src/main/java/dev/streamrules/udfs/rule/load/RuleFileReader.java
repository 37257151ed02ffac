package dev.streamrules.udfs.rule.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.RuleDetails;
import dev.streamrules.udfs.rule.RuleSchedule;
import dev.streamrules.udfs.rule.toml.TomlLocations;
import dev.streamrules.udfs.rule.toml.TomlStrings;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one detection-rules TOML file into a {@link DetectionRule}: checks every field it uses, skips
 * rules of kinds this engine does not run, compiles the query, and locates each problem in the file.
 */
final class RuleFileReader {

    /** Kibana's rule types (detection-rules' {@code RuleType}); only {@code eql} runs here. */
    static final Set<String> RULE_TYPES =
            Set.of("query", "saved_query", "machine_learning", "eql", "esql", "threshold", "threat_match", "new_terms");

    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private static final TomlMapper TOML = new TomlMapper();

    private final RuleQueryCompiler compiler;

    RuleFileReader(RuleQueryCompiler compiler) {
        this.compiler = compiler;
    }

    /** What became of one file: a rule (with where its rule_id is written, FILE:LINE:COLUMN), a skip, or failures. */
    record Outcome(DetectionRule rule, RuleProblem ruleIdAt, List<RuleProblem> problems) {

        boolean skipped() {
            return rule == null && problems.size() == 1 && problems.get(0).skip();
        }
    }

    Outcome read(String file, String text) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 1 : Math.max(1, where.getLineNr());
            int column = where == null ? 1 : Math.max(1, where.getColumnNr());
            return failed(RuleProblem.failure(file, line, column, "invalid TOML: " + e.getOriginalMessage()));
        }
        TomlLocations locations = TomlLocations.of(text);
        LocatedFields fields = new LocatedFields(file, root, locations);
        if (!root.path("rule").isObject()) {
            return failed(fields.at("rule", "no [rule] table: not a detection rule file", false));
        }
        String maturity = root.path("metadata").path("maturity").asText(null);
        if ("deprecated".equals(maturity)) {
            return failed(fields.at("metadata.maturity", "the rule is deprecated (metadata.maturity)", true));
        }
        String type = fields.string("rule.type", true);
        if (type != null && !"eql".equals(type)) {
            return failed(
                    RULE_TYPES.contains(type)
                            ? fields.at("rule.type", "rule type \"" + type + "\" is not supported", true)
                            : fields.at(
                                    "rule.type",
                                    "rule.type must be one of "
                                            + RULE_TYPES.stream().sorted().toList() + ", was \"" + type + "\"",
                                    false));
        }
        DetectionRule.Builder rule = DetectionRule.builder().type("eql");
        String ruleId = fields.string("rule.rule_id", true);
        rule.ruleId(ruleId)
                .name(fields.string("rule.name", true))
                .description(fields.string("rule.description", true))
                .tags(fields.strings("rule.tags"));
        severity(fields, rule);
        Integer risk = fields.integer("rule.risk_score", null, true);
        if (risk != null && (risk < 0 || risk > 100)) {
            fields.fail("rule.risk_score", "rule.risk_score must be from 0 to 100, was " + risk);
        } else if (risk != null) {
            rule.riskScore(risk);
        }
        Integer version = fields.integer("rule.version", 1, false);
        if (version != null && version < 1) {
            fields.fail("rule.version", "rule.version must be at least 1, was " + version);
        } else if (version != null) {
            rule.version(version);
        }
        schedule(fields, rule);
        rule.details(details(fields, root));
        ThreatFields.read(fields).forEach(rule::threat);
        String language = fields.string("rule.language", true);
        if (language != null && !"eql".equals(language)) {
            fields.fail("rule.language", "rule.language must be \"eql\" for an eql rule, was \"" + language + "\"");
        }
        String query = fields.string("rule.query", true);
        if (query != null && ruleId != null) {
            rule.query("eql", query);
            compile(fields, locations, query, rule, ruleId, fields.string("rule.timestamp_override", false));
        }
        if (!fields.problems().isEmpty()) {
            return new Outcome(
                    null,
                    null,
                    fields.problems().stream()
                            .sorted(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column))
                            .toList());
        }
        try {
            return new Outcome(rule.build(), fields.at("rule.rule_id", "", false), List.of());
        } catch (IllegalArgumentException e) {
            // Every field was checked above; this is a guard for rules the builder still refuses.
            return failed(fields.at("rule", e.getMessage(), false));
        }
    }

    private static void severity(LocatedFields fields, DetectionRule.Builder rule) {
        String severity = fields.string("rule.severity", true);
        if (severity != null && !SEVERITIES.contains(severity)) {
            fields.fail(
                    "rule.severity",
                    "rule.severity must be one of " + String.join(", ", SEVERITIES) + ", was \"" + severity + "\"");
        } else if (severity != null) {
            rule.severity(severity);
        }
    }

    private static void schedule(LocatedFields fields, DetectionRule.Builder rule) {
        RuleSchedule defaults = RuleSchedule.KIBANA_DEFAULT;
        String interval = fields.has("rule.interval") ? fields.string("rule.interval", false) : defaults.interval();
        String from = fields.has("rule.from") ? fields.string("rule.from", false) : defaults.from();
        Integer maxSignals = fields.integer("rule.max_signals", defaults.maxSignals(), false);
        if (interval == null || from == null || maxSignals == null) {
            return; // already reported
        }
        try {
            RuleSchedule.of(interval, defaults.from(), defaults.maxSignals());
        } catch (IllegalArgumentException e) {
            fields.fail("rule.interval", "rule." + e.getMessage());
        }
        try {
            RuleSchedule.of(defaults.interval(), from, defaults.maxSignals());
        } catch (IllegalArgumentException e) {
            fields.fail("rule.from", "rule." + e.getMessage());
        }
        try {
            rule.schedule(RuleSchedule.of(interval, from, maxSignals));
        } catch (IllegalArgumentException e) {
            if (maxSignals < 1) {
                fields.fail("rule.max_signals", "rule." + e.getMessage());
            }
        }
    }

    private static RuleDetails details(LocatedFields fields, JsonNode root) {
        Map<String, Object> metadata = root.path("metadata").isObject()
                ? TOML.convertValue(root.path("metadata"), new TypeReference<LinkedHashMap<String, Object>>() {})
                : Map.of();
        return new RuleDetails(
                fields.strings("rule.author"),
                fields.string("rule.license", false),
                fields.strings("rule.references"),
                fields.strings("rule.false_positives"),
                fields.string("rule.note", false),
                fields.string("rule.setup", false),
                fields.string("rule.timestamp_override", false),
                fields.strings("rule.index"),
                metadata);
    }

    private void compile(
            LocatedFields fields,
            TomlLocations locations,
            String query,
            DetectionRule.Builder rule,
            String ruleId,
            String timestampField) {
        int start = fields.offsetOf("rule.query");
        try {
            RuleQueryCompiler.CompiledRuleQuery compiled =
                    compiler.compileRule(query, ruleId, rule.lookbackOrDefault(), timestampField);
            rule.condition(compiled.condition()).correlation(compiled.correlation());
        } catch (EqlException e) {
            fields.problems()
                    .add(fields.atOffset(fileOffset(locations, start, query, e.offset()), e.getMessage(), false));
        } catch (RuntimeException e) {
            fields.problems().add(fields.atOffset(start, "cannot compile the query: " + e, false));
        }
    }

    /** Where a query offset is in the file: decoded char by char, since escapes and trimmed newlines shift it. */
    static int fileOffset(TomlLocations locations, int valueStart, String query, int queryOffset) {
        String text = locations.text();
        if (valueStart < 0
                || valueStart >= text.length()
                || (text.charAt(valueStart) != '"' && text.charAt(valueStart) != '\'')) {
            return Math.max(valueStart, 0);
        }
        TomlStrings.Decoded decoded = TomlStrings.decode(text, valueStart);
        if (!decoded.value().equals(query)) {
            return valueStart; // a spelling this decoder does not follow: point at the value rather than guess
        }
        return decoded.fileOffset(Math.min(Math.max(queryOffset, 0), query.length()));
    }

    private static Outcome failed(RuleProblem problem) {
        return new Outcome(null, null, List.of(problem));
    }
}
