package dev.streamrules.tools.sim;

import java.util.List;

/**
 * Everyday commands. None of them reads a maps file with cat or grep, so background traffic can
 * never match the rule; a test holds every benign event to that.
 */
final class BenignCommands {

    private BenignCommands() {}

    static ShellCommand build(CommandContext context, Dice dice) {
        return switch (context.setting()) {
            case INTERACTIVE_SHELL -> interactive(context, dice);
            case REMOTE_COMMAND -> simple(context, dice);
            case CRON -> cron(context, dice);
            case SERVICE -> service(context, dice);
            case CONTAINER -> container(context, dice);
        };
    }

    private static ShellCommand interactive(CommandContext context, Dice dice) {
        if (!context.host().profile.linux()) {
            return simple(context, dice);
        }
        double form = dice.unit();
        if (form < 0.65) {
            return simple(context, dice);
        }
        if (form < 0.8) {
            return pipeline(context.os(), dice);
        }
        if (form < 0.92) {
            return sudo(context.os(), dice);
        }
        return script(context, dice);
    }

    static ShellCommand simple(CommandContext context, Dice dice) {
        OsRelease os = context.os();
        if (!os.linux()) {
            return ShellCommand.of(mac(os, dice));
        }
        String pid = context.host().interestingPid(dice);
        ProcessImage image = switch (dice.between(0, 44)) {
            case 0 -> Programs.run(os, "ls", "-la");
            case 1 -> Programs.run(os, "ls", "-lh", "/var/log");
            case 2 -> Programs.run(os, "ps", "aux");
            case 3 -> Programs.run(os, "ps", "-ef");
            case 4 -> Programs.run(os, "ps", "-o", "pid,ppid,cmd", "-p", pid);
            case 5 -> Programs.run(os, "top", "-b", "-n", "1");
            case 6 -> Programs.run(os, "htop");
            case 7 -> Programs.run(os, "df", "-h");
            case 8 -> Programs.run(os, "du", "-sh", "/var/log");
            case 9 -> Programs.run(os, "free", "-m");
            case 10 -> Programs.run(os, "uptime");
            case 11 -> Programs.run(os, "w");
            case 12 -> Programs.run(os, "id");
            case 13 -> Programs.run(os, "uname", "-a");
            case 14 -> Programs.run(os, "cat", "/etc/os-release");
            case 15 -> Programs.run(os, "cat", "/etc/hosts");
            case 16 -> Programs.run(os, "cat", "/etc/resolv.conf");
            case 17 -> Programs.run(os, "cat", "/proc/meminfo");
            case 18 -> Programs.run(os, "cat", "/proc/cpuinfo");
            case 19 -> Programs.run(os, "cat", "/proc/loadavg");
            case 20 -> Programs.run(os, "cat", "/proc/" + pid + "/cmdline");
            case 21 -> Programs.run(os, "ls", "-l", "/proc/" + pid + "/fd");
            case 22 -> Programs.run(os, "grep", "-i", "error", os.syslog());
            case 23 -> Programs.run(os, "grep", "-rn", "TODO", ".");
            case 24 -> Programs.run(os, "grep", "MemAvailable", "/proc/meminfo");
            case 25 -> Programs.run(os, "grep", "-c", "processor", "/proc/cpuinfo");
            case 26 -> Programs.run(os, "grep", "PermitRootLogin", "/etc/ssh/sshd_config");
            case 27 -> Programs.run(os, "tail", "-n", "50", os.syslog());
            case 28 -> Programs.run(os, "less", os.authLog());
            case 29 -> Programs.run(os, "vim", "/etc/hosts");
            case 30 -> Programs.run(os, "git", "status");
            case 31 -> Programs.run(os, "git", "log", "--oneline", "-5");
            case 32 ->
                Programs.run(os, "systemctl", "status", dice.pick("nginx", "ssh", "cron", "postgresql", "kubelet"));
            case 33 -> Programs.run(os, "journalctl", "-u", dice.pick("ssh", "nginx", "kubelet"), "--since", "today");
            case 34 -> Programs.run(os, "ss", "-tlnp");
            case 35 -> Programs.run(os, "ip", "addr");
            case 36 -> Programs.run(os, "curl", "-s", "http://localhost:8080/health");
            case 37 -> Programs.run(os, "ping", "-c", "3", "10.0.0.1");
            case 38 -> Programs.run(os, "dig", "+short", "example.com");
            case 39 -> Programs.run(os, "lsof", "-p", pid);
            case 40 -> Programs.run(os, "find", "/tmp", "-type", "f", "-mtime", "+7");
            case 41 -> Programs.run(os, "tar", "czf", "/tmp/etc-backup.tgz", "/etc");
            case 42 -> Programs.run(os, "python3");
            case 43 -> Programs.run(os, "cat", context.user().home() + "/.bashrc");
            default -> Programs.run(os, "date");
        };
        return ShellCommand.of(image);
    }

