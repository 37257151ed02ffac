package dev.streamrules.tools.sim;

/** Marks an event as part of a planted sequence; {@code last} on the event that completes it. */
record SequenceMark(SequencePlant plant, boolean last) {}
