package dev.streamrules.tools.sim;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A session written out in advance as process steps (fork, exec, end) and played one event at a
 * time, so that many sessions on many hosts interleave the way a fleet's events do. Planning up
 * front keeps each scenario readable top to bottom; {@link ProcRef}s name processes that the script
 * will fork later.
 */
final class ProcessScript {

    /** One step; returns the event it causes, or {@code null} for bookkeeping that the sensor would not see. */
    interface Step {
        ProcessEvent run(HostState host, long nowNanos, Dice dice);
    }

    /** A step with when it must happen (0: whenever the fleet gets to it) and its sequence mark, if any. */
    private record Planned(Step step, long delayNanos, SequenceMark mark) {}

    private final ArrayDeque<Planned> steps = new ArrayDeque<>();
    private long nextDelayNanos;
    private SequenceMark nextMark;

    boolean isDone() {
        return steps.isEmpty();
    }

    /** Plays steps until one yields an event; {@code null} when the script ran out first. */
    ProcessEvent next(HostState host, long nowNanos, Dice dice) {
        while (!steps.isEmpty()) {
            Planned planned = steps.poll();
            ProcessEvent event = planned.step().run(host, nowNanos, dice);
            if (event != null) {
                return planned.mark() == null ? event : event.marked(planned.mark());
            }
        }
        return null;
    }

    /**
     * How long after this script's previous event its next step must happen, or 0 when it just waits
     * its turn among the fleet's sessions. Planted sequences need exact gaps (maxspan is 1 s).
     */
    long nextDelayNanos() {
        Planned head = steps.peek();
        return head == null ? 0 : head.delayNanos();
    }

    /** The next step happens exactly {@code millis} after the script's previous event. */
    ProcessScript after(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("a timed step comes after its predecessor, got " + millis + " ms");
        }
        nextDelayNanos = millis * 1_000_000L;
        return this;
    }

    /** The next step's event belongs to a planted sequence. */
    ProcessScript marked(SequenceMark mark) {
        nextMark = mark;
        return this;
    }

    private <S extends Step> S add(S step) {
        steps.add(new Planned(step, nextDelayNanos, nextMark));
        nextDelayNanos = 0;
        nextMark = null;
        return step;
    }

    /** pid 1 comes from the kernel, not from a fork: its exec is the first thing a host reports. */
    ProcRef init(ProcessImage image) {
        ProcRef ref = new ProcRef();
        add((host, now, dice) -> {
            ref.bind(ProcessNode.init(host.profile.agentId, now, image, host.profile.root));
            return new ProcessEvent(ProcessAction.EXEC, ref.node(), EventLabel.BACKGROUND, 0);
        });
        return ref;
    }

    ForkStep fork(ProcRef parent) {
        return add(new ForkStep(parent));
    }

    ExecStep exec(ProcRef process, ProcessImage image) {
        return add(new ExecStep(process, image));
    }

    void end(ProcRef process) {
        end(process, EventLabel.BACKGROUND);
    }

    void end(ProcRef process, EventLabel label) {
        add((host, now, dice) -> {
            // Mostly clean exits; the odd failure and Ctrl-C keep exit_code from being constant.
            int exitCode = dice.chance(0.06) ? dice.pick(1, 2, 130) : 0;
            return new ProcessEvent(ProcessAction.END, process.node(), label, exitCode);
        });
    }

    /** A shell builtin such as {@code cd}: changes state, emits nothing. */
    void chdir(ProcRef process, String directory) {
        add((host, now, dice) -> {
            process.node().workingDirectory = directory;
            return null;
        });
    }

    /** The process becomes {@code account} (setuid and friends); Defend reports the new user. */
    void uidChange(ProcRef process, UserAccount account) {
        add((host, now, dice) -> {
            process.node().user = account;
            return new ProcessEvent(ProcessAction.UID_CHANGE, process.node(), EventLabel.BACKGROUND, 0);
        });
    }

    void then(Consumer<HostState> action) {
        add((host, now, dice) -> {
            action.accept(host);
            return null;
        });
    }

    /** A fork; options are set while the script is being written and take effect when it plays. */
    static final class ForkStep implements Step {
        private final ProcRef parent;
        private final ProcRef child = new ProcRef();
        private ProcRef groupOf;
        private boolean ownGroup;
        private boolean leadsItsSession;
        private String workingDirectory;
        private EventLabel label = EventLabel.BACKGROUND;

        private ForkStep(ProcRef parent) {
            this.parent = parent;
        }

        /** A job started by an interactive shell gets its own process group. */
        ForkStep ownGroup() {
            ownGroup = true;
            return this;
        }

        /** Later members of a pipeline join the group of the first. */
        ForkStep inGroupOf(ProcRef leader) {
            groupOf = leader;
            return this;
        }

        /** The child is going to exec as the entry leader of a new session. */
        ForkStep leadsItsSession() {
            leadsItsSession = true;
            return this;
        }

        ForkStep workingDirectory(String directory) {
            workingDirectory = directory;
            return this;
        }

        ForkStep label(EventLabel eventLabel) {
            label = eventLabel;
            return this;
        }

        ProcRef child() {
            return child;
        }

        @Override
        public ProcessEvent run(HostState host, long now, Dice dice) {
            ProcessNode node = parent.node().fork(host.profile.agentId, host.nextPid(dice), now);
            if (workingDirectory != null) {
                node.workingDirectory = workingDirectory;
            }
            if (ownGroup) {
                node.groupLeader = node;
            } else if (groupOf != null) {
                node.groupLeader = groupOf.node();
            }
            node.leadsItsSession = leadsItsSession;
            child.bind(node);
            return new ProcessEvent(ProcessAction.FORK, node, label, 0);
        }
    }

    /** An exec: same process, new image, possibly a new user or a new session. */
    static final class ExecStep implements Step {
        private final ProcRef process;
        private final ProcessImage image;
        private UserAccount user;
        private String workingDirectory;
        private String entryType;
        private boolean interactive;
        private Tty tty;
        private EventLabel label = EventLabel.BACKGROUND;

        private ExecStep(ProcRef process, ProcessImage image) {
            this.process = process;
            this.image = image;
        }

        ExecStep as(UserAccount account) {
            user = account;
            return this;
        }

        ExecStep workingDirectory(String directory) {
            workingDirectory = directory;
            return this;
        }

        /** The process starts a session of its own: init services, logins, container runtimes. */
        ExecStep entryLeader(String type, boolean isInteractive, Tty terminal) {
            entryType = type;
            interactive = isInteractive;
            tty = terminal;
            return this;
        }

        /** Interactive on a terminal without leading the session (a shell started by kubectl exec). */
        ExecStep terminal(Tty terminal) {
            interactive = true;
            tty = terminal;
            return this;
        }

        ExecStep label(EventLabel eventLabel) {
            label = eventLabel;
            return this;
        }

        @Override
        public ProcessEvent run(HostState host, long now, Dice dice) {
            ProcessNode node = process.node();
            node.image = image;
            if (user != null) {
                node.user = user;
            }
            if (workingDirectory != null) {
                node.workingDirectory = workingDirectory;
            }
            if (entryType != null) {
                node.becomeEntryLeader(entryType, interactive, tty);
            } else if (tty != null) {
                node.interactive = true;
                node.tty = tty;
            }
            return new ProcessEvent(ProcessAction.EXEC, node, label, 0);
        }
    }
}
