package dev.streamrules.tools.sim;

import dev.streamrules.tools.sim.HostState.Resident;

/** Chooses what happens next on a host, weighted by what the host is for. */
final class ScenarioPicker {

    private final SessionScenarios scenarios;
    private final SequenceScenarios sequences;
    private final double sequenceAttackRate;
    /** Its own stream of draws, so a run without planted sequences is the run it was before they existed. */
    private final Dice sequenceDice;

    ScenarioPicker(
            SessionScenarios scenarios, SequenceScenarios sequences, double sequenceAttackRate, Dice sequenceDice) {
        this.scenarios = scenarios;
        this.sequences = sequences;
        this.sequenceAttackRate = sequenceAttackRate;
        this.sequenceDice = sequenceDice;
    }

    ProcessScript next(HostState host, Dice dice) {
        if (!host.isBooted()) {
            return BootScenario.boot(host);
        }
        if (host.profile.linux()) {
            // One draw: below the rate a sequence attack, in the next band of the same width a near miss.
            double roll = sequenceDice.unit();
            if (roll < 2 * sequenceAttackRate) {
                return sequences.plant(host, dice, roll < sequenceAttackRate);
            }
        }
        int roll = dice.between(1, 100);
        return switch (host.profile.role) {
            case WEB ->
                roll <= 30
                        ? scenarios.sshLogin(host, dice)
                        : roll <= 38
                                ? scenarios.sshRemoteCommand(host, dice)
                                : roll <= 58
                                        ? scenarios.cronJob(host, dice)
                                        : roll <= 83
                                                ? scenarios.serviceChild(host, dice, Resident.APP)
                                                : roll <= 97
                                                        ? scenarios.workerFork(host, Resident.NGINX)
                                                        : scenarios.consoleLogin(host, dice);
            case DATABASE ->
                roll <= 30
                        ? scenarios.sshLogin(host, dice)
                        : roll <= 38
                                ? scenarios.sshRemoteCommand(host, dice)
                                : roll <= 58
                                        ? scenarios.cronJob(host, dice)
                                        : roll <= 68
                                                ? scenarios.serviceChild(host, dice, Resident.POSTGRES)
                                                : roll <= 97
                                                        ? scenarios.workerFork(host, Resident.POSTGRES)
                                                        : scenarios.consoleLogin(host, dice);
            case KUBERNETES_NODE ->
                roll <= 25
                        ? scenarios.sshLogin(host, dice)
                        : roll <= 33
                                ? scenarios.sshRemoteCommand(host, dice)
                                : roll <= 50
                                        ? scenarios.cronJob(host, dice)
                                        : roll <= 82 ? scenarios.pod(host, dice) : scenarios.kubectlExec(host, dice);
            case WORKSTATION ->
                roll <= 65
                        ? scenarios.terminalSession(host, dice)
                        : roll <= 75
                                ? scenarios.sshLogin(host, dice)
                                : roll <= 92 ? scenarios.cronJob(host, dice) : scenarios.consoleLogin(host, dice);
            case MAC_LAPTOP -> roll <= 80 ? scenarios.terminalSession(host, dice) : scenarios.sshLogin(host, dice);
        };
    }
}
