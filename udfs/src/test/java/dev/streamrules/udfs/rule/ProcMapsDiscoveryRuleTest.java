package dev.streamrules.udfs.rule;

import static dev.streamrules.udfs.EventFixtures.array;
import static dev.streamrules.udfs.EventFixtures.baseline;
import static dev.streamrules.udfs.EventFixtures.dotted;
import static dev.streamrules.udfs.EventFixtures.fullyDotted;
import static dev.streamrules.udfs.EventFixtures.key;
import static dev.streamrules.udfs.EventFixtures.leaves;
import static dev.streamrules.udfs.EventFixtures.remove;
import static dev.streamrules.udfs.EventFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.streamrules.udfs.EventFixtures;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The rule against one baseline matching document and many single-purpose mutations of it. Each case
 * is (name, JSON document, expected match); the expectations are Elasticsearch's EQL semantics on
 * keyword fields: case-sensitive {@code ==}, {@code :} case-insensitive, {@code *} matching any characters.
 */
class ProcMapsDiscoveryRuleTest {

    /** The clause fields of the rule, the {@code process where} filter included. */
    private static final List<String> CLAUSE_FIELDS = List.of("event.category", "host.os.type", "event.type",
            "event.action", "process.name", "process.args", "process.entry_leader.name");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void matchesLikeElasticsearch(String name, String document, boolean expected) {
        assertThat(ProcMapsDiscoveryRule.RULE.matches(EventFixtures.parse(document)))
                .as("%s: %s", name, document)
                .isEqualTo(expected);
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(match("baseline", d -> d));

        // Each clause failing alone.
        c.add(miss("host.os.type windows", d -> set(d, "host.os.type", "windows")));
        c.add(miss("event.type end (scalar)", d -> set(d, "event.type", "end")));
        c.add(miss("event.action fork", d -> set(d, "event.action", "fork")));
        c.add(miss("process.name less", d -> set(d, "process.name", "less")));
        c.add(miss("args without maps path", d -> set(d, "process.args", array("cat", "/etc/passwd"))));
        c.add(miss("event.category [file]", d -> set(d, "event.category", array("file"))));

        // == and in are case-sensitive, : is not.
        c.add(miss("process.name CAT", d -> set(d, "process.name", "CAT")));
        c.add(miss("entry leader Bash", d -> set(d, "process.entry_leader.name", "Bash")));
        c.add(miss("host.os.type Linux", d -> set(d, "host.os.type", "Linux")));
        c.add(miss("event.action EXEC", d -> set(d, "event.action", "EXEC")));
        c.add(miss("event.type Start", d -> set(d, "event.type", array("Start"))));
        c.add(miss("event.category Process", d -> set(d, "event.category", array("Process"))));
        c.add(match("args /PROC/1/MAPS", d -> set(d, "process.args", array("cat", "/PROC/1/MAPS"))));

        // Multi-valued fields: any element; scalar == single-element array.
        c.add(match("event.type [start, change]", d -> set(d, "event.type", array("start", "change"))));
        c.add(miss("event.type [end]", d -> set(d, "event.type", array("end"))));
        c.add(match("event.type scalar start", d -> set(d, "event.type", "start")));
        c.add(match("event.category scalar process", d -> set(d, "event.category", "process")));
        c.add(match("host.os.type [linux]", d -> set(d, "host.os.type", array("linux"))));
        c.add(match("maps path only arg", d -> set(d, "process.args", array("/proc/1/maps"))));
        c.add(match("maps path first", d -> set(d, "process.args", array("/proc/1/maps", "cat", "-A"))));
        c.add(match("maps path in the middle", d -> set(d, "process.args", array("grep", "/proc/7/maps", "r-xp"))));
        c.add(match("args as scalar", d -> set(d, "process.args", "/proc/1/maps")));
        c.add(match("process.name [cat]", d -> set(d, "process.name", array("cat"))));
        c.add(match("process.name [busybox, grep]", d -> set(d, "process.name", array("busybox", "grep"))));
        c.add(miss("process.name [less, more]", d -> set(d, "process.name", array("less", "more"))));

        // Dotted keys, nested objects, or both.
        c.add(match("process.name as dotted key", d -> dotted(d, "process.name")));
        c.add(match("entry leader as dotted key", d -> dotted(d, "process.entry_leader.name")));
        c.add(match("fully dotted document", EventFixtures::fullyDotted));
        c.add(match("dotted key inside nested object", d -> {
            ObjectNode process = (ObjectNode) d.get("process");
            process.remove("entry_leader");
            process.put("entry_leader.name", "bash");
            return d;
        }));
        c.add(match("mixed: some fields dotted, rest nested",
                d -> dotted(dotted(dotted(d, "host.os.type"), "event.action"), "process.args")));
        c.add(match("both spellings, dotted value matches",
                d -> key(set(d, "process.name", "less"), "process.name", "cat")));
        c.add(match("both spellings, nested value matches", d -> key(d, "process.name", "less")));
        c.add(miss("both spellings, neither matches",
                d -> key(set(d, "process.name", "less"), "process.name", "more")));
        c.add(match("both spellings of event.type", d -> key(set(d, "event.type", "end"), "event.type", "start")));
        c.add(match("null object, then dotted keys", d -> nullThenDotted(d, "process")));
        c.add(match("array of objects, then dotted key", d -> {
            ObjectNode process = (ObjectNode) d.remove("process");
            String leader = process.remove("entry_leader").get("name").asText();
            d.putArray("process").add(process);
            return key(d, "process.entry_leader.name", leader);
        }));

        // Missing, null, empty arrays and arrays holding null.
        for (String field : CLAUSE_FIELDS) {
            c.add(miss(field + " missing", d -> remove(d, field)));
            c.add(miss(field + " null", d -> set(d, field, null)));
        }
        c.add(miss("process.args []", d -> set(d, "process.args", array())));
        c.add(miss("event.category []", d -> set(d, "event.category", array())));
        c.add(miss("process.name []", d -> set(d, "process.name", array())));
        c.add(miss("process.entry_leader null", d -> set(d, "process.entry_leader", null)));
        c.add(match("args [null, maps path]", d -> set(d, "process.args", array(null, "/proc/1/maps"))));
        c.add(match("event.type [null, start]", d -> set(d, "event.type", array(null, "start"))));
        c.add(miss("process.name [null]", d -> set(d, "process.name", array((Object) null))));

        // Wildcard edges of process.args : "/proc/*/maps".
        wildcard(c, "/proc//maps", true);            // * spans the empty run
        wildcard(c, "/proc/1/task/2/maps", true);    // * spans /
        wildcard(c, "/proc/self/maps", true);
        wildcard(c, "/proc/*/maps", true);           // the pattern itself, literally
        wildcard(c, "/proc/1\n2/maps", true);        // * spans a newline
        wildcard(c, "/proc/1/smaps", false);
        wildcard(c, "/proc/1/maps\n", false);
        wildcard(c, "/proc/1/maps/", false);
        wildcard(c, "proc/1/maps", false);
        wildcard(c, " /proc/1/maps", false);
        wildcard(c, "/proc/1/mapsx", false);
        wildcard(c, "/proc/maps", false);            // both slashes are literal
        wildcard(c, pathOfLength(1024), true);       // ignore_above boundary: indexed
        wildcard(c, pathOfLength(1025), false);      // longer than ignore_above: never indexed

        // Numbers compare as their text; booleans too.
        c.add(miss("process.name number", d -> set(d, "process.name", 42)));
        c.add(miss("host.os.type number", d -> set(d, "host.os.type", 0)));
        c.add(miss("event.action boolean", d -> set(d, "event.action", true)));
        c.add(match("numeric arg beside maps path", d -> set(d, "process.args", array(1, "/proc/1/maps"))));

        // process where: event.category contains "process".
        c.add(match("event.category [process, file]", d -> set(d, "event.category", array("process", "file"))));
        c.add(match("event.category [file, process]", d -> set(d, "event.category", array("file", "process"))));
        c.add(miss("host.os.type with trailing space", d -> set(d, "host.os.type", "linux ")));

        // Entry leaders.
        for (String shell : ProcMapsDiscoveryRule.SHELLS) {
            c.add(match("entry leader " + shell, d -> set(d, "process.entry_leader.name", shell)));
        }
        for (String other : List.of("sshd", "python3", "BASH", "", "bash ", "/bin/bash")) {
            c.add(miss("entry leader '" + other + "'", d -> set(d, "process.entry_leader.name", other)));
        }
        c.add(match("grep instead of cat", d -> set(d, "process.name", "grep")));
        return c.stream();
    }

