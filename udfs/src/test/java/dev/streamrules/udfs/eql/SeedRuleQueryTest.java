package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.EventFixtures;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The seed rule's EQL, compiled, answers like its hand-written condition on the baseline event and
 * on variants that flip each clause, so the hand-written condition can be dropped.
 */
class SeedRuleQueryTest {

    private static final CompiledEventQuery COMPILED = EqlCompiler.ecs().compileEvent(ProcMapsDiscoveryRule.QUERY);

    static Stream<Arguments> variants() {
        return Stream.of(
                variant("baseline", d -> d, true),
                variant("grep", d -> EventFixtures.set(d, "process.name", "grep"), true),
                variant("bash", d -> EventFixtures.set(d, "process.name", "bash"), false),
                variant("CAT is not cat", d -> EventFixtures.set(d, "process.name", "CAT"), false),
                variant("args upper case", d -> EventFixtures.set(d, "process.args", EventFixtures.array("cat", "/PROC/1/MAPS")), true),
                variant("args elsewhere", d -> EventFixtures.set(d, "process.args", EventFixtures.array("cat", "/etc/passwd")), false),
                variant("args too long", d -> EventFixtures.set(d, "process.args", EventFixtures.array("/proc/1/maps" + "x".repeat(1020) + "/maps")), false),
                variant("fork", d -> EventFixtures.set(d, "event.action", "fork"), false),
                variant("no category", d -> EventFixtures.remove(d, "event.category"), false),
                variant("category list", d -> EventFixtures.set(d, "event.category", EventFixtures.array("network", "process")), true),
                variant("windows", d -> EventFixtures.set(d, "host.os.type", "windows"), false),
                variant("no entry leader", d -> EventFixtures.remove(d, "process.entry_leader"), false),
                variant("entry leader zsh", d -> EventFixtures.set(d, "process.entry_leader.name", "zsh"), true),
                variant("dotted keys", d -> EventFixtures.fullyDotted(d), true),
                variant("end event", d -> EventFixtures.set(d, "event.type", EventFixtures.array("end")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void compiledQueryAgreesWithTheHandWrittenCondition(String name, EcsEvent event, boolean expected) {
        assertThat(ProcMapsDiscoveryRule.RULE.condition().test(event)).as("hand-written").isEqualTo(expected);
        assertThat(COMPILED.test(event)).as("compiled").isEqualTo(expected);
    }

    /** The shape of the rule's 2025-12-18 revision (written here from its facts): like, more binaries, an exclusion block. */
    private static final String REVISION = "process where host.os.type == \"linux\" and event.type == \"start\" and\n"
            + "  event.action in (\"exec\", \"exec_event\", \"start\", \"ProcessRollup2\", \"executed\", \"process_started\") and\n"
            + "  process.name in (\"cat\", \"grep\", \"tail\", \"less\", \"more\", \"egrep\", \"fgrep\", \"awk\") and\n"
            + "  process.args like \"/proc/*/maps\" and\n"
            + "  not (\n"
            + "    ?process.parent.args in (\"/usr/bin/needrestart\") or\n"
            + "    ?process.parent.executable in (\"/usr/bin/needrestart\", \"/usr/local/cpanel/3rdparty/bin/perl\") or\n"
            + "    ?process.parent.name == \"uac\" or\n"
            + "    ?process.working_directory like (\"/opt/*\", \"/var/lib/*\")\n"
            + "  )";

    static Stream<Arguments> revisionVariants() {
        return Stream.of(
                variant("no parent: the exclusions do not exclude", d -> d, true),
                variant("awk", d -> EventFixtures.set(d, "process.name", "awk"), true),
                variant("like is case-sensitive", d -> EventFixtures.set(d, "process.args", EventFixtures.array("/PROC/1/MAPS")), false),
                variant("parent uac", d -> EventFixtures.set(d, "process.parent.name", "uac"), false),
                variant("parent bash", d -> EventFixtures.set(d, "process.parent.name", "bash"), true),
                variant("parent args", d -> EventFixtures.set(d, "process.parent.args", EventFixtures.array("/usr/bin/needrestart", "-q")), false),
                variant("in /opt", d -> EventFixtures.set(d, "process.working_directory", "/opt/app"), false),
                variant("in /home", d -> EventFixtures.set(d, "process.working_directory", "/home/alice"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisionVariants")
    void revisionExclusionsBehaveAsInElasticsearch(String name, EcsEvent event, boolean expected) {
        CompiledEventQuery revision = EqlCompiler.ecs().compileEvent(REVISION);
        assertThat(revision.test(event)).isEqualTo(expected);
        assertThat(revision.requiredTerms()).extracting(TermClause::field)
                .containsExactly("event.category", "host.os.type", "event.type", "event.action", "process.name");
    }

    private static Arguments variant(String name, UnaryOperator<ObjectNode> edit, boolean expected) {
        return Arguments.of(name, EventFixtures.parse(edit.apply(EventFixtures.baseline()).toString()), expected);
    }
}
