package dev.streamrules.tools.sim;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line as something (a shell, cron, a service) runs it: one or more pipeline stages,
 * optionally through sudo, optionally from another directory.
 */
record ShellCommand(List<Stage> stages, boolean sudo, String workingDirectory) {

    /**
     * One program of the command line. {@code label} goes on its exec; {@code readsMaps} marks a
     * cat or grep of a real maps path, whose other events (end, a helper fork) are near misses;
     * {@code children} are commands the stage runs itself (a script's lines).
     */
    record Stage(
            ProcessImage image, EventLabel label, boolean readsMaps, boolean forksHelper, List<ShellCommand> children) {

        Stage {
            children = List.copyOf(children);
        }

        static Stage of(ProcessImage image) {
            return new Stage(image, EventLabel.BACKGROUND, false, false, List.of());
        }

        static Stage labelled(ProcessImage image, EventLabel label) {
            return new Stage(image, label, false, false, List.of());
        }

        static Stage mapsReader(ProcessImage image, EventLabel label, boolean forksHelper) {
            return new Stage(image, label, true, forksHelper, List.of());
        }

        static Stage script(ProcessImage interpreter, List<ShellCommand> lines) {
            return new Stage(interpreter, EventLabel.BACKGROUND, false, false, lines);
        }
    }

    ShellCommand {
        stages = List.copyOf(stages);
        if (stages.isEmpty() || (sudo && stages.size() > 1)) {
            throw new IllegalArgumentException("a command has one or more stages, sudo only one");
        }
    }

    static ShellCommand of(Stage stage) {
        return new ShellCommand(List.of(stage), false, null);
    }

    static ShellCommand of(ProcessImage image) {
        return of(Stage.of(image));
    }

    static ShellCommand pipeline(Stage... stages) {
        return new ShellCommand(List.of(stages), false, null);
    }

    ShellCommand withSudo() {
        return new ShellCommand(stages, true, workingDirectory);
    }

    ShellCommand in(String directory) {
        return new ShellCommand(stages, sudo, directory);
    }

    /** The text a shell would have been given, for {@code sh -c} wrappers. */
    String commandLine() {
        String line = stages.stream().map(s -> s.image().commandLine()).collect(Collectors.joining(" | "));
        return sudo ? "sudo " + line : line;
    }
}
