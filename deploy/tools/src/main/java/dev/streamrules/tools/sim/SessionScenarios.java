package dev.streamrules.tools.sim;

import dev.streamrules.tools.sim.HostState.Resident;

/**
 * The ways processes come to exist on a host after the boot ({@link BootScenario}), each written as a
 * {@link ProcessScript}: logins (ssh, terminal, console), remote commands, cron jobs, service children and containers.
 */
final class SessionScenarios {

    private final CommandCatalog commands;

    SessionScenarios(CommandCatalog commands) {
        this.commands = commands;
    }

    /** sshd forks a session process, which forks the user's login shell: the entry leader, type sshd. */
    ProcessScript sshLogin(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        UserAccount user = host.profile.someone(dice);
        ProcRef session = s.fork(host.resident(Resident.SSHD)).child();
        ProcRef shell = s.fork(session).leadsItsSession().child();
        s.exec(shell, user.shell().loginImage())
                .as(user)
                .workingDirectory(user.home())
                .entryLeader("sshd", true, host.nextPseudoTerminal());
        interactiveCommands(
                s,
                host,
                dice,
                shell,
                CommandContext.interactive(host, user, user.shell().interactiveShell()));
        s.end(shell);
        s.end(session);
        return s;
    }

    /** A terminal emulator's shell: entry leader of type terminal. */
    ProcessScript terminalSession(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        ProcRef terminal = host.resident(Resident.TERMINAL_SERVER);
        UserAccount user = host.profile.humans.get(0);
        ProcRef shell = s.fork(terminal).leadsItsSession().child();
        s.exec(shell, user.shell().plainImage())
                .as(user)
                .workingDirectory(user.home())
                .entryLeader("terminal", true, host.nextPseudoTerminal());
        interactiveCommands(
                s,
                host,
                dice,
                shell,
                CommandContext.interactive(host, user, user.shell().interactiveShell()));
        s.end(shell);
        return s;
    }

    /** getty becomes login, which starts the shell on a virtual console: entry leader of type console. */
    ProcessScript consoleLogin(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        UserAccount user = host.profile.someone(dice);
        int console = dice.between(1, 6);
        ProcRef getty = s.fork(host.resident(Resident.INIT)).leadsItsSession().child();
        s.exec(
                        getty,
                        ProcessImage.of(
                                "/usr/sbin/agetty",
                                "/sbin/agetty",
                                "-o",
                                "-p -- \\u",
                                "--noclear",
                                "tty" + console,
                                "linux"))
                .entryLeader("init", false, null)
                .workingDirectory("/");
        s.exec(getty, ProcessImage.of("/usr/bin/login", "/bin/login", "-p", "--"));
        ProcRef shell = s.fork(getty).leadsItsSession().child();
        s.exec(shell, user.shell().loginImage())
                .as(user)
                .workingDirectory(user.home())
                .entryLeader("console", true, Tty.console(console));
        interactiveCommands(
                s,
                host,
                dice,
                shell,
                CommandContext.interactive(host, user, user.shell().interactiveShell()));
        s.end(shell);
        s.end(getty);
        return s;
    }

    /** {@code ssh host 'command'}: a shell leads the session but nobody is at a terminal. */
    ProcessScript sshRemoteCommand(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        UserAccount user = host.profile.someone(dice);
        CommandContext context = CommandContext.remote(host, user, user.shell().interactiveShell());
        ShellCommand command = commands.next(context, dice);
        ProcRef session = s.fork(host.resident(Resident.SSHD)).child();
        ProcRef shell = s.fork(session).leadsItsSession().child();
        s.exec(shell, user.shell().commandImage(command.commandLine()))
                .as(user)
                .workingDirectory(user.home())
                .entryLeader("sshd", false, null);
        CommandRunner.run(s, shell, command, false, host.profile.root);
        s.end(shell);
        s.end(session);
        return s;
    }

    /** cron forks a child that runs the job through {@code sh -c}; the entry leader stays cron. */
    ProcessScript cronJob(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        UserAccount user = dice.chance(0.6) ? host.profile.root : host.profile.someone(dice);
        ShellCommand command = commands.next(CommandContext.unattended(host, user, CommandContext.Setting.CRON), dice);
        ProcRef job = s.fork(host.resident(Resident.CRON)).child();
        s.exec(job, host.profile.os.sh().commandImage(command.commandLine()))
                .as(user)
                .workingDirectory(user.home());
        CommandRunner.run(s, job, command, false, host.profile.root);
        s.end(job);
        return s;
    }

