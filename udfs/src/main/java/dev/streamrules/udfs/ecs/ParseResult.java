package dev.streamrules.udfs.ecs;

/** Either an event or the dead letter explaining why the record is not one. */
public final class ParseResult {

    private final EcsEvent event;
    private final DeadLetter deadLetter;

    private ParseResult(EcsEvent event, DeadLetter deadLetter) {
        this.event = event;
        this.deadLetter = deadLetter;
    }

    static ParseResult valid(EcsEvent event) {
        return new ParseResult(event, null);
    }

    public static ParseResult dead(RawRecord record, String reason) {
        return new ParseResult(null, DeadLetter.of(record, reason));
    }

    public boolean isValid() {
        return event != null;
    }

    /** The event; only when {@link #isValid()}. */
    public EcsEvent event() {
        if (event == null) {
            throw new IllegalStateException("not an event: " + deadLetter.getReason());
        }
        return event;
    }

    /** The dead letter; only when not {@link #isValid()}. */
    public DeadLetter deadLetter() {
        if (deadLetter == null) {
            throw new IllegalStateException("record parsed as a valid event");
        }
        return deadLetter;
    }

    @Override
    public String toString() {
        return isValid() ? "valid " + event : "dead " + deadLetter.getReason();
    }
}
