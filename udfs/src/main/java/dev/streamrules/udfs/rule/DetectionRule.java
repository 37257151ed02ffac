package dev.streamrules.udfs.rule;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.sequence.KeyedMatcher;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A detection rule: the metadata Kibana shows on its alerts and its compiled query, either a
 * single-event condition or, for {@code sequence} and {@code sample} queries, a correlation matcher. Built with {@link #builder()}, which validates everything at once.
 *
 * <p>A little over 300 lines: the value and its builder, whose {@code build()} states every rule a
 * detection rule must satisfy in one place.
 */
public final class DetectionRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    private final String ruleId;
    private final String name;
    private final String description;
    private final String severity;
    private final int riskScore;
    private final int version;
    private final String type;
    private final String language;
    private final String query;
    private final EventCondition condition;
    private final KeyedMatcher<?> correlation;
    private final EventCondition candidate;
    private final List<Threat> threats;
    private final List<String> tags;
    private final RuleSchedule schedule;
    private final RuleDetails details;

    private DetectionRule(Builder b) {
        this.ruleId = b.ruleId;
        this.name = b.name;
        this.description = b.description;
        this.severity = b.severity;
        this.riskScore = b.riskScore;
        this.version = b.version;
        this.type = b.type;
        this.language = b.language;
        this.query = b.query;
        this.condition = b.condition;
        this.correlation = b.correlation;
        this.candidate = b.candidate;
        this.threats = List.copyOf(b.threats);
        this.tags = List.copyOf(b.tags);
        this.schedule = b.schedule;
        this.details = b.details;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a single-event rule matches the event; correlation rules match sequences, not events. */
    public boolean matches(EcsEvent event) {
        if (condition == null) {
            throw new IllegalStateException("rule " + ruleId + " is a " + correlation.kind() + " rule");
        }
        return condition.test(event);
    }

    /** A {@code sequence} or {@code sample} rule (see {@link #correlation()}), not a single-event one. */
    public boolean isCorrelation() {
        return correlation != null;
    }

    /** The matcher of a sequence or sample rule; {@code null} for a single-event rule. */
    public KeyedMatcher<?> correlation() {
        return correlation;
    }

    public String ruleId() {
        return ruleId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String severity() {
        return severity;
    }

    public int riskScore() {
        return riskScore;
    }

    public int version() {
        return version;
    }

    /** Kibana's rule type; {@code eql} for every rule this engine runs. */
    public String type() {
        return type;
    }

    public String language() {
        return language;
    }

    /** The rule's query in its source language, as shown in Kibana. */
    public String query() {
        return query;
    }

    /** The condition of a single-event rule; {@code null} for a correlation rule. */
    public EventCondition condition() {
        return condition;
    }

    /**
     * A cheap necessary condition of a match that reads only what the sensor sends (never enriched
     * fields), so enrichment can skip events that cannot alert; {@code null} when the rule has none.
     */
    public EventCondition candidate() {
        return candidate;
    }

    public List<Threat> threats() {
        return threats;
    }

    public List<String> tags() {
        return tags;
    }

    /** How Kibana would schedule the rule, as written in its file (kept for the alert's rule metadata). */
    public RuleSchedule schedule() {
        return schedule;
    }

    /** How often Elastic's scheduler would run the rule. */
    public Duration interval() {
        return schedule.intervalDuration();
    }

    /**
     * The scheduled rule's look-back window, kept for the alert's rule metadata ({@code from: now-9m}).
     * It does not limit event age: {@code --max-event-age} is a setting of its own.
     */
    public Duration lookback() {
        return schedule.lookback();
    }

    /** Elastic's cap of alerts per rule execution (per {@link #interval()}). */
    public int maxSignals() {
        return schedule.maxSignals();
    }

    /** Authorship, references, triage notes and the file's metadata. */
    public RuleDetails details() {
        return details;
    }

    @Override
    public String toString() {
        return name + " (" + ruleId + ")";
    }

    /** Collects a rule's parts; {@link #build()} checks them and says what is wrong. */
    public static final class Builder {
        private String ruleId;
        private String name;
        private String description = "";
        private String severity;
        private int riskScore = -1;
        private int version = 1;
        private String type = "eql";
        private String language = "eql";
        private String query;
        private EventCondition condition;
        private KeyedMatcher<?> correlation;
        private EventCondition candidate;
        private final List<Threat> threats = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private RuleSchedule schedule = RuleSchedule.of("5m", "now-9m", 100);
        private RuleDetails details = RuleDetails.NONE;

        Builder() {}

        public Builder ruleId(String ruleId) {
            this.ruleId = ruleId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder severity(String severity) {
            this.severity = severity == null ? null : severity.toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder riskScore(int riskScore) {
            this.riskScore = riskScore;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder query(String language, String query) {
            this.language = language;
            this.query = query;
            return this;
        }

        /** The matcher of a sequence or sample query (instead of a condition). */
        public Builder correlation(KeyedMatcher<?> correlation) {
            this.correlation = correlation;
            return this;
        }

        public Builder condition(EventCondition condition) {
            this.condition = condition;
            return this;
        }

        /** See {@link DetectionRule#candidate()}. */
        public Builder candidate(EventCondition candidate) {
            this.candidate = candidate;
            return this;
        }

        public Builder threat(Threat threat) {
            this.threats.add(threat);
            return this;
        }

        public Builder tags(String... tags) {
            return tags(List.of(tags));
        }

        public Builder tags(List<String> tags) {
            this.tags.addAll(tags);
            return this;
        }

        /** @throws IllegalArgumentException when a duration is not positive (see {@link RuleSchedule#of}) */
        public Builder schedule(Duration interval, Duration lookback, int maxSignals) {
            return schedule(RuleSchedule.of(interval, lookback, maxSignals));
        }

        public Builder schedule(RuleSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder details(RuleDetails details) {
            this.details = details;
            return this;
        }

        /** The look-back set so far (the rule's {@code from}), else Kibana's default. */
        public Duration lookbackOrDefault() {
            return (schedule != null ? schedule : RuleSchedule.KIBANA_DEFAULT).lookback();
        }

        public DetectionRule build() {
            List<String> problems = new ArrayList<>();
            if (ruleId == null || ruleId.isBlank()) {
                problems.add("ruleId is required");
            }
            if (name == null || name.isBlank()) {
                problems.add("name is required");
            }
            if (severity == null || !SEVERITIES.contains(severity)) {
                problems.add("severity must be one of " + SEVERITIES + ", was " + severity);
            }
            if (riskScore < 0 || riskScore > 100) {
                problems.add("riskScore must be within 0..100, was " + riskScore);
            }
            if (query == null || query.isBlank()) {
                problems.add("query is required");
            }
            if ((condition == null) == (correlation == null)) {
                problems.add("exactly one of condition and correlation is required");
            }
            if (type == null || type.isBlank()) {
                problems.add("type is required");
            }
            if (schedule == null) {
                problems.add("schedule is required");
            }
            if (details == null) {
                problems.add("details are required");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid rule " + ruleId + ": " + String.join("; ", problems));
            }
            return new DetectionRule(this);
        }
    }
}
