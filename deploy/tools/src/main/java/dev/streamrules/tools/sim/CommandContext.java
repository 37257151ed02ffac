package dev.streamrules.tools.sim;

/**
 * Where a command runs, which decides both what is plausible there and what a maps read means:
 * only on Linux, in an interactive session whose entry leader is one of the listed shells, is it
 * an attack; where the entry leader is a listed shell but the session is not interactive, a maps
 * read would still alert, so the simulator never puts one there.
 */
record CommandContext(
        HostState host, UserAccount user, Setting setting, boolean attacksPossible, boolean mapsReadsHarmless) {

    enum Setting {
        INTERACTIVE_SHELL,
        REMOTE_COMMAND,
        CRON,
        SERVICE,
        CONTAINER
    }

    static CommandContext interactive(HostState host, UserAccount user, boolean ledByListedShell) {
        boolean attack = host.profile.linux() && ledByListedShell;
        return new CommandContext(host, user, Setting.INTERACTIVE_SHELL, attack, !attack);
    }

    static CommandContext remote(HostState host, UserAccount user, boolean ledByListedShell) {
        boolean wouldAlert = host.profile.linux() && ledByListedShell;
        return new CommandContext(host, user, Setting.REMOTE_COMMAND, false, !wouldAlert);
    }

    /** Cron jobs, service children, container workloads: entry leaders that are not shells. */
    static CommandContext unattended(HostState host, UserAccount user, Setting setting) {
        return new CommandContext(host, user, setting, false, true);
    }

    OsRelease os() {
        return host.profile.os;
    }
}
