package dev.streamrules.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.DetectionJobMain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --check-rules} end to end: {@link DetectionJobMain} in its own JVM (it calls
 * {@code System.exit}), run from the test resources so files print as {@code check-rules/...}.
 */
class CheckRulesMainTest {

    private static final Path RESOURCES = resources();

    private static final String SUCCESS_SKIP =
            "check-rules/good/nested/new_terms_login.toml:15:8: skipped: rule type \"new_terms\" is not supported";

    @Test
    void aGoodFolderLoadsAndSkipsWithExitZero() throws Exception {
        Run run = run("--check-rules", "--rules", "check-rules/good");

        assertThat(run.stdout).containsExactly(SUCCESS_SKIP, "rules: 2 loaded, 1 skipped, 0 failed");
        assertThat(run.exit).isZero();
    }

    @Test
    void everyBrokenRuleIsNamedWithFileLineAndColumnAndTheExitIsOne() throws Exception {
        Run run = run("--check-rules", "--rules", "check-rules/good", "--rules", "check-rules/broken");

        assertThat(run.stdout)
                .containsExactly(
                        SUCCESS_SKIP,
                        "check-rules/broken/a_toml_syntax.toml:15:19: invalid TOML: Newline not permitted here",
                        "check-rules/broken/b_unknown_function.toml:20:40: Unknown function [dnsResolve]",
                        "check-rules/broken/c_wrong_argument_type.toml:20:30: second argument of [startsWith(process.name, 5)]"
                                + " must be [string], found value [5] type [integer]",
                        "check-rules/broken/e_query_syntax.toml:22:1: expected ',' or ')' but found end of query",
                        "check-rules/broken/f_bad_fields.toml:9:8: rule.from must be date math such as \"now-9m\", was \"9 minutes ago\"",
                        "check-rules/broken/f_bad_fields.toml:13:14: rule.risk_score must be from 0 to 100, was 470",
                        "check-rules/broken/f_bad_fields.toml:15:12: rule.severity must be one of low, medium, high, critical,"
                                + " was \"urgent\"",
                        "check-rules/broken/g_duplicate_id.toml:14:11: duplicate rule_id \"5b0f8a52-7c1e-4c57-9a43-2d7e5e0c1a01\","
                                + " already loaded from check-rules/good/curl_from_web_server.toml:14:11",
                        "rules: 2 loaded, 1 skipped, 6 failed");
        assertThat(run.exit).isEqualTo(1);
    }

    @Test
    void withoutRulesTheBuiltInRuleSetIsChecked() throws Exception {
        Run run = run("--check-rules");

        assertThat(run.stdout).containsExactly("rules: 1 loaded, 0 skipped, 0 failed");
        assertThat(run.exit).isZero();
    }

    @Test
    void aMappingGivesTheFieldTypesSoFieldsItLacksAreUnknown() throws Exception {
        Path mapping = Files.writeString(
                Files.createTempFile("mapping", ".json"),
                "{\"mappings\":{\"properties\":{\"process\":{\"properties\":{\"name\":{\"type\":\"long\"}}}}}}");
        try {
            Run run = run(
                    "--check-rules",
                    "--rules",
                    "check-rules/good/curl_from_web_server.toml",
                    "--mapping",
                    mapping.toString());
            assertThat(run.stdout)
                    .containsExactly(
                            "check-rules/good/curl_from_web_server.toml:19:15: Unknown column [event.type]",
                            "rules: 0 loaded, 0 skipped, 1 failed");
            assertThat(run.exit).isEqualTo(1);
        } finally {
            Files.delete(mapping);
        }
    }

    @Test
    void aMissingRulePathIsAConfigurationError() throws Exception {
        Run run = run("--check-rules", "--rules", "check-rules/nope");

        assertThat(run.stderr).contains("error: --rules check-rules/nope: no such file or folder");
        assertThat(run.stdout).isEmpty();
        assertThat(run.exit).isEqualTo(2);
    }

    private record Run(int exit, List<String> stdout, String stderr) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DetectionJobMain.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("check-rules", ".out");
        Path err = Files.createTempFile("check-rules", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(RESOURCES.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            int exit = process.waitFor();
            return new Run(exit, Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static Path resources() {
        try {
            return Path.of(CheckRulesMainTest.class
                            .getClassLoader()
                            .getResource("check-rules")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
