package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jars the package phase builds carry the job and nothing of the developer tools: the simulator and
 * the live traffic tool live in {@code deploy/tools} and reach the job's tests only (test scope).
 */
class JobJarsContentITCase {

    @ParameterizedTest
    @ValueSource(strings = {"detection-job.jar", "detection-job-local.jar"})
    void containsTheJobAndNoToolClass(String jar) throws IOException {
        Path path = Path.of("target", jar);
        assertThat(path)
                .as("run `mvn verify`: the package phase builds the jar")
                .exists();
        List<String> entries;
        try (JarFile file = new JarFile(path.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries)
                .contains("dev/streamrules/job/DetectionJobMain.class", "dev/streamrules/udfs/ecs/EcsEventParser.class")
                .noneMatch(name -> name.startsWith("dev/streamrules/tools/"))
                .noneMatch(name ->
                        name.startsWith("dev/streamrules/job/sim/") || name.startsWith("dev/streamrules/job/demo/"));
    }
}
