package dev.streamrules.job;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.alert.SequenceAlertBuilder;
import dev.streamrules.udfs.cep.AlertPatternFunction;
import dev.streamrules.udfs.cep.RulePattern;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleFields;
import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.sequence.KeyedMatcher;
import dev.streamrules.udfs.sequence.SequenceDetection;
import dev.streamrules.udfs.tree.ProcessTreeEnrichment;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.ProcessOperator;

/**
 * The rule job's topology, and nothing else: it takes its source and sinks as parameters so that
 * production ({@link DetectionJobMain}: Kafka, Elasticsearch) and tests or replays (files, finite
 * collections) run exactly the same wiring.
 *
 * <pre>
 * source ─ keyBy(host.id, scanned) ─ parse ─┬─ [max age] ─┬─ [process tree] ─ rule candidates ─ CEP(single-event rules) ─┬─ alerts ─► sinks
 *                                (projected) │             └─ route by join keys ─ keyBy ─ sequences and samples (event time) ─┘
 *                                            └─ dead letters (and late events) ─► dead-letter sink
 * </pre>
 *
 * <p>A job that is not {@linkplain Builder#rescalable(boolean) rescalable} (a replay) and runs at
 * parallelism 1 has no keyBy before the parser: one task reads, parses and detects.
 *
 * <p>The process tree learns from every event but only events some rule may match (the rule
 * index's verdict) go on to the CEP operator: most events never touch rule state. Single-event
 * rules run in processing time (an alert leaves when its event arrives); sequences in event time.
 *
 * <p>Over 300 lines on purpose: the topology and the builder whose checks guard what the topology
 * assumes (sinks, rules, watermarks for an event-time tree) change together.
 */
public final class DetectionJob {

    private final Source<RawRecord, ?, ?> source;
    private final String sourceName;
    private final WatermarkStrategy<RawRecord> watermarks;
    private final List<SinkSpec<Alert>> alertSinks;
    private final SinkSpec<DeadLetter> deadLetterSink;
    private final List<DetectionRule> rules;
    private final Duration maxEventAge;
    private final ProcessTreeSettings processTree;
    private final Duration treeOutOfOrderness;
    private final boolean rescalable;

