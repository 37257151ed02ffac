package dev.streamrules.tools.sim;

/**
 * Commands that share most of an attack's fields but differ in the one that matters: the program,
 * the file under /proc, the case of the program name, or a path that is not the whole argument.
 * Safe wherever they run, whatever the session's entry leader.
 */
final class NearMisses {

    private NearMisses() {}

    static ShellCommand build(CommandContext context, Dice dice) {
        OsRelease os = context.os();
        String pid = context.host().interestingPid(dice);
        String proc = "/proc/" + pid;
        return switch (dice.between(0, 14)) {
            case 0 -> near(Programs.run(os, "cat", proc + "/smaps"));
            case 1 -> near(Programs.run(os, "cat", proc + "/smaps_rollup"));
            case 2 ->
                near(
                        dice.chance(0.5)
                                ? Programs.run(os, "tail", proc + "/maps")
                                : Programs.run(os, "tail", "-n", "20", proc + "/maps"));
            case 3 -> near(Programs.run(os, "head", "-n", "5", proc + "/maps"));
            case 4 -> near(Programs.run(os, "less", "/proc/self/maps"));
            case 5 -> near(Programs.run(os, "cat", proc + "/status"));
            case 6 -> near(Programs.run(os, "grep", "Vm", proc + "/status"));
            case 7 -> near(Programs.run(os, "cat", proc + "/environ"));
            case 8 -> near(Programs.run(os, "cat", proc + "/maps" + dice.pick(".bak", ".old", "~")));
            case 9 -> near(Programs.run(os, "strings", proc + "/maps"));
            case 10 -> near(Programs.run(os, "dd", "if=" + proc + "/maps", "of=/tmp/maps.txt"));
            case 11 -> near(Programs.run(os, "pmap", "-x", pid));
            // A renamed copy: the rule's `in` on process.name is case-sensitive.
            case 12 ->
                near(
                        dice.chance(0.5)
                                ? ProcessImage.of("/usr/local/bin/Cat", "Cat", proc + "/maps")
                                : ProcessImage.of("/usr/local/bin/GREP", "GREP", "libc", proc + "/maps"));
            // Relative paths: the argument is not the whole /proc/<pid>/maps path.
            case 13 -> near(Programs.run(os, "cat", "maps")).in(proc);
            default -> near(Programs.run(os, "cat", "proc/" + pid + "/maps")).in("/");
        };
    }

    private static ShellCommand near(ProcessImage image) {
        return ShellCommand.of(ShellCommand.Stage.labelled(image, EventLabel.NEAR_MISS));
    }
}