    private static ProcessImage mac(OsRelease os, Dice dice) {
        return switch (dice.between(0, 17)) {
            case 0 -> Programs.run(os, "ls", "-la");
            case 1 -> Programs.run(os, "ps", "aux");
            case 2 -> Programs.run(os, "top", "-l", "1");
            case 3 -> Programs.run(os, "sw_vers");
            case 4 -> Programs.run(os, "uname", "-a");
            case 5 -> Programs.run(os, "brew", "update");
            case 6 -> Programs.run(os, "git", "status");
            case 7 -> Programs.run(os, "git", "pull");
            case 8 -> Programs.run(os, "cat", "/etc/hosts");
            case 9 -> Programs.run(os, "grep", "-rn", "TODO", ".");
            case 10 -> Programs.run(os, "vim", "notes.md");
            case 11 -> Programs.run(os, "diskutil", "list");
            case 12 -> Programs.run(os, "ifconfig", "en0");
            case 13 -> Programs.run(os, "log", "show", "--last", "5m");
            case 14 -> Programs.run(os, "npm", "install");
            case 15 -> Programs.run(os, "ssh", "web-01");
            case 16 -> Programs.run(os, "python3", "-m", "venv", ".venv");
            default -> Programs.run(os, "df", "-h");
        };
    }