    private static Arguments match(String name, UnaryOperator<ObjectNode> edit) {
        return Arguments.of(name, edit.apply(baseline()).toString(), true);
    }

    private static Arguments miss(String name, UnaryOperator<ObjectNode> edit) {
        return Arguments.of(name, edit.apply(baseline()).toString(), false);
    }

    private static void wildcard(List<Arguments> cases, String arg, boolean expected) {
        String name = "arg " + (arg.length() > 40 ? arg.length() + " chars ending in /maps" : "'" + arg.replace("\n", "\\n") + "'");
        UnaryOperator<ObjectNode> edit = d -> set(d, "process.args", array("cat", arg));
        cases.add(expected ? match(name, edit) : miss(name, edit));
    }

    /** "/proc/99...9/maps" of exactly {@code length} characters. */
    private static String pathOfLength(int length) {
        return "/proc/" + "9".repeat(length - "/proc/".length() - "/maps".length()) + "/maps";
    }

    /** {"object": null, "object.leaf": ...}: a null object first, then all its leaves as dotted keys. */
    private static ObjectNode nullThenDotted(ObjectNode doc, String object) {
        ObjectNode nested = (ObjectNode) doc.remove(object);
        doc.putNull(object);
        leaves(nested).forEach((path, value) -> key(doc, object + "." + path, value));
        return doc;
    }
}
