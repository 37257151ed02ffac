package dev.streamrules.job.preflight;

import java.util.Objects;

/** One thing that would stop the job, as one line: the option, what is wrong, and the fix. */
public final class Problem {

    private final String option;
    private final String what;
    private final String fix;

    public Problem(String option, String what, String fix) {
        this.option = Objects.requireNonNull(option, "option");
        this.what = Objects.requireNonNull(what, "what");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    public String option() {
        return option;
    }

    /** {@code --kafka.alerts-topic streamrules-alerts: no such topic; fix: create it or pass --kafka.create-topics}. */
    public String line() {
        return "--" + option + ": " + what.replace('\n', ' ') + "; fix: " + fix;
    }

    @Override
    public String toString() {
        return line();
    }
}
