package dev.streamrules.tools.sim;

import dev.streamrules.udfs.cli.CommandLine;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the {@code FleetSimulator} command, declared once: parsing and {@code --help} come
 * from here; the defaults are the {@link FleetSimulator.Builder}'s.
 */
final class SimulatorFlags {

    private static final SimulationConfig DEFAULTS =
            FleetSimulator.builder().build().config();

    static final ConfigOption<Integer> HOSTS =
            ConfigOptions.key("hosts").intType().defaultValue(DEFAULTS.hosts()).withDescription("hosts in the fleet");
    static final ConfigOption<Long> EVENTS = ConfigOptions.key("events")
            .longType()
            .defaultValue(DEFAULTS.events())
            .withDescription("total events (lines) to write");
    static final ConfigOption<Long> SEED = ConfigOptions.key("seed")
            .longType()
            .defaultValue(DEFAULTS.seed())
            .withDescription("random seed; same seed and options, same bytes");
    static final ConfigOption<Double> ATTACK_RATE = ConfigOptions.key("attack-rate")
            .doubleType()
            .defaultValue(DEFAULTS.attackRate())
            .withDescription("fraction of interactive Linux shell commands that are attacks");
    static final ConfigOption<Double> NEAR_MISS_RATE = ConfigOptions.key("near-miss-rate")
            .doubleType()
            .defaultValue(DEFAULTS.nearMissRate())
            .withDescription("fraction of commands that are near misses");
    static final ConfigOption<Double> DOTTED_KEY_RATE = ConfigOptions.key("dotted-key-rate")
            .doubleType()
            .defaultValue(DEFAULTS.dottedKeyRate())
            .withDescription("fraction of documents with some dotted keys");
    static final ConfigOption<Double> OUT_OF_ORDER_RATE = ConfigOptions.key("out-of-order-rate")
            .doubleType()
            .defaultValue(DEFAULTS.outOfOrderRate())
            .withDescription("fraction of child forks (and their execs) delivered just before their parent's exec,"
                    + " and of uid_changes delivered just before their own exec, within 2 s");
    static final ConfigOption<Double> SEQUENCE_ATTACK_RATE = ConfigOptions.key("sequence-attack-rate")
            .doubleType()
            .defaultValue(DEFAULTS.sequenceAttackRate())
            .withDescription("fraction of new Linux sessions that plant a sequence attack for the rules in"
                    + " deploy/rules/sequences; as many again plant a near miss (at most 0.5)");
    static final ConfigOption<Boolean> STRIP_ENTRY_LEADERS = ConfigOptions.key("strip-entry-leaders")
            .booleanType()
            .defaultValue(DEFAULTS.stripEntryLeaders())
            .withDescription("drop entry/session/group leader fields from every event of a process that does not"
                    + " lead its own session");
    static final ConfigOption<String> START = ConfigOptions.key("start")
            .stringType()
            .defaultValue(DEFAULTS.start().toString())
            .withDescription("event time of the first event (an ISO-8601 instant)");
    static final ConfigOption<Double> RATE = ConfigOptions.key("rate")
            .doubleType()
            .defaultValue(DEFAULTS.eventsPerSecond())
            .withDescription("simulated events per second of event time");
    static final ConfigOption<String> OUTPUT = ConfigOptions.key("output")
            .stringType()
            .defaultValue("-")
            .withDescription("where to write the events (FILE, or - for standard output)");
    static final ConfigOption<String> TRUTH = ConfigOptions.key("truth")
            .stringType()
            .noDefaultValue()
            .withDescription("write the event.id of every expected alert, sorted, one a line, then a line"
                    + " \"SEQ <rule_id> <event.id>,...\" per expected sequence alert (members in event-time order)");
    static final ConfigOption<Boolean> HELP = CommandLine.HELP;

    static final CommandLine COMMAND_LINE = CommandLine.builder()
            .section(
                    null,
                    List.of(
                            HOSTS,
                            EVENTS,
                            SEED,
                            ATTACK_RATE,
                            NEAR_MISS_RATE,
                            DOTTED_KEY_RATE,
                            OUT_OF_ORDER_RATE,
                            SEQUENCE_ATTACK_RATE,
                            STRIP_ENTRY_LEADERS,
                            START,
                            RATE,
                            OUTPUT,
                            TRUTH,
                            HELP))
            .switches(STRIP_ENTRY_LEADERS, HELP)
            .build();

    private SimulatorFlags() {}
}
