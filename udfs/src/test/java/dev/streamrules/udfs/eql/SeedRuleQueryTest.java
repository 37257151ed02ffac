package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed rule's EQL, compiled, answers like its hand-written condition on the baseline event and
 * on variants that flip each clause, so the hand-written condition can be dropped.
 */
class SeedRuleQueryTest {

    private static final CompiledEventQuery COMPILED = EqlCompiler.ecs().compileEvent(ProcMapsDiscoveryRule.QUERY);

    static Stream<Arguments> variants() {
        return Stream.of(
                variant("baseline", d -> d, true),
                variant("grep", d -> d.set("process.name", "grep"), true),
                variant("bash", d -> d.set("process.name", "bash"), false),
                variant("CAT is not cat", d -> d.set("process.name", "CAT"), false),
                variant(
                        "args upper case",
                        d -> d.set("process.args", EcsEventBuilder.array("cat", "/PROC/1/MAPS")),
                        true),
                variant(
                        "args elsewhere",
                        d -> d.set("process.args", EcsEventBuilder.array("cat", "/etc/passwd")),
                        false),
                variant(
                        "args too long",
                        d -> d.set("process.args", EcsEventBuilder.array("/proc/1/maps" + "x".repeat(1020) + "/maps")),
                        false),
                variant("fork", d -> d.set("event.action", "fork"), false),
                variant("no category", d -> d.remove("event.category"), false),
                variant(
                        "category list",
                        d -> d.set("event.category", EcsEventBuilder.array("network", "process")),
                        true),
                variant("windows", d -> d.set("host.os.type", "windows"), false),
                variant("no entry leader", d -> d.remove("process.entry_leader"), false),
                variant("entry leader zsh", d -> d.set("process.entry_leader.name", "zsh"), true),
                variant("dotted keys", d -> d.fullyDotted(), true),
                variant("end event", d -> d.set("event.type", EcsEventBuilder.array("end")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void compiledQueryAgreesWithTheHandWrittenCondition(String name, EcsEvent event, boolean expected) {
        assertThat(ProcMapsDiscoveryRule.RULE.condition().test(event))
                .as("hand-written")
                .isEqualTo(expected);
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
                variant("awk", d -> d.set("process.name", "awk"), true),
                variant(
                        "like is case-sensitive",
                        d -> d.set("process.args", EcsEventBuilder.array("/PROC/1/MAPS")),
                        false),
                variant("parent uac", d -> d.set("process.parent.name", "uac"), false),
                variant("parent bash", d -> d.set("process.parent.name", "bash"), true),
                variant(
                        "parent args",
                        d -> d.set("process.parent.args", EcsEventBuilder.array("/usr/bin/needrestart", "-q")),
                        false),
                variant("in /opt", d -> d.set("process.working_directory", "/opt/app"), false),
                variant("in /home", d -> d.set("process.working_directory", "/home/alice"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisionVariants")
    void revisionExclusionsBehaveAsInElasticsearch(String name, EcsEvent event, boolean expected) {
        CompiledEventQuery revision = EqlCompiler.ecs().compileEvent(REVISION);
        assertThat(revision.test(event)).isEqualTo(expected);
        assertThat(revision.requiredTerms())
                .extracting(TermClause::field)
                .containsExactly("event.category", "host.os.type", "event.type", "event.action", "process.name");
    }

    private static Arguments variant(String name, UnaryOperator<EcsEventBuilder> edit, boolean expected) {
        return Arguments.of(name, edit.apply(EcsEventBuilder.procMapsRead()).event(), expected);
    }
}
