package dev.streamrules.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigTest {

    @TempDir
    Path dir;

    private Path input() throws IOException {
        Path p = dir.resolve("in.ndjson");
        if (!Files.exists(p)) {
            Files.writeString(p, "{}\n");
        }
        return p;
    }

    @Test
    void readsTypedValuesAndDefaults() throws IOException {
        JobConfig c = JobConfig.fromArgs("--input", input().toString(), "--parallelism=3", "--max-event-age", "9m");
        assertThat(c.get(JobConfig.PARALLELISM)).isEqualTo(3);
        assertThat(c.get(JobConfig.MAX_EVENT_AGE)).isEqualTo(Duration.ofMinutes(9));
        assertThat(c.get(JobConfig.OUTPUT)).isEqualTo("-");
        assertThat(c.get(JobConfig.DEAD_LETTER)).isNull();
    }

    @Test
    void flagsOverrideTheConfigFile() throws IOException {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "input=" + input() + "\nparallelism=4\noutput=/tmp/a.ndjson\n");
        JobConfig c = JobConfig.fromArgs("--config", file.toString(), "--parallelism", "2");
        assertThat(c.get(JobConfig.PARALLELISM)).isEqualTo(2);
        assertThat(c.get(JobConfig.OUTPUT)).isEqualTo("/tmp/a.ndjson");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--parallelism 0                 | --parallelism must be at least 1",
                "--parallelism two               | expected an integer",
                "--max-event-age 5weeks          | unknown duration unit",
                "--max-event-age 0s              | --max-event-age must be positive",
                "--colour blue                   | unknown option --colour",
                "--output                        | --output needs a value",
                "stray                           | expected --option",
                "--output a --output b           | given twice",
            })
    void rejectsInvalidValuesNamingTheOption(String args, String message) throws IOException {
        String[] parts = ("--input " + input() + " " + args.trim()).split(" ");
        assertThatThrownBy(() -> JobConfig.fromArgs(parts))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--mode", "replay", "--parallelism", "-1", "--nope", "x"))
                .hasMessageContaining("--parallelism must be at least 1")
                .hasMessageContaining("unknown option --nope")
                .hasMessageContaining("--input is required");
    }

    @Test
    void rulesMayBeRepeatedAndKeepTheirOrder() throws IOException {
        Path a = Files.createDirectories(dir.resolve("rules-a"));
        Path b = Files.writeString(dir.resolve("b.toml"), "");
        JobConfig c = JobConfig.fromArgs("--input", input().toString(), "--rules", a.toString(), "--rules=" + b);
        assertThat(c.rulePaths()).containsExactly(a, b);
        assertThat(JobConfig.fromArgs("--input", input().toString()).rulePaths())
                .isEmpty();
    }

    @Test
    void checkRulesIsASwitchThatNeedsNoInputNorServers() throws IOException {
        Path mapping = Files.writeString(dir.resolve("mapping.json"), "{}");
        JobConfig c = JobConfig.fromArgs("--check-rules", "--mapping", mapping.toString());
        assertThat(c.get(JobConfig.CHECK_RULES)).isTrue();
        assertThat(c.get(JobConfig.MAPPING)).isEqualTo(mapping.toString());
        assertThat(JobConfig.fromArgs("--input", input().toString()).get(JobConfig.CHECK_RULES))
                .isFalse();
    }

    @Test
    void missingRuleAndMappingFilesAreConfigurationErrors() {
        assertThatThrownBy(() -> JobConfig.fromArgs(
                        "--check-rules",
                        "--rules",
                        dir.resolve("nope").toString(),
                        "--mapping",
                        dir.resolve("nope.json").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--rules " + dir.resolve("nope") + ": no such file or folder")
                .hasMessageContaining("--mapping " + dir.resolve("nope.json") + ": no such readable file");
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "10,PT10S", "9m,PT9M", "2h,PT2H", "1d,PT24H", "PT9M,PT9M"})
    void parsesDurations(String text, String iso) {
        assertThat(Option.parseDuration(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void usageListsEveryOption() {
        String usage = JobConfig.usage();
        JobConfig.OPTIONS.forEach(o -> assertThat(usage).contains("--" + o.key()));
    }
}
