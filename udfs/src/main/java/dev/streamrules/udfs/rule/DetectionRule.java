package dev.streamrules.udfs.rule;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A single-event detection rule: the metadata Kibana shows on its alerts and the compiled condition
 * that decides a match. Built with {@link #builder()}, which validates everything at once.
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
    private final String language;
    private final String query;
    private final EventCondition condition;
    private final EventCondition candidate;
    private final List<Threat> threats;
    private final List<String> tags;
    private final Duration interval;
    private final Duration lookback;
    private final int maxSignals;

    private DetectionRule(Builder b) {
        this.ruleId = b.ruleId;
        this.name = b.name;
        this.description = b.description;
        this.severity = b.severity;
        this.riskScore = b.riskScore;
        this.version = b.version;
        this.language = b.language;
        this.query = b.query;
        this.condition = b.condition;
        this.candidate = b.candidate;
        this.threats = List.copyOf(b.threats);
        this.tags = List.copyOf(b.tags);
        this.interval = b.interval;
        this.lookback = b.lookback;
        this.maxSignals = b.maxSignals;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean matches(EcsEvent event) {
        return condition.test(event);
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

    public String language() {
        return language;
    }

    /** The rule's query in its source language, as shown in Kibana. */
    public String query() {
        return query;
    }

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

    /** How often Elastic's scheduler would run the rule (kept for the alert's rule metadata). */
    public Duration interval() {
        return interval;
    }

    /**
     * The scheduled rule's look-back window, kept for the alert's rule metadata ({@code from: now-9m}).
     * It does not limit event age: {@code --max-event-age} is a setting of its own.
     */
    public Duration lookback() {
        return lookback;
    }

    /** Elastic's cap of alerts per rule execution (per {@link #interval()}). */
    public int maxSignals() {
        return maxSignals;
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
        private String language = "eql";
        private String query;
        private EventCondition condition;
        private EventCondition candidate;
        private final List<Threat> threats = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private Duration interval = Duration.ofMinutes(5);
        private Duration lookback = Duration.ofMinutes(9);
        private int maxSignals = 100;

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

        public Builder query(String language, String query) {
            this.language = language;
            this.query = query;
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
            this.tags.addAll(List.of(tags));
            return this;
        }

        public Builder schedule(Duration interval, Duration lookback, int maxSignals) {
            this.interval = interval;
            this.lookback = lookback;
            this.maxSignals = maxSignals;
            return this;
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
            if (condition == null) {
                problems.add("condition is required");
            }
            if (interval == null || interval.isNegative() || interval.isZero()) {
                problems.add("interval must be positive");
            }
            if (lookback == null || lookback.isNegative() || lookback.isZero()) {
                problems.add("lookback must be positive");
            }
            if (maxSignals <= 0) {
                problems.add("maxSignals must be positive");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid rule " + ruleId + ": " + String.join("; ", problems));
            }
            return new DetectionRule(this);
        }
    }
}
