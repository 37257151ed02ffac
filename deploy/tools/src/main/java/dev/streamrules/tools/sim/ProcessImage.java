package dev.streamrules.tools.sim;

import java.util.List;

/**
 * What a process is running: the part of a process that {@code exec} replaces. {@code args[0]} is
 * the program as typed ({@code cat}, {@code -bash}, {@code /bin/cat}), which is why the name comes
 * from the executable and not from the arguments.
 */
record ProcessImage(String name, String executable, List<String> args) {

    ProcessImage {
        args = List.copyOf(args);
    }

    static ProcessImage of(String executable, String... args) {
        return new ProcessImage(baseName(executable), executable, List.of(args));
    }

    static ProcessImage of(String executable, List<String> args) {
        return new ProcessImage(baseName(executable), executable, args);
    }

    /** Elastic Defend joins the arguments with single spaces, without shell quoting. */
    String commandLine() {
        return String.join(" ", args);
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