    /** A service runs a helper program, directly or through a shell. */
    ProcessScript serviceChild(HostState host, Dice dice, Resident service) {
        ProcessScript s = new ProcessScript();
        ProcRef parent = host.resident(service);
        CommandContext context =
                CommandContext.unattended(host, host.profile.serviceUser, CommandContext.Setting.SERVICE);
        ShellCommand command = commands.next(context, dice);
        if (dice.chance(0.5)) {
            ProcRef sh = s.fork(parent).child();
            s.exec(sh, host.profile.os.sh().commandImage(command.commandLine()));
            CommandRunner.run(s, sh, command, false, host.profile.root);
            s.end(sh);
        } else {
            CommandRunner.run(s, parent, command, false, host.profile.root);
        }
        return s;
    }

    /** Pre-forked workers (nginx, postgres backends) come and go without ever calling exec. */
    ProcessScript workerFork(HostState host, Resident service) {
        ProcessScript s = new ProcessScript();
        ProcRef worker = s.fork(host.resident(service)).child();
        s.end(worker);
        return s;
    }

    /** containerd starts a shim, runc leads the container's session, the workload runs under it. */
    ProcessScript pod(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        String id = dice.hex(64);
        Container container = containerRuntime(
                s, host, id, ProcessImage.of("/usr/bin/runc", "runc", "--root", "/run/containerd/runc/k8s.io", "init"));
        UserAccount user = dice.chance(0.5) ? host.profile.root : UserAccount.service("app", 10001, "/app");
        ProcRef workload = s.fork(container.runtime()).child();
        s.exec(
                        workload,
                        dice.pick(
                                ProcessImage.of("/usr/local/bin/node", "node", "server.js"),
                                ProcessImage.of("/opt/java/openjdk/bin/java", "java", "-jar", "/app/app.jar"),
                                ProcessImage.of(
                                        "/usr/local/bin/python3",
                                        "python3",
                                        "-m",
                                        "gunicorn",
                                        "app:app",
                                        "-b",
                                        "0.0.0.0:8080"),
                                ProcessImage.of("/usr/local/bin/envoy", "envoy", "-c", "/etc/envoy/envoy.yaml")))
                .as(user)
                .workingDirectory("/app");
        CommandContext context = CommandContext.unattended(host, user, CommandContext.Setting.CONTAINER);
        for (int i = dice.between(1, 4); i > 0; i--) {
            CommandRunner.run(s, workload, commands.next(context, dice), false, host.profile.root);
        }
        s.end(workload);
        s.end(container.runtime());
        s.end(container.shim());
        return s;
    }

    /** {@code kubectl exec -it}: an interactive shell inside a container, but runc leads the session. */
    ProcessScript kubectlExec(HostState host, Dice dice) {
        ProcessScript s = new ProcessScript();
        String id = dice.hex(64);
        Container container = containerRuntime(
                s,
                host,
                id,
                ProcessImage.of("/usr/bin/runc", "runc", "--root", "/run/containerd/runc/k8s.io", "exec", "--tty", id));
        ProcRef shell = s.fork(container.runtime()).child();
        s.exec(shell, dice.chance(0.5) ? ProcessImage.of("/bin/sh", "sh") : ProcessImage.of("/bin/bash", "bash"))
                .as(host.profile.root)
                .workingDirectory("/")
                .terminal(host.nextPseudoTerminal());
        interactiveCommands(s, host, dice, shell, CommandContext.interactive(host, host.profile.root, false));
        s.end(shell);
        s.end(container.runtime());
        s.end(container.shim());
        return s;
    }

    private record Container(ProcRef shim, ProcRef runtime) {}

    private static Container containerRuntime(ProcessScript s, HostState host, String id, ProcessImage runtime) {
        ProcRef shim = s.fork(host.resident(Resident.CONTAINERD)).child();
        s.exec(
                shim,
                ProcessImage.of(
                        "/usr/bin/containerd-shim-runc-v2",
                        "/usr/bin/containerd-shim-runc-v2",
                        "-namespace",
                        "k8s.io",
                        "-id",
                        id,
                        "-address",
                        "/run/containerd/containerd.sock"));
        ProcRef runc = s.fork(shim).leadsItsSession().child();
        s.exec(runc, runtime).workingDirectory("/").entryLeader("kubelet", false, null);
        return new Container(shim, runc);
    }

    private void interactiveCommands(
            ProcessScript s, HostState host, Dice dice, ProcRef shell, CommandContext context) {
        for (int i = dice.between(2, 10); i > 0; i--) {
            if (dice.chance(0.2)) {
                s.chdir(shell, dice.pick(context.user().home(), "/tmp", "/var/log", "/etc", "/opt/app"));
            }
            CommandRunner.run(s, shell, commands.next(context, dice), true, host.profile.root);
        }
    }
}
