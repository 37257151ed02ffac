package dev.streamrules.udfs.rule;

import java.io.Serializable;
import java.util.Objects;

/** One MITRE ATT&CK mapping of a rule: a tactic and one of its techniques. */
public final class Threat implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String FRAMEWORK = "MITRE ATT&CK";

    private final String tacticId;
    private final String tacticName;
    private final String techniqueId;
    private final String techniqueName;

    public Threat(String tacticId, String tacticName, String techniqueId, String techniqueName) {
        this.tacticId = Objects.requireNonNull(tacticId, "tacticId");
        this.tacticName = Objects.requireNonNull(tacticName, "tacticName");
        this.techniqueId = Objects.requireNonNull(techniqueId, "techniqueId");
        this.techniqueName = Objects.requireNonNull(techniqueName, "techniqueName");
    }

    public String tacticId() {
        return tacticId;
    }

    public String tacticName() {
        return tacticName;
    }

    public String tacticReference() {
        return "https://attack.mitre.org/tactics/" + tacticId + "/";
    }

    public String techniqueId() {
        return techniqueId;
    }

    public String techniqueName() {
        return techniqueName;
    }

    public String techniqueReference() {
        return "https://attack.mitre.org/techniques/" + techniqueId.replace('.', '/') + "/";
    }
}
