package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.testing.LocalJar;
import dev.streamrules.job.testing.LocalJar.Run;
import dev.streamrules.job.testing.ReplayFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's replay command, for real: {@code java -jar target/detection-job-local.jar ...} in its own
 * JVM, checking exit status, the summary line and the files it writes.
 */
class LocalJarITCase {

    private static final Path JAR = LocalJar.JAR;
    private static final Pattern SUMMARY = Pattern.compile(
            "^events: (\\d+) read, (\\d+) valid, (\\d+) dead-lettered, (\\d+) alerts(?: \\((.*)\\))?$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @BeforeAll
    static void jarIsBuilt() {
        assertThat(JAR).as("run `mvn verify`: the package phase builds the jar").exists();
    }

    @Test
    void replaysAFileWritingAlertsAndDeadLettersAndPrintsTheSummary() throws Exception {
        ReplayFixture fixture = ReplayFixture.standard();
        Path input = fixture.writeTo(dir.resolve("events.ndjson"));
        Path alerts = dir.resolve("out/alerts.ndjson");
        Path dead = dir.resolve("out/dead.ndjson");

        Run run = run(
                "--input",
                input.toString(),
                "--output",
                alerts.toString(),
                "--dead-letter",
                dead.toString(),
                "--parallelism",
                "2");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Matcher m = SUMMARY.matcher(run.stderr());
        assertThat(m.find()).as("summary line in: " + run.stderr()).isTrue();
        long read = Long.parseLong(m.group(1));
        long valid = Long.parseLong(m.group(2));
        long deadLettered = Long.parseLong(m.group(3));
        long alerted = Long.parseLong(m.group(4));
        assertThat(read).isEqualTo(fixture.lines());
        assertThat(deadLettered).isEqualTo(fixture.expectedDeadLetters().size());
        assertThat(valid).isEqualTo(read - deadLettered);
        assertThat(m.group(5)).isEqualTo(fixture.withoutHost() + " valid without a single host.id");
        assertThat(run.stderr())
                .as("throughput line after the summary")
                .containsPattern("(?m)^events: .*\\R^throughput: \\d+ events/s \\(" + read
                        + " events in \\d+ ms, job start to end of input\\)$");
        assertThat(alerted).isEqualTo(fixture.expectedAlertEventIds().size());
        assertThat(Files.readAllLines(alerts))
                .hasSize((int) alerted)
                .allSatisfy(l -> assertThat(l).startsWith("{"));
        assertThat(Files.readAllLines(dead))
                .hasSize((int) deadLettered)
                .allSatisfy(l -> assertThat(l).contains("\"line\":").contains("\"reason\":"));
    }

    /**
     * The replay sizes its network buffers by parallelism (256 KB up to 8 subtasks, Flink's 32 KB
     * above): a job graph with single-event and sequence rules must get buffers enough on each side.
     */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {8, 9})
    void singleEventAndSequenceRulesRunAtParallelismsOnBothSidesOfTheBufferSizeChange(int parallelism)
            throws Exception {
        ReplayFixture fixture = ReplayFixture.standard();
        Path input = fixture.writeTo(dir.resolve("events.ndjson"));
        Path repository = Path.of("").toAbsolutePath().getParent();

        Run run = run(
                "--input",
                input.toString(),
                "--output",
                dir.resolve("alerts.ndjson").toString(),
                "--rules",
                repository.resolve("udfs/src/main/resources/streamrules/rules").toString(),
                "--rules",
                repository.resolve("deploy/rules/sequences").toString(),
                "--parallelism",
                Integer.toString(parallelism));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Matcher m = SUMMARY.matcher(run.stderr());
        assertThat(m.find()).as("summary line in: " + run.stderr()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(fixture.lines());
        assertThat(Long.parseLong(m.group(4)))
                .isGreaterThanOrEqualTo(fixture.expectedAlertEventIds().size());
    }

    @Test
    void outputDashWritesOnlyAlertsToStdout() throws Exception {
        ReplayFixture fixture = ReplayFixture.standard();
        Path input = fixture.writeTo(dir.resolve("events.ndjson"));

        Run run = run("--input", input.toString(), "--output", "-");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines)
                .hasSize(fixture.expectedAlertEventIds().size())
                .allSatisfy(l -> assertThat(l).startsWith("{\"@timestamp\"").contains("\"kibana\""));
    }

    @Test
    void rejectsBadConfigurationWithExitCode2AndAClearMessage() throws Exception {
        Run missingInput = run("--mode", "replay", "--output", "-");
        assertThat(missingInput.exitCode()).isEqualTo(2);
        assertThat(missingInput.stderr()).contains("--input is required");

        Run unknown = run("--input", dir.toString() + "/nope.ndjson", "--colour", "blue");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown option --colour").contains("no such readable file");
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return LocalJar.run(dir, args);
    }
}
