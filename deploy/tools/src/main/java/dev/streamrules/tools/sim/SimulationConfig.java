package dev.streamrules.tools.sim;

import java.time.Instant;

/** Validated settings of one simulation; see {@link FleetSimulator.Builder} for what each means. */
record SimulationConfig(
        int hosts,
        long events,
        long seed,
        double attackRate,
        double nearMissRate,
        double dottedKeyRate,
        boolean stripEntryLeaders,
        double outOfOrderRate,
        Instant start,
        double eventsPerSecond,
        double sequenceAttackRate) {

    long startNanos() {
        return Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano());
    }
}
