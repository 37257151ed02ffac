package dev.streamrules.udfs.rule;

import static dev.streamrules.udfs.testing.EcsEventBuilder.array;
import static dev.streamrules.udfs.testing.EcsEventBuilder.leaves;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule against one baseline matching document and many single-purpose mutations of it. Each case
 * is (name, JSON document, expected match); the expectations are Elasticsearch's EQL semantics on
 * keyword fields: case-sensitive {@code ==}, {@code :} case-insensitive, {@code *} matching any characters.
 */
class ProcMapsDiscoveryRuleTest {

    /** The clause fields of the rule, the {@code process where} filter included. */
    private static final List<String> CLAUSE_FIELDS = List.of(
            "event.category",
            "host.os.type",
            "event.type",
            "event.action",
            "process.name",
            "process.args",
            "process.entry_leader.name");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void matchesLikeElasticsearch(String name, String document, boolean expected) {
        assertThat(ProcMapsDiscoveryRule.RULE.matches(EcsEventBuilder.parse(document)))
                .as("%s: %s", name, document)
                .isEqualTo(expected);
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(match("baseline", e -> e));

        // Each clause failing alone.
        c.add(miss("host.os.type windows", e -> e.set("host.os.type", "windows")));
        c.add(miss("event.type end (scalar)", e -> e.set("event.type", "end")));
        c.add(miss("event.action fork", e -> e.set("event.action", "fork")));
        c.add(miss("process.name less", e -> e.set("process.name", "less")));
        c.add(miss("args without maps path", e -> e.set("process.args", array("cat", "/etc/passwd"))));
        c.add(miss("event.category [file]", e -> e.set("event.category", array("file"))));

        // == and in are case-sensitive, : is not.
        c.add(miss("process.name CAT", e -> e.set("process.name", "CAT")));
        c.add(miss("entry leader Bash", e -> e.set("process.entry_leader.name", "Bash")));
        c.add(miss("host.os.type Linux", e -> e.set("host.os.type", "Linux")));
        c.add(miss("event.action EXEC", e -> e.set("event.action", "EXEC")));
        c.add(miss("event.type Start", e -> e.set("event.type", array("Start"))));
        c.add(miss("event.category Process", e -> e.set("event.category", array("Process"))));
        c.add(match("args /PROC/1/MAPS", e -> e.set("process.args", array("cat", "/PROC/1/MAPS"))));

        // Multi-valued fields: any element; scalar == single-element array.
        c.add(match("event.type [start, change]", e -> e.set("event.type", array("start", "change"))));
        c.add(miss("event.type [end]", e -> e.set("event.type", array("end"))));
        c.add(match("event.type scalar start", e -> e.set("event.type", "start")));
        c.add(match("event.category scalar process", e -> e.set("event.category", "process")));
        c.add(match("host.os.type [linux]", e -> e.set("host.os.type", array("linux"))));
        c.add(match("maps path only arg", e -> e.set("process.args", array("/proc/1/maps"))));
        c.add(match("maps path first", e -> e.set("process.args", array("/proc/1/maps", "cat", "-A"))));
        c.add(match("maps path in the middle", e -> e.set("process.args", array("grep", "/proc/7/maps", "r-xp"))));
        c.add(match("args as scalar", e -> e.set("process.args", "/proc/1/maps")));
        c.add(match("process.name [cat]", e -> e.set("process.name", array("cat"))));
        c.add(match("process.name [busybox, grep]", e -> e.set("process.name", array("busybox", "grep"))));
        c.add(miss("process.name [less, more]", e -> e.set("process.name", array("less", "more"))));

        // Dotted keys, nested objects, or both.
        c.add(match("process.name as dotted key", e -> e.dotted("process.name")));
        c.add(match("entry leader as dotted key", e -> e.dotted("process.entry_leader.name")));
        c.add(match("fully dotted document", EcsEventBuilder::fullyDotted));
        c.add(match(
                "dotted key inside nested object",
                e -> e.remove("process.entry_leader")
                        .edit(d -> ((ObjectNode) d.get("process")).put("entry_leader.name", "bash"))));
        c.add(match(
                "mixed: some fields dotted, rest nested",
                e -> e.dotted("host.os.type").dotted("event.action").dotted("process.args")));
        c.add(match(
                "both spellings, dotted value matches",
                e -> e.set("process.name", "less").key("process.name", "cat")));
        c.add(match("both spellings, nested value matches", e -> e.key("process.name", "less")));
        c.add(miss(
                "both spellings, neither matches",
                e -> e.set("process.name", "less").key("process.name", "more")));
        c.add(match(
                "both spellings of event.type", e -> e.set("event.type", "end").key("event.type", "start")));
        c.add(match("null object, then dotted keys", e -> e.edit(d -> nullThenDotted(d, "process"))));
        c.add(match(
                "array of objects, then dotted key",
                e -> e.edit(d -> {
                    ObjectNode process = (ObjectNode) d.remove("process");
                    String leader = process.remove("entry_leader").get("name").asText();
                    d.putArray("process").add(process);
                    d.put("process.entry_leader.name", leader);
                })));

        // Missing, null, empty arrays and arrays holding null.
        for (String field : CLAUSE_FIELDS) {
            c.add(miss(field + " missing", e -> e.remove(field)));
            c.add(miss(field + " null", e -> e.set(field, null)));
        }
        c.add(miss("process.args []", e -> e.set("process.args", array())));
        c.add(miss("event.category []", e -> e.set("event.category", array())));
        c.add(miss("process.name []", e -> e.set("process.name", array())));
        c.add(miss("process.entry_leader null", e -> e.set("process.entry_leader", null)));
        c.add(match("args [null, maps path]", e -> e.set("process.args", array(null, "/proc/1/maps"))));
        c.add(match("event.type [null, start]", e -> e.set("event.type", array(null, "start"))));
        c.add(miss("process.name [null]", e -> e.set("process.name", array((Object) null))));

        // Wildcard edges of process.args : "/proc/*/maps".
        wildcard(c, "/proc//maps", true); // * spans the empty run
        wildcard(c, "/proc/1/task/2/maps", true); // * spans /
        wildcard(c, "/proc/self/maps", true);
        wildcard(c, "/proc/*/maps", true); // the pattern itself, literally
        wildcard(c, "/proc/1\n2/maps", true); // * spans a newline
        wildcard(c, "/proc/1/smaps", false);
        wildcard(c, "/proc/1/maps\n", false);
        wildcard(c, "/proc/1/maps/", false);
        wildcard(c, "proc/1/maps", false);
        wildcard(c, " /proc/1/maps", false);
        wildcard(c, "/proc/1/mapsx", false);
        wildcard(c, "/proc/maps", false); // both slashes are literal
        wildcard(c, pathOfLength(1024), true); // ignore_above boundary: indexed
        wildcard(c, pathOfLength(1025), false); // longer than ignore_above: never indexed

        // Numbers compare as their text; booleans too.
        c.add(miss("process.name number", e -> e.set("process.name", 42)));
        c.add(miss("host.os.type number", e -> e.set("host.os.type", 0)));
        c.add(miss("event.action boolean", e -> e.set("event.action", true)));
        c.add(match("numeric arg beside maps path", e -> e.set("process.args", array(1, "/proc/1/maps"))));

        // process where: event.category contains "process".
        c.add(match("event.category [process, file]", e -> e.set("event.category", array("process", "file"))));
        c.add(match("event.category [file, process]", e -> e.set("event.category", array("file", "process"))));
        c.add(miss("host.os.type with trailing space", e -> e.set("host.os.type", "linux ")));

        // Entry leaders.
        for (String shell : ProcMapsDiscoveryRule.SHELLS) {
            c.add(match("entry leader " + shell, e -> e.set("process.entry_leader.name", shell)));
        }
        for (String other : List.of("sshd", "python3", "BASH", "", "bash ", "/bin/bash")) {
            c.add(miss("entry leader '" + other + "'", e -> e.set("process.entry_leader.name", other)));
        }
        c.add(match("grep instead of cat", e -> e.set("process.name", "grep")));
        return c.stream();
    }

