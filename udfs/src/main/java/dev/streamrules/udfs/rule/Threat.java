package dev.streamrules.udfs.rule;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One MITRE ATT&CK mapping of a rule, as detection-rules writes it in {@code [[rule.threat]]}: a
 * tactic and any number of its techniques, each with any number of subtechniques.
 */
public final class Threat implements Serializable {

    private static final long serialVersionUID = 2L;

    public static final String FRAMEWORK = "MITRE ATT&CK";

    private final String framework;
    private final Tactic tactic;
    private final List<Technique> techniques;

    public Threat(String framework, Tactic tactic, List<Technique> techniques) {
        this.framework = Objects.requireNonNull(framework, "framework");
        this.tactic = Objects.requireNonNull(tactic, "tactic");
        this.techniques = List.copyOf(techniques);
    }

    /** The common case: one tactic and one technique, references derived from the ids. */
    public Threat(String tacticId, String tacticName, String techniqueId, String techniqueName) {
        this(FRAMEWORK, Tactic.of(tacticId, tacticName), List.of(Technique.of(techniqueId, techniqueName)));
    }

    public String framework() {
        return framework;
    }

    public Tactic tactic() {
        return tactic;
    }

    public List<Technique> techniques() {
        return techniques;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Threat t
                && framework.equals(t.framework)
                && tactic.equals(t.tactic)
                && techniques.equals(t.techniques);
    }

    @Override
    public int hashCode() {
        return Objects.hash(framework, tactic, techniques);
    }

    @Override
    public String toString() {
        return framework + " " + tactic + " " + techniques;
    }

    /** A tactic such as {@code TA0007 Discovery}. */
    public record Tactic(String id, String name, String reference) implements Serializable {

        public Tactic {
            Objects.requireNonNull(id, "tactic id");
            Objects.requireNonNull(name, "tactic name");
            Objects.requireNonNull(reference, "tactic reference");
        }

        public static Tactic of(String id, String name) {
            return new Tactic(id, name, "https://attack.mitre.org/tactics/" + id + "/");
        }

        @Override
        public String toString() {
            return id + " " + name;
        }
    }

    /** A technique ({@code T1057}) or a subtechnique ({@code T1003.007}, no subtechniques of its own). */
    public record Technique(String id, String name, String reference, List<Technique> subtechniques)
            implements Serializable {

        public Technique {
            Objects.requireNonNull(id, "technique id");
            Objects.requireNonNull(name, "technique name");
            Objects.requireNonNull(reference, "technique reference");
            subtechniques = List.copyOf(subtechniques);
        }

        public static Technique of(String id, String name) {
            return new Technique(id, name, referenceOf(id), List.of());
        }

        /** ATT&CK's page of a technique id: {@code T1003.007} lives at {@code .../techniques/T1003/007/}. */
        public static String referenceOf(String id) {
            return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
        }

        @Override
        public String toString() {
            return id + " " + name + (subtechniques.isEmpty() ? "" : " " + subtechniques);
        }
    }
}
