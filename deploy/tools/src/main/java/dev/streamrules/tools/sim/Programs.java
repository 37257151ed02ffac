package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where programs live on each OS, so command images carry believable executables. */
final class Programs {

    private static final Set<String> LINUX_SBIN = Set.of("ip", "nginx", "logrotate", "sshd", "sysctl");
    private static final Set<String> MAC_BIN = Set.of(
            "cat",
            "ls",
            "ps",
            "df",
            "date",
            "hostname",
            "pwd",
            "echo",
            "sh",
            "bash",
            "zsh",
            "mkdir",
            "rm",
            "cp",
            "mv",
            "chmod",
            "dd",
            "kill",
            "sleep");
    private static final Map<String, String> MAC_ELSEWHERE = Map.of(
            "ifconfig", "/sbin/ifconfig",
            "diskutil", "/usr/sbin/diskutil",
            "networksetup", "/usr/sbin/networksetup",
            "brew", "/opt/homebrew/bin/brew",
            "npm", "/opt/homebrew/bin/npm",
            "htop", "/opt/homebrew/bin/htop");

    private Programs() {}

    static String path(OsRelease os, String program) {
        if (os.linux()) {
            return (LINUX_SBIN.contains(program) ? "/usr/sbin/" : "/usr/bin/") + program;
        }
        if (MAC_BIN.contains(program)) {
            return "/bin/" + program;
        }
        return MAC_ELSEWHERE.getOrDefault(program, "/usr/bin/" + program);
    }

    /** {@code program args...} typed by name, as people do. */
    static ProcessImage run(OsRelease os, String program, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(program);
        argv.addAll(List.of(args));
        return ProcessImage.of(path(os, program), argv);
    }

    /** Same, with {@code argv[0]} as typed: a bare name, or an absolute path. */
    static ProcessImage runAs(OsRelease os, String program, String typed, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(typed);
        argv.addAll(args);
        return ProcessImage.of(path(os, program), argv);
    }
}
