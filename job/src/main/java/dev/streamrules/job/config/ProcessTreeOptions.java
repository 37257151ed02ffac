package dev.streamrules.job.config;

import dev.streamrules.udfs.tree.ProcessTreeSettings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Both modes: the process-tree enrichment; defaults are {@link ProcessTreeSettings}'. */
public final class ProcessTreeOptions {

    /** {@code --process-tree.clock}: what the tree's waits, linger and idle TTL are measured on. */
    public enum Clock {
        /** Event time in replay mode, processing time in stream mode. */
        AUTO,
        PROCESSING_TIME,
        EVENT_TIME;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final ConfigOption<Boolean> ENABLED = ConfigOptions.key("process-tree.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("resolve missing entry leaders and add ancestry from per-host process-tree state");

    public static final ConfigOption<Duration> PARENT_WAIT = ConfigOptions.key("process-tree.parent-wait")
            .durationType()
            .defaultValue(ProcessTreeSettings.DEFAULT_PARENT_WAIT)
            .withDescription("how long an event whose parent is unknown waits for it");

    public static final ConfigOption<Duration> ENDED_LINGER = ConfigOptions.key("process-tree.ended-linger")
            .durationType()
            .defaultValue(ProcessTreeSettings.DEFAULT_ENDED_LINGER)
            .withDescription("how long an ended process stays so late children still resolve");

    public static final ConfigOption<Duration> IDLE_TTL = ConfigOptions.key("process-tree.idle-ttl")
            .durationType()
            .defaultValue(ProcessTreeSettings.DEFAULT_IDLE_TTL)
            .withDescription("a process never seen to end is forgotten after this long with neither it nor a process"
                    + " below it in the tree active");

    public static final ConfigOption<Integer> MAX_PROCESSES_PER_HOST = ConfigOptions.key(
                    "process-tree.max-processes-per-host")
            .intType()
            .defaultValue(ProcessTreeSettings.DEFAULT_MAX_PROCESSES_PER_HOST)
            .withDescription("cap of tracked processes per host (ended first, then least recently used, are evicted)");

    public static final ConfigOption<Clock> CLOCK = ConfigOptions.key("process-tree.clock")
            .enumType(Clock.class)
            .defaultValue(Clock.AUTO)
            .withDescription("processing-time (the wall clock), event-time (the newest @timestamp seen; timers on"
                    + " watermarks) or auto: event-time in replay mode, so a replay holds and decides what the"
                    + " live job would have, processing-time in stream mode");

    public static final List<ConfigOption<?>> ALL =
            List.of(ENABLED, PARENT_WAIT, ENDED_LINGER, IDLE_TTL, MAX_PROCESSES_PER_HOST, CLOCK);

    private ProcessTreeOptions() {}
}
