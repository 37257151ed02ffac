package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.rule.Threat;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code [[rule.threat]]} tables: tactic, techniques and their subtechniques. */
final class ThreatFields {

    private ThreatFields() {}

    /** The threats, skipping (with a problem recorded) any that is incomplete. */
    static List<Threat> read(LocatedFields fields) {
        List<Threat> threats = new ArrayList<>();
        int n = fields.count("rule.threat");
        for (int i = 0; i < n; i++) {
            String path = "rule.threat[" + i + "]";
            int before = fields.problems().size();
            String framework = fields.string(path + ".framework", true);
            String tacticId = fields.string(path + ".tactic.id", true);
            String tacticName = fields.string(path + ".tactic.name", true);
            String tacticReference = fields.string(path + ".tactic.reference", false);
            List<Threat.Technique> techniques = techniques(fields, path + ".technique", true);
            if (fields.problems().size() == before) {
                Threat.Tactic tactic = tacticReference == null
                        ? Threat.Tactic.of(tacticId, tacticName)
                        : new Threat.Tactic(tacticId, tacticName, tacticReference);
                threats.add(new Threat(framework, tactic, techniques));
            }
        }
        return threats;
    }

    private static List<Threat.Technique> techniques(
            LocatedFields fields, String arrayPath, boolean withSubtechniques) {
        List<Threat.Technique> out = new ArrayList<>();
        int n = fields.count(arrayPath);
        for (int i = 0; i < n; i++) {
            String path = arrayPath + "[" + i + "]";
            String id = fields.string(path + ".id", true);
            String name = fields.string(path + ".name", true);
            String reference = fields.string(path + ".reference", false);
            List<Threat.Technique> subtechniques =
                    withSubtechniques ? techniques(fields, path + ".subtechnique", false) : List.of();
            if (id != null && name != null) {
                out.add(new Threat.Technique(
                        id, name, reference != null ? reference : Threat.Technique.referenceOf(id), subtechniques));
            }
        }
        return out;
    }
}
