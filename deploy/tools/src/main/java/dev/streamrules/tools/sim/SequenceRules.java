package dev.streamrules.tools.sim;

/**
 * The sequence rules the simulator plants attacks and near misses for; their TOML files are in
 * {@code deploy/rules/sequences}. The timings here are what the planted gaps are measured against.
 */
public final class SequenceRules {

    /**
     * "Unprivileged Program Became Root Within a Second": {@code sequence by host.id, process.entity_id
     * with maxspan=1s}, an exec from a user-writable folder by a non-root user, then a uid_change to 0.
     */
    public static final String PRIVILEGE_ESCALATION = "411abdd2-c3d9-477a-bca7-f6426c05003a";

    public static final long PRIVILEGE_ESCALATION_MAXSPAN_MILLIS = 1_000;

    /**
     * "Python One-Liner Started an Interactive Shell": {@code sequence by host.id with maxspan=30s},
     * a {@code python3 -c} exec joined by its entity id to the parent entity id of an {@code sh -i} exec,
     * {@code until} the python process ends.
     */
    public static final String PYTHON_INTERACTIVE_SHELL = "8898aba2-5493-4569-90f1-f839be4e07b6";

    public static final long PYTHON_INTERACTIVE_SHELL_MAXSPAN_MILLIS = 30_000;

    private SequenceRules() {}
}