    private DetectionJob(Builder b) {
        this.source = b.source;
        this.sourceName = b.sourceName;
        this.watermarks = b.watermarks;
        this.alertSinks = List.copyOf(b.alertSinks);
        this.deadLetterSink = b.deadLetterSink;
        this.rules = b.rules;
        this.maxEventAge = b.maxEventAge;
        this.processTree = b.processTree;
        this.treeOutOfOrderness = b.treeOutOfOrderness;
        this.rescalable = b.rescalable;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A job name that says what runs: the rule's name and id, or the number of rules. */
    public static String describe(List<DetectionRule> rules) {
        if (rules.size() == 1) {
            DetectionRule rule = rules.get(0);
            return rule.name() + " (" + rule.ruleId() + ")";
        }
        return rules.size() + " detection rules";
    }

    /**
     * Whether the parse is chained to the source, with no host routing before it: only a job that
     * will never be rescaled and runs on one subtask. A source may then parse ahead on its reader's
     * thread (see {@code NdjsonLineFormat.parsingAhead}), since its records reach the parse unserialized.
     */
    public static boolean parsesInSourceTask(boolean rescalable, int parallelism) {
        return !rescalable && parallelism == 1;
    }

    /** Adds the topology to {@code env}; returns the alert stream (tests may attach more to it). */
    public DataStream<Alert> build(StreamExecutionEnvironment env) {
        DataStream<RawRecord> records =
                env.fromSource(source, watermarks, sourceName).uid(Streams.SOURCE_UID);

        // Records are partitioned by host before they are parsed, so every subtask parses (one
        // file split alone cannot feed several), each host's records keep their read order, and
        // the parsed events need no second shuffle. Only the fields the rules, the tree and the
        // alert reason read are extracted; an alert is built from the record's bytes. A job that
        // runs on one subtask for good has every host there already: it parses in the source's
        // task, without the host scan, the serialization and the hand-over of every record.
        DataStream<RawRecord> toParse = !parsesInSourceTask(rescalable, env.getParallelism())
                ? records.map(new RouteByHost(), TypeInformation.of(RawRecord.class))
                        .uid(Streams.ROUTE_UID)
                        .name("Route by host.id")
                        .keyBy(RawRecord::getHostKey)
                : records;
        SingleOutputStreamOperator<EcsEvent> parsed = toParse.transform(
                        "Parse ECS events",
                        TypeInformation.of(EcsEvent.class),
                        new ProcessOperator<>(new ParseEventsFunction(RuleFields.projection(rules))))
                .uid(Streams.PARSE_UID)
                .name("Parse ECS events");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(Streams.DEAD_LETTERS);

        DataStream<EcsEvent> events = parsed;
        if (maxEventAge != null) {
            events = events.process(new MaxEventAgeFilter(maxEventAge), TypeInformation.of(EcsEvent.class))
                    .uid(Streams.AGE_FILTER_UID)
                    .name("Drop events older than " + maxEventAge);
        }

        List<DataStream<Alert>> alertStreams = new ArrayList<>();
        RuleSet singleEvent = RuleSet.singleEvent(rules);
        if (!singleEvent.isEmpty()) {
            alertStreams.add(singleEventRules(events, singleEvent));
        }
        List<DetectionRule> correlations =
                rules.stream().filter(DetectionRule::isCorrelation).toList();
        if (!correlations.isEmpty()) {
            // Sequences read the events as the sensor sent them, before the process tree: the tree
            // may hold an event back while watermarks pass, which would make it late here.
            SequenceDetection sequences = SequenceDetection.apply(
                    events,
                    correlations.stream()
                            .<KeyedMatcher<?>>map(DetectionRule::correlation)
                            .toList(),
                    correlations.stream()
                            .collect(Collectors.toMap(
                                    DetectionRule::ruleId,
                                    r -> new SequenceAlertBuilder(r.ruleId(), new AlertBuilder(r)))));
            alertStreams.add(sequences.alerts());
            deadLetters = deadLetters.union(sequences.lateEvents());
        }
        attach(deadLetters, deadLetterSink, Streams.DEAD_LETTER_SINK_UID);

        DataStream<Alert> all = alertStreams.get(0);
        for (DataStream<Alert> more : alertStreams.subList(1, alertStreams.size())) {
            all = all.union(more);
        }
        SingleOutputStreamOperator<Alert> alerts =
                all.map(new CountAlerts()).uid(Streams.COUNT_ALERTS_UID).name("Count alerts");

        for (SinkSpec<Alert> sink : alertSinks) {
            attach(alerts, sink, Streams.ALERT_SINK_UID_PREFIX + sink.uidSuffix);
        }
        return alerts;
    }

    /**
     * Keyed by host: the process tree learns from every event, and only events some single-event
     * rule matches go on to the CEP operator. The rules run once per event, on the enriched event
     * (in the tree's operator, or in the filter without a tree); the verdict travels on the event
     * through the chained filter and the CEP condition.
     */
    private DataStream<Alert> singleEventRules(DataStream<EcsEvent> events, RuleSet singleEvent) {
        // Parsed on the subtask that owns the host (RouteByHost): already partitioned by host.
        KeyedStream<EcsEvent, String> byHost = DataStreamUtils.reinterpretAsKeyedStream(events, EcsEvent::getHostId);
        DataStream<EcsEvent> hostEvents = byHost;
        if (processTree != null) {
            KeyedStream<EcsEvent, String> treeInput = byHost;
            if (treeOutOfOrderness != null) {
                // Chained on each subtask: its watermarks follow the hosts it owns.
                treeInput = DataStreamUtils.reinterpretAsKeyedStream(
                        events.assignTimestampsAndWatermarks(ProcessTreeEnrichment.eventTime(treeOutOfOrderness))
                                .uid(Streams.TREE_WATERMARKS_UID)
                                .name("Event time for the process tree"),
                        EcsEvent::getHostId);
            }
            // Only alerts carry the tree's enrichment object: it is written on events some rule matches.
            hostEvents = ProcessTreeEnrichment.apply(
                    treeInput, processTree, singleEvent.candidates(), singleEvent.matches());
        }
        // Filtering and enrichment keep each event on the subtask that owns its host, so the
        // stream is still partitioned by host: reinterpret it instead of shuffling again.
        KeyedStream<EcsEvent, String> candidates = DataStreamUtils.reinterpretAsKeyedStream(
                hostEvents
                        .filter(new RuleMatches(singleEvent))
                        .uid(Streams.RULE_CANDIDATES_UID)
                        .name("Rule matches (" + singleEvent.rules().size() + " rules)"),
                EcsEvent::getHostId);

        // Processing time: a single-event rule needs no ordering, so an alert leaves as soon as
        // its event arrives instead of waiting for watermarks. One CEP operator serves every
        // single-event rule of the set, so the job graph does not grow with the rule count.
        return CEP.pattern(candidates, RulePattern.of(singleEvent))
                .inProcessingTime()
                .process(new AlertPatternFunction(singleEvent), TypeInformation.of(Alert.class))
                .uid(Streams.SINGLE_EVENT_RULES_UID)
                .name("Single-event rules");
    }

    private static <T> void attach(DataStream<T> stream, SinkSpec<T> spec, String uid) {
        DataStreamSink<T> sink = stream.sinkTo(spec.sink).uid(uid).name(spec.name);
        if (spec.parallelism > 0) {
            sink.setParallelism(spec.parallelism);
        }
    }

    /** A sink with the name and parallelism it runs with; parallelism 0 means the job's default. */
    static final class SinkSpec<T> {
        final Sink<T> sink;
        final String name;
        final String uidSuffix;
        final int parallelism;

        SinkSpec(Sink<T> sink, String name, String uidSuffix, int parallelism) {
            this.sink = sink;
            this.name = name;
            this.uidSuffix = uidSuffix;
            this.parallelism = parallelism;
        }
    }

    /** Collects the job's parts; {@link #build()} checks they are complete. */
    public static final class Builder {
        private Source<RawRecord, ?, ?> source;
        private String sourceName = "Events";
        private WatermarkStrategy<RawRecord> watermarks = WatermarkStrategy.noWatermarks();
        private final List<SinkSpec<Alert>> alertSinks = new ArrayList<>();
        private SinkSpec<DeadLetter> deadLetterSink;
        private List<DetectionRule> rules;
        private Duration maxEventAge;
        private ProcessTreeSettings processTree = ProcessTreeSettings.defaults();
        private boolean rescalable = true;
        private boolean sourceWatermarks;
        private Duration treeOutOfOrderness;

        Builder() {}

        public Builder source(Source<RawRecord, ?, ?> source, String name) {
            this.source = source;
            this.sourceName = name;
            return this;
        }

        public Builder watermarks(WatermarkStrategy<RawRecord> watermarks) {
            this.watermarks = watermarks;
            this.sourceWatermarks = true;
            return this;
        }

        /**
         * For a source without watermarks (a replay) and a process tree on {@link
         * ProcessTreeSettings.Clock#EVENT_TIME}: watermarks from each parsed event's {@code
         * @timestamp}, allowing {@code outOfOrderness}, for the tree alone. Sequence rules keep
         * reading the input as it came.
         */
        public Builder treeWatermarks(Duration outOfOrderness) {
            this.treeOutOfOrderness = outOfOrderness;
            return this;
        }

        /**
         * Adds an alert sink. {@code uidSuffix} must stay the same across versions of the job (it
         * names the sink's state in savepoints); {@code parallelism} 0 means the job's default.
         */
        public Builder alertSink(Sink<Alert> sink, String name, String uidSuffix, int parallelism) {
            alertSinks.add(new SinkSpec<>(sink, name, uidSuffix, parallelism));
            return this;
        }

        public Builder deadLetterSink(Sink<DeadLetter> sink, String name, int parallelism) {
            this.deadLetterSink = new SinkSpec<>(sink, name, "", parallelism);
            return this;
        }

        /** The rules the job runs (at least one): single-event, sequence and sample rules alike. */
        public Builder rules(List<DetectionRule> rules) {
            this.rules = List.copyOf(rules);
            return this;
        }

        /** Events older than this are set aside instead of alerting; {@code null} (default) keeps all. */
        public Builder maxEventAge(Duration maxEventAge) {
            this.maxEventAge = maxEventAge;
            return this;
        }

        /**
         * Per-host process-tree enrichment before the rule (resolves entry leaders events lack, adds
         * ancestry to alerts); on by default, {@code null} turns it off.
         */
        public Builder processTree(ProcessTreeSettings settings) {
            this.processTree = settings;
            return this;
        }

        /**
         * {@code false} for a job that is never restored at another parallelism (a replay, run to
         * the end of its input): at parallelism 1 it then parses in the source's task, with no
         * routing by host. A job restored from a savepoint at parallelism 2 or more, or rescaled
         * by Flink's adaptive scheduler, needs the routing, so the default is {@code true}.
         */
        public Builder rescalable(boolean rescalable) {
            this.rescalable = rescalable;
            return this;
        }

        public DetectionJob build() {
            List<String> missing = new ArrayList<>();
            if (source == null) {
                missing.add("source");
            }
            if (alertSinks.isEmpty()) {
                missing.add("at least one alert sink");
            }
            if (deadLetterSink == null) {
                missing.add("dead-letter sink");
            }
            if (rules == null || rules.isEmpty()) {
                missing.add("at least one rule");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("detection job is missing: " + String.join(", ", missing));
            }
            Objects.requireNonNull(watermarks, "watermarks");
            long distinct = alertSinks.stream().map(s -> s.uidSuffix).distinct().count();
            if (distinct != alertSinks.size()) {
                throw new IllegalStateException("alert sinks need distinct uid suffixes");
            }
            if (processTree != null
                    && processTree.clock() == ProcessTreeSettings.Clock.EVENT_TIME
                    && !sourceWatermarks
                    && treeOutOfOrderness == null) {
                throw new IllegalStateException("a process tree on event time needs watermarks: give the source"
                        + " a watermark strategy, or the tree its own with treeWatermarks(outOfOrderness)");
            }
            if (maxEventAge != null && (maxEventAge.isNegative() || maxEventAge.isZero())) {
                throw new IllegalStateException("maximum event age must be positive, was " + maxEventAge);
            }
            return new DetectionJob(this);
        }
    }
}
