package dev.streamrules.udfs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    static final ConfigOption<String> CONFIG =
            ConfigOptions.key("config").stringType().noDefaultValue().withDescription("a properties file");
    static final ConfigOption<Integer> HOSTS =
            ConfigOptions.key("hosts").intType().defaultValue(20).withDescription("hosts in the fleet");
    static final ConfigOption<Duration> WAIT = ConfigOptions.key("wait")
            .durationType()
            .defaultValue(Duration.ofMillis(1500))
            .withDescription("wait");
    static final ConfigOption<String> NAME =
            ConfigOptions.key("name").stringType().noDefaultValue().withDescription("a name");
    static final ConfigOption<List<String>> PATHS =
            ConfigOptions.key("path").stringType().asList().noDefaultValue().withDescription("paths; repeat");
    static final ConfigOption<Boolean> QUIET =
            ConfigOptions.key("quiet").booleanType().defaultValue(false).withDescription("print less");
    static final ConfigOption<Boolean> HELP = CommandLine.HELP;

    static final CommandLine LINE = CommandLine.builder()
            .section(null, List.of(CONFIG, HELP))
            .section("Fleet", List.of(HOSTS, WAIT, NAME, PATHS, QUIET))
            .switches(HELP, QUIET)
            .repeatable(PATHS)
            .passThrough("client.", "goes to the client")
            .configFile(CONFIG)
            .clusterPrefix("tool.")
            .build();

    @TempDir
    Path dir;

    @Test
    void readsBothSpellingsSwitchesAndDefaults() {
        Settings s = LINE.parse("--hosts", "3", "--wait=10s", "--quiet");
        assertThat(s.get(HOSTS)).isEqualTo(3);
        assertThat(s.get(WAIT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.get(QUIET)).isTrue();
        assertThat(s.get(HELP)).isFalse();
        assertThat(s.get(NAME)).isNull();
        assertThat(s.isSet(HOSTS)).isTrue();
        assertThat(s.isSet(NAME)).isFalse();
        assertThat(s.problems()).isEmpty();
        assertThat(LINE.parse("-h").get(HELP)).as("-h is --help").isTrue();
    }

    @Test
    void flagsBeatTheFileWhichBeatsTheClusterWhichBeatsTheDefault() throws IOException {
        Path file = Files.writeString(dir.resolve("f.properties"), "hosts=4\nname=from-file\n");
        Settings s = LINE.parse(
                Map.of("tool.hosts", "5", "tool.name", "from-cluster", "tool.wait", "3s", "hosts", "9"),
                "--config",
                file.toString(),
                "--hosts",
                "2");
        assertThat(s.get(HOSTS)).isEqualTo(2);
        assertThat(s.get(NAME)).isEqualTo("from-file");
        assertThat(s.get(WAIT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.get(QUIET)).isFalse();
        assertThat(s.problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "10,PT10S", "9m,PT9M", "2h,PT2H", "1d,PT24H", "15min,PT15M"})
    void durationsAreFlinksWithABareNumberInSeconds(String text, String iso) {
        assertThat(LINE.parse("--wait", text).get(WAIT)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void repeatedFlagsKeepTheirOrderAndAFileListsThemWithSemicolons() throws IOException {
        assertThat(LINE.parse("--path", "a", "--path=b c").values(PATHS)).containsExactly("a", "b c");
        Path file = Files.writeString(dir.resolve("f.properties"), "path=x;y\n");
        assertThat(LINE.parse("--config", file.toString()).values(PATHS)).containsExactly("x", "y");
        assertThat(LINE.parse().values(PATHS)).isEmpty();
    }

    @Test
    void passThroughKeysAreKeptWithoutTheirPrefix() {
        Settings s = LINE.parse(Map.of("tool.client.b", "2"), "--client.a", "1");
        assertThat(s.withPrefix("client.")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void unknownAndUnreadableValuesAreCollectedOneALine() {
        Settings s = LINE.parse(Map.of("tool.colour", "red"), "--hosts", "many", "--wait", "soon", "--nope", "1");
        assertThat(s.problems())
                .containsExactly(
                        "unknown option tool.colour in the cluster configuration (see --help)",
                        "unknown option --nope (see --help)",
                        "--hosts: expected a whole number, got \"many\"",
                        "--wait: expected a duration such as 500ms, 10s, 9m, 2h or 1d, got \"soon\"");
        assertThat(s.getOrNull(HOSTS)).isNull();
        assertThatThrownBy(() -> s.get(HOSTS)).hasMessage("--hosts: expected a whole number, got \"many\"");
        assertThatThrownBy(() -> s.requireNoProblems(List.of("--name is required")))
                .isInstanceOf(CommandLineException.class)
                .hasMessageEndingWith("got \"soon\"\n--name is required");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hosts             | expected an option such as --config, got \"hosts\"",
                "--hosts           | --hosts needs a value",
                "--hostz           | unknown option --hostz (see --help)",
                "--hosts 1 --hosts 2 | --hosts given more than once",
            })
    void aCommandLineThatCannotBeReadIsRefusedAtOnce(String args, String message) {
        assertThatThrownBy(() -> LINE.parse(args.trim().split(" ")))
                .isInstanceOf(CommandLineException.class)
                .hasMessage(message.trim());
    }

    @Test
    void helpIsGeneratedFromTheDeclarations() {
        assertThat(LINE.usage())
                .startsWith("Options (--key value or --key=value; any --client.<name> goes to the client):\n")
                .contains("Fleet:\n")
                .contains(String.format("  --%-30s %s%n", "hosts", "hosts in the fleet [default: 20]"))
                .contains(String.format("  --%-30s %s%n", "wait", "wait [default: 1500ms]"))
                .contains(String.format("  --%-30s %s%n", "quiet", "print less"))
                .contains(String.format("  --%-30s %s%n", "name", "a name"))
                .contains("the --config file")
                .contains("tool.<key> in the cluster's Flink configuration");
    }

    @Test
    void declarationsAreCheckedWhenTheLineIsBuilt() {
        assertThatThrownBy(() ->
                        CommandLine.builder().section(null, List.of(HOSTS)).section("again", List.of(HOSTS)))
                .hasMessage("option hosts declared twice");
        assertThatThrownBy(() -> CommandLine.builder()
                        .section(null, List.of(HOSTS))
                        .switches(QUIET)
                        .build())
                .hasMessage("switch quiet is not in a section");
    }
}
