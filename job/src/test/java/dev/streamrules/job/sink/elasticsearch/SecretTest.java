package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    @TempDir
    Path dir;

    @Test
    void aValueGivenDirectly() {
        Secret s = Secret.of("hunter2");
        assertThat(s.resolve()).isEqualTo("hunter2");
        assertThat(s.toString()).isEqualTo("Secret(given directly)").doesNotContain("hunter2");
        assertThatThrownBy(() -> Secret.of("")).hasMessageContaining("must not be empty");
    }

    @Test
    void aFileWithItsFinalNewlineRemoved() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "  c2VjcmV0OmtleQ==\n");
        Secret s = Secret.fromFile(file.toString());
        assertThat(s.resolve()).isEqualTo("c2VjcmV0OmtleQ==");
        assertThat(s.toString()).isEqualTo("Secret(from file " + file + ")");
    }

    @Test
    void missingOrEmptyFilesAreNamedWithoutContent() throws Exception {
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("nope").toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read secret file " + dir.resolve("nope"));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Secret.fromFile(empty.toString()).resolve())
                .hasMessageContaining("secret file " + empty + " is empty");
    }

    @Test
    void anEnvironmentVariable() {
        String name = System.getenv().containsKey("PATH") ? "PATH" : "HOME";
        assertThat(Secret.fromEnv(name).resolve()).isEqualTo(System.getenv(name));
        assertThat(Secret.fromEnv(name).toString()).isEqualTo("Secret(from environment variable " + name + ")");
        assertThatThrownBy(() ->
                        Secret.fromEnv("STREAMRULES_SURELY_UNSET_VARIABLE").resolve())
                .hasMessage("environment variable STREAMRULES_SURELY_UNSET_VARIABLE is not set or empty");
        assertThatThrownBy(() -> Secret.fromEnv("NOT-A-NAME"))
                .hasMessageContaining("is not an environment variable name");
    }
}
