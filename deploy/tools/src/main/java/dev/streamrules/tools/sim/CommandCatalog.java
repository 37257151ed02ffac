package dev.streamrules.tools.sim;

/** Decides, command by command, between background work, an attack and a near miss. */
final class CommandCatalog {

    private final double attackRate;
    private final double nearMissRate;

    CommandCatalog(double attackRate, double nearMissRate) {
        this.attackRate = attackRate;
        this.nearMissRate = nearMissRate;
    }

    ShellCommand next(CommandContext context, Dice dice) {
        double roll = dice.unit();
        if (roll < attackRate) {
            if (context.attacksPossible()) {
                return MapsReads.build(context, dice, EventLabel.ATTACK);
            }
            // The same intent where it cannot alert: a maps read if that is harmless here, else a lookalike.
            return context.mapsReadsHarmless()
                    ? MapsReads.build(context, dice, EventLabel.NEAR_MISS)
                    : NearMisses.build(context, dice);
        }
        if (roll < attackRate + nearMissRate) {
            return context.mapsReadsHarmless() && dice.chance(0.5)
                    ? MapsReads.build(context, dice, EventLabel.NEAR_MISS)
                    : NearMisses.build(context, dice);
        }
        return BenignCommands.build(context, dice);
    }
}
