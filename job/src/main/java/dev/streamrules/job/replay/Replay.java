package dev.streamrules.job.replay;

import dev.streamrules.job.DetectionJob;
import dev.streamrules.job.JobEnvironment;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.JobOptions;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.job.config.ReplayOptions;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleFields;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replay mode, the rule-testing tool: the production wiring with a bounded file source and file
 * sinks, run to the end of the input.
 */
public final class Replay {

    /** A replay runs to the end of its file and is never rescaled. */
    private static final boolean RESCALABLE = false;

    private final JobConfig config;
    private final List<DetectionRule> rules;

    public Replay(JobConfig config, List<DetectionRule> rules) {
        this.config = config;
        this.rules = rules;
    }

    public ReplaySummary run() throws Exception {
        StreamExecutionEnvironment env = JobEnvironment.forReplay(config.get(JobOptions.PARALLELISM));
        java.nio.file.Path input = Paths.get(config.get(ReplayOptions.INPUT)).toAbsolutePath();
        NdjsonLineFormat format = new NdjsonLineFormat(input.getFileName().toString());
        if (DetectionJob.parsesInSourceTask(RESCALABLE, env.getParallelism())) {
            // One task reads, parses and detects: the reader's own thread parses, beside the task's.
            format = format.parsingAhead(RuleFields.projection(rules));
        }
        FileSource<dev.streamrules.udfs.ecs.RawRecord> source = FileSource.forRecordStreamFormat(
                        format, new Path(input.toUri()))
                .build();
        String deadLetterTarget = config.get(ReplayOptions.DEAD_LETTER);
        ProcessTreeSettings tree = config.processTree();
        DetectionJob.Builder job = DetectionJob.builder();
        if (tree != null && tree.clock() == ProcessTreeSettings.Clock.EVENT_TIME) {
            // The source has no watermarks: sequence rules see the file as it is, to its end.
            job.treeWatermarks(config.get(KafkaOptions.WATERMARK_OUT_OF_ORDERNESS));
        }
        job.source(source, "Replay " + input.getFileName())
                .rules(rules)
                .maxEventAge(config.get(JobOptions.MAX_EVENT_AGE))
                .processTree(tree)
                .rescalable(RESCALABLE)
                .alertSink(
                        new NdjsonFileSink<>(config.get(ReplayOptions.OUTPUT), Alert::getDocument),
                        "Alerts to " + config.get(ReplayOptions.OUTPUT),
                        "file",
                        1)
                .deadLetterSink(
                        deadLetterTarget == null
                                ? new DiscardingSink<>()
                                : new NdjsonFileSink<>(deadLetterTarget, DeadLetter::toJson),
                        deadLetterTarget == null
                                ? "Dead letters (counted only)"
                                : "Dead letters to " + deadLetterTarget,
                        1)
                .build()
                .build(env);
        return ReplaySummary.of(env.execute("Replay of " + input.getFileName() + ": " + DetectionJob.describe(rules)));
    }
}
