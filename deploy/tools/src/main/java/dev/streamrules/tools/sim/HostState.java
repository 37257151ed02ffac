package dev.streamrules.tools.sim;

import java.util.EnumMap;
import java.util.Map;

/** A host while the simulation runs: its pid counter, terminals and long-lived processes. */
final class HostState {

    /** Long-lived processes that sessions hang off. */
    enum Resident {
        INIT,
        SSHD,
        CRON,
        NGINX,
        APP,
        POSTGRES,
        CONTAINERD,
        TERMINAL_SERVER
    }

    private static final int PID_MAX = 4_194_304;

    final HostProfile profile;
    private final Map<Resident, ProcRef> residents = new EnumMap<>(Resident.class);
    private int lastPid;
    private int nextPts;
    private boolean booted;

    HostState(HostProfile profile, Dice dice) {
        this.profile = profile;
        this.lastPid = dice.between(200, 900);
    }

    /** Linux hands out pids in increasing order with gaps from threads and short-lived helpers. */
    int nextPid(Dice dice) {
        lastPid += dice.between(1, 12);
        if (lastPid >= PID_MAX) {
            lastPid = 300;
        }
        return lastPid;
    }

    Tty nextPseudoTerminal() {
        return Tty.pts(nextPts++ % 64);
    }

    void register(Resident resident, ProcRef process) {
        residents.put(resident, process);
    }

    ProcRef resident(Resident resident) {
        ProcRef ref = residents.get(resident);
        if (ref == null) {
            throw new IllegalStateException(profile.hostName + " has no " + resident);
        }
        return ref;
    }

    /** A pid worth peeking at: a running service if there is one, otherwise something plausible. */
    String interestingPid(Dice dice) {
        Resident[] candidates = {
            Resident.SSHD,
            Resident.NGINX,
            Resident.APP,
            Resident.POSTGRES,
            Resident.CONTAINERD,
            Resident.CRON,
            Resident.TERMINAL_SERVER
        };
        Resident pick = dice.pick(candidates);
        ProcRef ref = residents.get(pick);
        if (ref != null && ref.exists() && dice.chance(0.7)) {
            return Integer.toString(ref.node().pid);
        }
        return Integer.toString(dice.between(2, Math.max(3, lastPid)));
    }

    boolean isBooted() {
        return booted;
    }

    void markBooted() {
        booted = true;
    }

    String hostId() {
        return profile.hostId;
    }
}
