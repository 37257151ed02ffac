package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.udfs.ecs.EcsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTreeEnricherTest {

    private static final String H = "host-a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final ProcessTree tree = new ProcessTree(store, ProcessTreeSettings.defaults(), TreeMetrics.NONE);
    private final ProcessTreeEnricher enricher = new ProcessTreeEnricher();

    private EcsEvent enrich(EcsEvent e, long waited) {
        tree.learn(e, 1);
        return enricher.enrich(e, tree.resolve(e), waited);
    }

    private static JsonNode tree(EcsEvent e) throws Exception {
        return JSON.readTree(e.getEnrichment()).get("process_tree");
    }

    @Test
    void stateResolutionSetsRuleFieldsAndFillsTheParent() throws Exception {
        enrich(
                exec(H, "bash-1", "sshd-1", "bash", "-bash")
                        .pid(100)
                        .ownEntryLeader("sshd")
                        .start(Instant.parse("2024-05-01T09:00:00Z"))
                        .event(),
                -1);
        EcsEvent cat =
                enrich(exec(H, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps").event(), 1500);

        assertThat(cat.values("process.entry_leader.name")).containsExactly("bash");
        assertThat(cat.values("process.entry_leader.entity_id")).containsExactly("bash-1");
        assertThat(cat.values("process.entry_leader.entry_meta.type")).containsExactly("sshd");
        assertThat(cat.values("process.parent.name")).containsExactly("bash");
        assertThat(cat.values("process.parent.pid")).containsExactly("100");
        assertThat(cat.values("process.parent.args")).containsExactly("-bash");
        assertThat(cat.getDocument()).as("the source document is untouched").doesNotContain("entry_leader");

        JsonNode t = tree(cat);
        assertThat(t.at("/entry_leader/source").asText()).isEqualTo("state");
        assertThat(t.at("/entry_leader/name").asText()).isEqualTo("bash");
        assertThat(t.at("/entry_leader/pid").asLong()).isEqualTo(100);
        assertThat(t.at("/entry_leader/entry_meta/type").asText()).isEqualTo("sshd");
        assertThat(t.at("/ancestry/0/entity_id").asText()).isEqualTo("bash-1");
        assertThat(t.at("/ancestry/0/args/0").asText()).isEqualTo("-bash");
        assertThat(t.at("/ancestry/0/start").asText()).isEqualTo("2024-05-01T09:00:00Z");
        assertThat(t.at("/ancestry/1/entity_id").asText()).isEqualTo("sshd-1");
        assertThat(t.at("/waited_ms").asLong()).isEqualTo(1500);
        assertThat(t.has("unresolved_reason")).isFalse();
    }

    @Test
    void everyLeaderAndParentFieldARuleMayReadIsFilledAndListed() throws Exception {
        enrich(
                exec(H, "bash-1", "sshd-1", "bash", "-bash")
                        .pid(100)
                        .ownEntryLeader("sshd")
                        .event(),
                -1);
        EcsEvent cat =
                enrich(exec(H, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps").event(), -1);

        assertThat(cat.values("process.entry_leader.pid")).containsExactly("100");
        assertThat(cat.values("process.parent.entity_id")).containsExactly("bash-1");
        assertThat(cat.values("process.parent.args_count")).containsExactly("1");
        List<String> filled = new ArrayList<>();
        tree(cat).get("filled_fields").forEach(f -> filled.add(f.asText()));
        assertThat(filled)
                .contains("process.entry_leader.name", "process.parent.name", "process.parent.args")
                .doesNotContain("process.name", "process.parent.entity_id");
    }

    @Test
    void inlineLeaderIsNeverOverwritten() throws Exception {
        enrich(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd").event(), -1);
        EcsEvent e = enrich(
                exec(H, "cat-1", null, "cat")
                        .parent("bash-1", 55, "dash")
                        .entryLeader("zsh-9", "zsh", "terminal")
                        .event(),
                -1);
        assertThat(e.values("process.entry_leader.name")).containsExactly("zsh");
        assertThat(e.values("process.parent.name")).containsExactly("dash");
        JsonNode t = tree(e);
        assertThat(t.at("/entry_leader/source").asText()).isEqualTo("event");
        assertThat(t.at("/entry_leader/entity_id").asText()).isEqualTo("zsh-9");
        assertThat(t.has("waited_ms")).isFalse();
    }

    @Test
    void unknownLeaderSaysWhyAndChangesNoField() throws Exception {
        EcsEvent raw = exec(H, "cat-1", "sh-1", "cat").event();
        EcsEvent e = enrich(raw, -1);
        assertThat(e.fields()).containsOnlyKeys(raw.fields().keySet());
        JsonNode t = tree(e);
        assertThat(t.has("entry_leader")).isFalse();
        assertThat(t.get("unresolved_reason").asText()).contains("sh-1");
        assertThat(t.get("ancestry")).hasSize(1);
    }

    @Test
    void enrichmentObjectOnlyOnEventsTheMatchConditionAcceptsWithTheirFieldsFilled() throws Exception {
        ProcessTreeEnricher onlyBashChildren = new ProcessTreeEnricher(
                null, e -> "bash".equals(e.first("process.parent.name")) && "cat".equals(e.first("process.name")));
        enrich(
                exec(H, "bash-1", "sshd-1", "bash", "-bash")
                        .ownEntryLeader("sshd")
                        .event(),
                -1);
        EcsEvent cat = exec(H, "cat-1", "bash-1", "cat").event();
        tree.learn(cat, 1);
        EcsEvent matched = onlyBashChildren.enrich(cat, tree.resolve(cat), -1);
        assertThat(tree(matched).at("/entry_leader/name").asText()).isEqualTo("bash");

        EcsEvent other = exec(H, "grep-1", "bash-1", "grep").event();
        tree.learn(other, 1);
        EcsEvent rejected = onlyBashChildren.enrich(other, tree.resolve(other), -1);
        assertThat(rejected.getEnrichment()).as("no rule reads it: not built").isNull();
        assertThat(rejected.values("process.parent.name"))
                .as("what the rules see is filled all the same")
                .containsExactly("bash");
    }

    @Test
    void keepsOtherEnrichmentNamespaces() throws Exception {
        EcsEvent e = enrich(exec(H, "cat-1", "sh-1", "cat").event().withEnrichment("{\"geo\":{\"x\":1}}"), -1);
        JsonNode root = JSON.readTree(e.getEnrichment());
        assertThat(root.at("/geo/x").asInt()).isEqualTo(1);
        assertThat(root.has("process_tree")).isTrue();
    }
}