    private static Arguments match(String name, UnaryOperator<EcsEventBuilder> edit) {
        return Arguments.of(name, edit.apply(EcsEventBuilder.procMapsRead()).json(), true);
    }

    private static Arguments miss(String name, UnaryOperator<EcsEventBuilder> edit) {
        return Arguments.of(name, edit.apply(EcsEventBuilder.procMapsRead()).json(), false);
    }

    private static void wildcard(List<Arguments> cases, String arg, boolean expected) {
        String name = "arg "
                + (arg.length() > 40 ? arg.length() + " chars ending in /maps" : "'" + arg.replace("\n", "\\n") + "'");
        UnaryOperator<EcsEventBuilder> edit = e -> e.set("process.args", array("cat", arg));
        cases.add(expected ? match(name, edit) : miss(name, edit));
    }

    /** "/proc/99...9/maps" of exactly {@code length} characters. */
    private static String pathOfLength(int length) {
        return "/proc/" + "9".repeat(length - "/proc/".length() - "/maps".length()) + "/maps";
    }

    /** {"object": null, "object.leaf": ...}: a null object first, then all its leaves as dotted keys. */
    private static void nullThenDotted(ObjectNode doc, String object) {
        ObjectNode nested = (ObjectNode) doc.remove(object);
        doc.putNull(object);
        leaves(nested).forEach((path, value) -> doc.set(object + "." + path, value));
    }
}
