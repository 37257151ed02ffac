package dev.streamrules.tools.sim;

import static dev.streamrules.tools.sim.FleetSimulatorTest.generate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code FleetSimulator} command: the same events as the library, the truth file, the summary, the mistakes. */
class SimulatorCommandLineTest {

    @Test
    void commandLineWritesEventsTruthAndSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("events.ndjson");
        Path truth = dir.resolve("truth.txt");
        String[] args = {
            "--hosts",
            "5",
            "--events",
            "2000",
            "--seed",
            "9",
            "--attack-rate",
            "0.1",
            "--output",
            out.toString(),
            "--truth",
            truth.toString(),
            "--strip-entry-leaders",
            "--rate=500"
        };
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = SimulatorCommandLine.run(
                args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true));

        assertThat(status).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> ids = Files.readAllLines(truth);
        FleetSimulator same = FleetSimulator.builder()
                .hosts(5)
                .events(2000)
                .seed(9)
                .attackRate(0.1)
                .stripEntryLeaders(true)
                .eventsPerSecond(500)
                .build();
        List<SimulatedEvent> expected = generate(same);
        assertThat(lines).isEqualTo(expected.stream().map(SimulatedEvent::json).collect(Collectors.toList()));
        assertThat(ids)
                .isSorted()
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .filter(SimulatedEvent::expectedAlert)
                        .map(SimulatedEvent::eventId)
                        .collect(Collectors.toList()));
        long near = expected.stream().filter(SimulatedEvent::nearMiss).count();
        assertThat(stderr.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("simulated: 2000 events, 5 hosts, " + ids.size() + " expected alerts, " + near
                        + " near misses");
    }

    @Test
    void commandLineWritesToStandardOutputByDefault() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = SimulatorCommandLine.run(
                new String[] {"--events", "10", "--hosts", "1"},
                new PrintStream(stdout),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).split("\n")).hasSize(10);
    }

    @Test
    void commandLineExplainsMistakes() {
        assertThat(runExpectingError("--hosts", "many")).contains("--hosts: expected a whole number, got \"many\"");
        assertThat(runExpectingError("--attack-rate", "2")).contains("attack rate must be between 0 and 1");
        assertThat(runExpectingError("--frobnicate")).contains("unknown option --frobnicate");
        assertThat(runExpectingError("--events")).contains("--events needs a value");
        assertThat(runExpectingError("--start", "yesterday")).contains("--start: expected an ISO-8601 instant");
        assertThat(runExpectingError("--seed", "1", "--seed", "2")).contains("--seed given more than once");
        assertThat(runExpectingError("--attack-rate", "0.7", "--near-miss-rate", "0.7"))
                .contains("must not exceed 1");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        assertThat(SimulatorCommandLine.run(new String[] {"--help"}, new PrintStream(stdout), System.err))
                .isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("Usage:", "--strip-entry-leaders", "--truth", "[default: 2026-11-01T00:00:00Z]");
    }

    private static String runExpectingError(String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = SimulatorCommandLine.run(
                args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true));
        assertThat(status).isEqualTo(SimulatorCommandLine.USAGE_ERROR);
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
