package dev.streamrules.tools.sim;

/** What the simulator built an event to be: the ground truth a detection job is scored against. */
public enum EventLabel {
    /** Ordinary fleet activity; must never alert. */
    BACKGROUND,
    /** A cat or grep reading /proc/&lt;pid&gt;/maps from an interactive shell session on Linux: must alert. */
    ATTACK,
    /** Resembles an attack in one or more fields but must not alert. */
    NEAR_MISS
}
