package dev.streamrules.tools.sim;

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
import java.util.HashSet;
import java.util.Set;

/** The {@code FleetSimulator} command: flags in, NDJSON and a ground-truth file out. */
final class SimulatorCommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: java -cp <classpath> dev.streamrules.tools.sim.FleetSimulator [options]

            Writes simulated Elastic Defend Linux process events (fork/exec/end/uid_change) as NDJSON,
            with known "Suspicious /proc/maps Discovery" attacks, sequence attacks, and near misses of
            both mixed into background activity.

              --hosts N                 hosts in the fleet (default 20)
              --events N                total events (lines) to write (default 10000)
              --seed N                  random seed; same seed and options, same bytes (default 1)
              --attack-rate F           fraction of interactive Linux shell commands that are attacks
                                        (default 0.01)
              --near-miss-rate F        fraction of commands that are near misses (default 0.05)
              --dotted-key-rate F       fraction of documents with some dotted keys (default 0.1)
              --out-of-order-rate F     fraction of child forks (and their execs) delivered just
                                        before their parent's exec, and of uid_changes delivered just
                                        before their own exec, within 2 s (default 0)
              --sequence-attack-rate F  fraction of new Linux sessions that plant a sequence attack
                                        for the rules in deploy/rules/sequences; as many again plant
                                        a near miss (default 0, at most 0.5)
              --strip-entry-leaders     drop entry/session/group leader fields from every event of a
                                        process that does not lead its own session
              --start INSTANT           event time of the first event (default 2026-11-01T00:00:00Z)
              --rate N                  simulated events per second of event time (default 100)
              --output FILE|-           where to write the events (default -, standard output)
              --truth FILE              write the event.id of every expected alert, sorted, one a line,
                                        then a line "SEQ <rule_id> <event.id>,..." per expected
                                        sequence alert (members in event-time order)
              --help                    print this help

            Prints one summary line to standard error when done.
            """;

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
            stderr.println("error: " + e.getMessage());
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
        FleetSimulator.Builder builder = FleetSimulator.builder();
        String output = "-";
        String truth = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new Options(null, null, null);
            }
            if (!seen.add(flag)) {
                throw new UsageException(flag + " given more than once");
            }
            if (flag.equals("--strip-entry-leaders")) {
                if (value != null) {
                    throw new UsageException("--strip-entry-leaders takes no value");
                }
                builder.stripEntryLeaders(true);
                continue;
            }
            if (!isValued(flag)) {
                throw new UsageException("unknown option '" + args[i] + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--hosts" -> builder.hosts((int) whole(flag, value, 1, 1_000_000));
                case "--events" -> builder.events(whole(flag, value, 0, Long.MAX_VALUE - 1));
                case "--seed" -> builder.seed(whole(flag, value, Long.MIN_VALUE, Long.MAX_VALUE));
                case "--attack-rate" -> builder.attackRate(fraction(flag, value));
                case "--near-miss-rate" -> builder.nearMissRate(fraction(flag, value));
                case "--dotted-key-rate" -> builder.dottedKeyRate(fraction(flag, value));
                case "--out-of-order-rate" -> builder.outOfOrderRate(fraction(flag, value));
                case "--sequence-attack-rate" -> builder.sequenceAttackRate(fraction(flag, value));
                case "--start" -> builder.start(instant(flag, value));
                case "--rate" -> builder.eventsPerSecond(positive(flag, value));
                case "--output" -> output = nonBlank(flag, value);
                case "--truth" -> truth = nonBlank(flag, value);
                default -> throw new IllegalStateException(flag);
            }
        }
        try {
            return new Options(builder.build(), output, truth);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean isValued(String flag) {
        return switch (flag) {
            case "--hosts",
                    "--events",
                    "--seed",
                    "--attack-rate",
                    "--near-miss-rate",
                    "--dotted-key-rate",
                    "--out-of-order-rate",
                    "--sequence-attack-rate",
                    "--start",
                    "--rate",
                    "--output",
                    "--truth" -> true;
            default -> false;
        };
    }

    private static long whole(String flag, String value, long min, long max) throws UsageException {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(flag + ": must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static double number(String flag, String value) throws UsageException {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a number, got '" + value + "'");
        }
    }

    private static double fraction(String flag, String value) throws UsageException {
        double parsed = number(flag, value);
        if (parsed < 0 || parsed > 1) {
            throw new UsageException(flag + ": must be between 0 and 1, got " + value);
        }
        return parsed;
    }

    private static double positive(String flag, String value) throws UsageException {
        double parsed = number(flag, value);
        if (parsed <= 0) {
            throw new UsageException(flag + ": must be greater than 0, got " + value);
        }
        return parsed;
    }

    private static Instant instant(String flag, String value) throws UsageException {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    flag + ": expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + value + "'");
        }
    }

    private static String nonBlank(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a file name (or - for standard output)");
        }
        return value;
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