    private static ShellCommand pipeline(OsRelease os, Dice dice) {
        return switch (dice.between(0, 7)) {
            case 0 ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "ps", "aux")),
                        stage(Programs.run(os, "grep", dice.pick("nginx", "python", "postgres", "java"))));
            case 1 ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "ps", "-ef")),
                        stage(Programs.run(os, "grep", "-v", "grep")),
                        stage(Programs.run(os, "grep", "sshd")));
            case 2 ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "cat", os.syslog())),
                        stage(Programs.run(os, "grep", "-i", "fail")),
                        stage(Programs.run(os, "wc", "-l")));
            case 3 ->
                ShellCommand.pipeline(stage(Programs.run(os, "dmesg")), stage(Programs.run(os, "tail", "-n", "20")));
            case 4 ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "ss", "-tlnp")),
                        stage(Programs.run(os, "grep", dice.pick("5432", "443", "22"))));
            case 5 ->
                ShellCommand.pipeline(stage(Programs.run(os, "journalctl", "-xe")), stage(Programs.run(os, "less")));
            case 6 ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "cat", "/proc/meminfo")), stage(Programs.run(os, "head", "-n", "5")));
            default ->
                ShellCommand.pipeline(
                        stage(Programs.run(os, "du", "-sh", "/var/log/journal")),
                        stage(Programs.run(os, "sort", "-h")));
        };
    }

    private static ShellCommand sudo(OsRelease os, Dice dice) {
        ProcessImage image = switch (dice.between(0, 5)) {
            case 0 -> Programs.run(os, "systemctl", "restart", dice.pick("nginx", "cron", "ssh"));
            case 1 -> os.packageUpdate();
            case 2 -> Programs.run(os, "tail", "-n", "100", os.authLog());
            case 3 -> Programs.run(os, "lsof", "-i", ":443");
            case 4 -> Programs.run(os, "journalctl", "-u", "kubelet", "-n", "50");
            default -> Programs.run(os, "cat", "/etc/shadow");
        };
        return ShellCommand.of(image).withSudo();
    }

    private static ShellCommand script(CommandContext context, Dice dice) {
        OsRelease os = context.os();
        String name = dice.pick("deploy.sh", "healthcheck.sh", "rotate-logs.sh", "backup.sh");
        ProcessImage interpreter = ProcessImage.of(ShellKind.bash(os).executable(), "bash", "./" + name);
        List<ShellCommand> lines = List.of(simple(context, dice), simple(context, dice), simple(context, dice));
        return ShellCommand.of(ShellCommand.Stage.script(interpreter, lines))
                .in(context.user().home());
    }

    private static ShellCommand cron(CommandContext context, Dice dice) {
        OsRelease os = context.os();
        return switch (dice.between(0, 6)) {
            case 0 -> ShellCommand.of(Programs.run(os, "logrotate", "/etc/logrotate.conf"));
            case 1 -> ShellCommand.of(Programs.run(os, "run-parts", "--report", "/etc/cron.hourly"));
            case 2 ->
                ShellCommand.of(Programs.run(
                        os,
                        "curl",
                        "-fsS",
                        "-m",
                        "10",
                        "https://hc-ping.example.com/" + context.host().profile.hostName));
            case 3 -> ShellCommand.of(Programs.run(os, "find", "/tmp", "-type", "f", "-mtime", "+3", "-delete"));
            case 4 -> ShellCommand.of(Programs.run(os, "certbot", "renew", "-q"));
            case 5 -> ShellCommand.of(ProcessImage.of("/usr/lib/sysstat/sa1", "/usr/lib/sysstat/sa1", "1", "1"));
            default ->
                ShellCommand.of(ShellCommand.Stage.script(
                        ProcessImage.of(ShellKind.bash(os).executable(), "/bin/bash", "/usr/local/bin/backup.sh"),
                        List.of(
                                ShellCommand.of(Programs.run(os, "tar", "czf", "/var/backups/etc.tgz", "/etc")),
                                ShellCommand.of(
                                        Programs.run(os, "find", "/var/backups", "-mtime", "+14", "-delete")))));
        };
    }

    private static ShellCommand service(CommandContext context, Dice dice) {
        OsRelease os = context.os();
        return switch (dice.between(0, 5)) {
            case 0 -> ShellCommand.of(Programs.run(os, "git", "rev-parse", "HEAD"));
            case 1 ->
                ShellCommand.of(Programs.run(
                        os,
                        "convert",
                        "/tmp/upload-" + dice.between(1000, 9999) + ".png",
                        "-resize",
                        "800x600",
                        "/tmp/thumb.png"));
            case 2 -> ShellCommand.of(Programs.run(os, "df", "-h", "/"));
            case 3 -> ShellCommand.of(Programs.run(os, "uname", "-r"));
            case 4 -> ShellCommand.of(Programs.run(os, "cat", "/proc/self/status"));
            default -> ShellCommand.of(Programs.run(os, "pg_isready", "-q"));
        };
    }

    private static ShellCommand container(CommandContext context, Dice dice) {
        return switch (dice.between(0, 4)) {
            case 0 ->
                ShellCommand.of(ProcessImage.of("/usr/bin/wget", "wget", "-qO-", "http://localhost:8080/healthz"));
            case 1 -> ShellCommand.of(ProcessImage.of("/usr/local/bin/node", "node", "/app/healthcheck.js"));
            case 2 -> ShellCommand.of(ProcessImage.of("/bin/cat", "cat", "/etc/resolv.conf"));
            case 3 -> ShellCommand.of(ProcessImage.of("/bin/ls", "ls", "/app"));
            default -> ShellCommand.of(ProcessImage.of("/bin/date", "date", "+%s"));
        };
    }

    private static ShellCommand.Stage stage(ProcessImage image) {
        return ShellCommand.Stage.of(image);
    }
}
