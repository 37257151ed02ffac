package dev.streamrules.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveFleetOptionsTest {

    @Test
    void defaultsAreARunUntilInterruptedAgainstTheLocalStack() throws Exception {
        LiveFleetOptions o = LiveFleetOptions.parse();
        assertThat(o.help()).isFalse();
        assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(o.topic()).isEqualTo("endpoint-events");
        assertThat(o.alertsTopic()).isNull();
        assertThat(o.esUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(o.index()).isEqualTo("streamrules-alerts");
        assertThat(o.rate()).isEqualTo(500);
        assertThat(o.unbounded()).isTrue();
        assertThat(o.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup()).isZero();
        assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(o.quiet()).isFalse();
        assertThat(o.sequenceAttackRate())
                .as("no sequence attacks unless asked")
                .isZero();
    }

    @Test
    void readsEveryOptionInBothSpellings() throws Exception {
        LiveFleetOptions o = LiveFleetOptions.parse(
                "--bootstrap-servers",
                "127.0.0.1:19092",
                "--topic=ev",
                "--alerts-topic",
                "al",
                "--es-url",
                "http://127.0.0.1:19200/",
                "--index",
                "streamrules-alerts-demo-1",
                "--rate",
                "2500.5",
                "--duration",
                "2m",
                "--hosts",
                "7",
                "--seed",
                "-3",
                "--attack-rate",
                "0.2",
                "--near-miss-rate",
                "0",
                "--sequence-attack-rate",
                "0.05",
                "--grace",
                "45s",
                "--warmup",
                "15",
                "--poll-interval",
                "100ms",
                "--quiet",
                "--alert-log",
                "a.csv");
        assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(o.topic()).isEqualTo("ev");
        assertThat(o.alertsTopic()).isEqualTo("al");
        assertThat(o.esUrl()).as("trailing slash dropped").isEqualTo("http://127.0.0.1:19200");
        assertThat(o.index()).isEqualTo("streamrules-alerts-demo-1");
        assertThat(o.rate()).isEqualTo(2500.5);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.unbounded()).isFalse();
        assertThat(o.hosts()).isEqualTo(7);
        assertThat(o.seed()).isEqualTo(-3);
        assertThat(o.attackRate()).isEqualTo(0.2);
        assertThat(o.nearMissRate()).isZero();
        assertThat(o.sequenceAttackRate()).isEqualTo(0.05);
        assertThat(o.grace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.quiet()).isTrue();
        assertThat(o.alertLog()).isEqualTo("a.csv");
    }

    @Test
    void aBareDurationIsSecondsAndZeroMeansUntilInterrupted() throws Exception {
        assertThat(LiveFleetOptions.parse("--duration", "40").duration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(LiveFleetOptions.parse("--duration", "1500ms").duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(LiveFleetOptions.parse("--duration", "0").unbounded()).isTrue();
    }

    @Test
    void helpWinsAndNeedsNothingElse() throws Exception {
        assertThat(LiveFleetOptions.parse("--rate", "5", "--help").help()).isTrue();
    }

    @Test
    void aRandomSeedWhenNoneIsGiven() throws Exception {
        // Two runs must not plant the same event ids into one alerts index by accident.
        assertThat(LiveFleetOptions.parse().seed())
                .isNotEqualTo(LiveFleetOptions.parse().seed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--rate 0                          | --rate: must be between 0.001 and 1000000, got 0.0",
                "--rate fast                       | --rate: expected a number, got",
                "--rate NaN                        | --rate: must be between",
                "--hosts 0                         | --hosts: must be between 1 and 100000, got 0",
                "--hosts 2.5                       | --hosts: expected a whole number, got",
                "--duration -5                     | --duration: expected a duration such as 500ms, 10s",
                "--duration 10x                    | --duration: expected a duration such as 500ms, 10s",
                "--duration 500ms                  | --duration: must be 0 or at least 1s, got 500ms",
                "--poll-interval 5ms               | --poll-interval must be between 10ms and 10s, got 5ms",
                "--poll-interval 0                 | --poll-interval must be between 10ms and 10s, got 0ms",
                "--attack-rate 1.5                 | --attack-rate: must be between 0 and 1, got 1.5",
                "--attack-rate 0.6 --near-miss-rate 0.5 | --attack-rate plus --near-miss-rate must not exceed 1",
                "--sequence-attack-rate 0.6        | --sequence-attack-rate: must be between 0 and 0.5, got 0.6",
                "--es-url 127.0.0.1:9200           | --es-url: expected an http:// or https:// URL",
                "--index Alerts                    | --index: 'Alerts' is not a valid index name",
                "--index a*b                       | --index: 'a*b' is not a valid index name",
                "--topic                           | --topic needs a value",
                "--rate 5 --rate 6                 | --rate given more than once",
                "--speed 5                         | unknown option --speed (see --help)",
                "rate                              | expected an option such as --bootstrap-servers, got",
                "--quiet=yes                       | --quiet: expected true or false, got",
                "--duration 10 --warmup 10         | --warmup must be shorter than --duration",
            })
    void rejectsBadValuesWithAMessageNamingTheFlag(String line, String message) {
        String[] args = line.trim().split("\\s+");
        assertThatThrownBy(() -> LiveFleetOptions.parse(args))
                .isInstanceOf(LiveFleetOptions.UsageException.class)
                .hasMessageContaining(message.trim());
    }

    @Test
    void everyProblemIsReportedOneALine() {
        assertThatThrownBy(() -> LiveFleetOptions.parse("--rate", "0", "--hosts", "0"))
                .isInstanceOf(LiveFleetOptions.UsageException.class)
                .hasMessage("--rate: must be between 0.001 and 1000000, got 0.0\n"
                        + "--hosts: must be between 1 and 100000, got 0");
    }

    @Test
    void anEmptyValueIsRejected() {
        assertThatThrownBy(() -> LiveFleetOptions.parse("--topic", " "))
                .isInstanceOf(LiveFleetOptions.UsageException.class)
                .hasMessage("--topic must not be empty");
    }

    @Test
    void usageMentionsEveryFlag() {
        for (String flag : new String[] {
            "--bootstrap-servers",
            "--topic",
            "--alerts-topic",
            "--es-url",
            "--index",
            "--rate",
            "--duration",
            "--hosts",
            "--seed",
            "--attack-rate",
            "--near-miss-rate",
            "--grace",
            "--warmup",
            "--poll-interval",
            "--quiet",
            "--alert-log",
            "--help"
        }) {
            assertThat(LiveFleetOptions.USAGE).contains(flag);
        }
    }
}
