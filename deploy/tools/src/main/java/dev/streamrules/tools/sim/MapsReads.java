package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * cat or grep of a real {@code /proc/<pid>/maps} path, in the shapes people type them. Whether one
 * is an attack or a near miss is decided by the caller from where it runs, never from the text.
 */
final class MapsReads {

    private static final List<List<String>> GREP_ARGS = List.of(
            List.of("libc"),
            List.of("r-xp"),
            List.of("rwxp"),
            List.of("heap"),
            List.of("stack"),
            List.of("ld-linux"),
            List.of("-E", "rwxp|r-xp"),
            List.of("-c", "rw-p"),
            List.of("-i", "libssl"),
            List.of("-F", "[vdso]"));

    private MapsReads() {}

    static ShellCommand build(CommandContext context, Dice dice, EventLabel label) {
        ShellCommand.Stage reader = dice.chance(0.6) ? cat(context, dice, label) : grep(context, dice, label);
        if (context.setting() != CommandContext.Setting.INTERACTIVE_SHELL) {
            return ShellCommand.of(reader);
        }
        double form = dice.unit();
        if (form < 0.55) {
            return ShellCommand.of(reader);
        }
        if (form < 0.72) {
            return pipeline(context.os(), dice, reader);
        }
        if (form < 0.87) {
            return ShellCommand.of(reader).withSudo();
        }
        return script(context, dice, reader);
    }

    /** A maps path of a process on the host; sometimes a thread's, sometimes in odd case (the rule's match ignores case). */
    static String path(HostState host, Dice dice) {
        String pid = dice.chance(0.07) ? "self" : host.interestingPid(dice);
        String path = "/proc/" + pid + "/maps";
        if (dice.chance(0.1)) {
            String tid = pid.equals("self")
                    ? Integer.toString(dice.between(100, 9999))
                    : Integer.toString(Integer.parseInt(pid) + dice.between(0, 20));
            path = "/proc/" + pid + "/task/" + tid + "/maps";
        }
        if (dice.chance(0.15)) {
            path = switch (dice.between(0, 2)) {
                case 0 -> path.toUpperCase(Locale.ROOT);
                case 1 -> path.replace("/proc/", "/Proc/").replace("/maps", "/Maps");
                default -> path.replace("/maps", "/MAPS");
            };
        }
        return path;
    }

    private static ShellCommand.Stage cat(CommandContext context, Dice dice, EventLabel label) {
        String typed = dice.pick("cat", "cat", "cat", "/bin/cat", "/usr/bin/cat");
        List<String> args = new ArrayList<>();
        if (dice.chance(0.05)) {
            args.add("-v");
        }
        args.add(path(context.host(), dice));
        if (dice.chance(0.1)) {
            args.add(path(context.host(), dice));
        }
        ProcessImage image = Programs.runAs(context.os(), "cat", typed, args);
        return ShellCommand.Stage.mapsReader(image, label, dice.chance(0.2));
    }

    private static ShellCommand.Stage grep(CommandContext context, Dice dice, EventLabel label) {
        String typed = dice.pick("grep", "grep", "grep", "/bin/grep");
        List<String> args = new ArrayList<>(dice.pick(GREP_ARGS));
        args.add(path(context.host(), dice));
        return ShellCommand.Stage.mapsReader(Programs.runAs(context.os(), "grep", typed, args), label, false);
    }

    private static ShellCommand pipeline(OsRelease os, Dice dice, ShellCommand.Stage reader) {
        return switch (dice.between(0, 3)) {
            case 0 ->
                ShellCommand.pipeline(
                        reader, ShellCommand.Stage.of(Programs.run(os, "grep", dice.pick("libc", "r-xp", "heap"))));
            case 1 -> ShellCommand.pipeline(reader, ShellCommand.Stage.of(Programs.run(os, "head", "-n", "20")));
            case 2 ->
                ShellCommand.pipeline(
                        reader,
                        ShellCommand.Stage.of(Programs.run(os, "awk", "{print $6}")),
                        ShellCommand.Stage.of(Programs.run(os, "sort", "-u")));
            default -> ShellCommand.pipeline(reader, ShellCommand.Stage.of(Programs.run(os, "wc", "-l")));
        };
    }

    /** Dropped into a script, as tooling tends to be: the read is a child of the script, not of the login shell. */
    private static ShellCommand script(CommandContext context, Dice dice, ShellCommand.Stage reader) {
        OsRelease os = context.os();
        String name = dice.pick("inspect.sh", "mem.sh", "dbg.sh", "check.sh", "x.sh");
        ProcessImage interpreter = ProcessImage.of(ShellKind.bash(os).executable(), "bash", "./" + name);
        List<ShellCommand> lines = List.of(
                BenignCommands.simple(context, dice), ShellCommand.of(reader), BenignCommands.simple(context, dice));
        return ShellCommand.of(ShellCommand.Stage.script(interpreter, lines))
                .in(dice.chance(0.5) ? "/tmp" : context.user().home());
    }
}
