package dev.streamrules.tools.sim;

import dev.streamrules.udfs.cli.CommandLineException;
import dev.streamrules.udfs.cli.Settings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The {@code FleetSimulator} command: flags in, NDJSON and a ground-truth file out. */
final class SimulatorCommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: java -cp <classpath> dev.streamrules.tools.sim.FleetSimulator [options]

            Writes simulated Elastic Defend Linux process events (fork/exec/end/uid_change) as NDJSON,
            with known "Suspicious /proc/maps Discovery" attacks, sequence attacks, and near misses of
            both mixed into background activity. Prints one summary line to standard error when done.

            """ + SimulatorFlags.COMMAND_LINE.usage();

    private SimulatorCommandLine() {}

    /** Thrown for bad command lines; the message is meant for the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What the command line asked for; {@code simulator} is null when only help was requested. */
    record Options(FleetSimulator simulator, String output, String truth) {
        boolean help() {
            return simulator == null;
        }
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            stderr.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            stderr.println("Run with --help for usage.");
            return USAGE_ERROR;
        }
        if (options.help()) {
            stdout.print(USAGE);
            stdout.flush();
            return OK;
        }
        try {
            SimulationSummary summary = write(options, stdout);
            if (options.truth() != null) {
                Files.write(withParents(Path.of(options.truth())), summary.truthLines(), StandardCharsets.UTF_8);
            }
            stderr.println(summary.line());
            return OK;
        } catch (IOException e) {
            stderr.println("error: " + e);
            return FAILED;
        }
    }

    private static SimulationSummary write(Options options, OutputStream stdout) throws IOException {
        if ("-".equals(options.output())) {
            Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
            SimulationSummary summary = options.simulator().writeNdjson(out);
            out.flush();
            return summary;
        }
        try (Writer out = Files.newBufferedWriter(withParents(Path.of(options.output())), StandardCharsets.UTF_8)) {
            return options.simulator().writeNdjson(out);
        }
    }

    static Options parse(String[] args) throws UsageException {
        try {
            Settings flags = SimulatorFlags.COMMAND_LINE.parse(args);
            if (Boolean.TRUE.equals(flags.getOrNull(SimulatorFlags.HELP))) {
                return new Options(null, null, null);
            }
            List<String> problems = new ArrayList<>();
            Instant start = instant(flags.getOrNull(SimulatorFlags.START), problems);
            for (ConfigOption<String> file : List.of(SimulatorFlags.OUTPUT, SimulatorFlags.TRUTH)) {
                String value = flags.getOrNull(file);
                if (value != null && value.isBlank()) {
                    problems.add("--" + file.key() + " needs a file name (or - for standard output)");
                }
            }
            flags.requireNoProblems(problems);
            FleetSimulator simulator = FleetSimulator.builder()
                    .hosts(flags.get(SimulatorFlags.HOSTS))
                    .events(flags.get(SimulatorFlags.EVENTS))
                    .seed(flags.get(SimulatorFlags.SEED))
                    .attackRate(flags.get(SimulatorFlags.ATTACK_RATE))
                    .nearMissRate(flags.get(SimulatorFlags.NEAR_MISS_RATE))
                    .dottedKeyRate(flags.get(SimulatorFlags.DOTTED_KEY_RATE))
                    .outOfOrderRate(flags.get(SimulatorFlags.OUT_OF_ORDER_RATE))
                    .sequenceAttackRate(flags.get(SimulatorFlags.SEQUENCE_ATTACK_RATE))
                    .stripEntryLeaders(flags.get(SimulatorFlags.STRIP_ENTRY_LEADERS))
                    .start(start)
                    .eventsPerSecond(flags.get(SimulatorFlags.RATE))
                    .build();
            return new Options(simulator, flags.get(SimulatorFlags.OUTPUT), flags.get(SimulatorFlags.TRUTH));
        } catch (CommandLineException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Instant instant(String value, List<String> problems) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add("--start: expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + value + "'");
            return null;
        }
    }

    /** Output paths may name folders that do not exist yet (e.g. {@code target/} of a fresh clone). */
    private static Path withParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
