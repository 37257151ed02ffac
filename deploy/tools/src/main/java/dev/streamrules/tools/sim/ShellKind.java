package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A login shell as installed on one OS. {@code name} is what the sensor reports (the executable's
 * base name: {@code /bin/sh} is {@code dash} on Debian and {@code bash} on RHEL), {@code loginArg}
 * is the {@code argv[0]} login(1) and sshd give it. {@code interactiveShell} says whether the
 * simulator treats sessions led by it as the interactive shell sessions the rule is about.
 */
record ShellKind(String name, String executable, String loginArg, boolean interactiveShell) {

    ProcessImage loginImage() {
        return ProcessImage.of(executable, loginArg);
    }

    ProcessImage plainImage() {
        return ProcessImage.of(executable, name);
    }

    ProcessImage commandImage(String commandLine) {
        return ProcessImage.of(executable, name, "-c", commandLine);
    }

    static ShellKind bash(OsRelease os) {
        return new ShellKind("bash", os.usrPrefix() + "/bin/bash", "-bash", true);
    }

    static ShellKind sh(OsRelease os) {
        return switch (os.family()) {
            case "debian" -> new ShellKind("dash", "/usr/bin/dash", "-sh", true);
            case "darwin" -> new ShellKind("sh", "/bin/sh", "-sh", true);
            default -> new ShellKind("bash", "/usr/bin/bash", "-sh", true);
        };
    }

    static ShellKind zsh(OsRelease os) {
        return new ShellKind("zsh", os.linux() ? "/usr/bin/zsh" : "/bin/zsh", "-zsh", true);
    }

    /** Shells a human user may log in with, weighted by how common they are. */
    static List<ShellKind> loginChoices(OsRelease os) {
        List<ShellKind> choices = new ArrayList<>();
        if (!os.linux()) {
            choices.addAll(List.of(zsh(os), zsh(os), zsh(os), bash(os), sh(os)));
            return choices;
        }
        for (int i = 0; i < 12; i++) {
            choices.add(bash(os));
        }
        choices.addAll(List.of(
                zsh(os),
                zsh(os),
                sh(os),
                new ShellKind("fish", "/usr/bin/fish", "-fish", true),
                new ShellKind("dash", "/usr/bin/dash", "-dash", true),
                new ShellKind("ksh", "/usr/bin/ksh", "-ksh", true),
                new ShellKind("tcsh", "/usr/bin/tcsh", "-tcsh", true),
                new ShellKind("csh", "/usr/bin/csh", "-csh", true),
                // Real shell, but its reported name is not one the rule lists: reads from it are near misses.
                new ShellKind("ksh93", "/usr/bin/ksh93", "-ksh", false)));
        return choices;
    }

    /** Desktop users favour the fancier shells. */
    static List<ShellKind> desktopChoices(OsRelease os) {
        String fish = os.linux() ? "/usr/bin/fish" : "/opt/homebrew/bin/fish";
        return List.of(zsh(os), zsh(os), bash(os), new ShellKind("fish", fish, "fish", true));
    }
}
