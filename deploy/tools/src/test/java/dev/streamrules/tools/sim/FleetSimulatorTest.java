package dev.streamrules.tools.sim;

import static dev.streamrules.tools.sim.Parsed.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's output checked against the real parser and rule: reproducible, well formed, and
 * with exactly the planted alerts. Over 300 lines because one generated fleet is checked from many
 * sides (ordering, process trees, ids, near misses) and generating it is the cost.
 */
class FleetSimulatorTest {

    /** The rule's shells, spelled out here so the test does not lean on the code it checks. */
    private static final Set<String> SHELLS = Set.of("bash", "dash", "sh", "tcsh", "csh", "zsh", "ksh", "fish");

    private static final Pattern MAPS_PATH = Pattern.compile("(?i)/proc/.+/maps");
    private static final Pattern NANOSECOND_TIME =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    private static final Pattern DOTTED_KEY = Pattern.compile("\"[A-Za-z_@]+\\.[A-Za-z_.]+\":");
    private static final String[] LEADER_PREFIXES = {
        "process.entry_leader.", "process.session_leader.", "process.group_leader."
    };

    /** A busy fleet: high rates so every kind of event shows up in a few thousand lines. */
    private static List<Parsed> busy;

    @BeforeAll
    static void generateBusyFleet() {
        busy = parseAll(FleetSimulator.builder()
                .hosts(12)
                .events(10_000)
                .seed(42)
                .attackRate(0.05)
                .nearMissRate(0.2)
                .dottedKeyRate(0.3)
                .sequenceAttackRate(0.02)
                .build());
    }

    static List<SimulatedEvent> generate(FleetSimulator simulator) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulator.generate(events::add);
        return events;
    }

    private static List<String> lines(FleetSimulator simulator) {
        return generate(simulator).stream().map(SimulatedEvent::json).collect(Collectors.toList());
    }

    @Test
    void sameSeedGivesTheSameLinesAndAnotherSeedDifferentOnes() {
        FleetSimulator.Builder builder = FleetSimulator.builder()
                .hosts(8)
                .events(3_000)
                .dottedKeyRate(0.2)
                .outOfOrderRate(0.2)
                .attackRate(0.05);
        List<String> first = lines(builder.seed(7).build());
        List<String> again = lines(builder.seed(7).build());
        List<String> other = lines(builder.seed(8).build());

        assertThat(first).hasSize(3_000).isEqualTo(again);
        assertThat(other).hasSize(3_000).isNotEqualTo(first);
        assertThat(new HashSet<>(other)).doesNotContainAnyElementsOf(first.subList(0, 100));
    }

    @Test
    void iteratingTwiceReplaysTheSameRun() {
        FleetSimulator simulator = FleetSimulator.builder().hosts(3).events(500).build();
        assertThat(lines(simulator)).isEqualTo(lines(simulator));
    }

    @Test
    void everyLineIsAValidEventCarryingTheAdvertisedHostAndId() {
        assertThat(busy).hasSize(10_000);
        for (Parsed p : busy) {
            assertThat(p.event().getHostId()).isEqualTo(p.sim().hostId());
            assertThat(p.get("event.id")).isEqualTo(p.sim().eventId());
            assertThat(p.all("event.category")).containsExactly("process");
            assertThat(p.get("event.kind")).isEqualTo("event");
            assertThat(p.get("event.dataset")).isEqualTo("endpoint.events.process");
            assertThat(p.get("agent.type")).isEqualTo("endpoint");
            assertThat(p.get("@timestamp")).matches(NANOSECOND_TIME);
            assertThat(p.event().getTimestampMillis())
                    .isEqualTo(p.sim().timestamp().toEpochMilli());
            assertThat(p.all("process.args")).hasSize(Integer.parseInt(p.get("process.args_count")));
            String action = p.get("event.action");
            assertThat(action).isIn("fork", "exec", "end", "uid_change");
            assertThat(p.all("event.type"))
                    .containsExactly(
                            switch (action) {
                                case "end" -> "end";
                                case "uid_change" -> "change";
                                default -> "start";
                            });
        }
    }

    @Test
    void someDocumentsUseDottedKeysAndUserIdsComeAsNumbersAndAsText() {
        long dotted = busy.stream().filter(p -> hasDottedKey(p.sim().json())).count();
        assertThat(dotted).isBetween(busy.size() / 5L, busy.size() / 3L);
        assertThat(busy)
                .anyMatch(p -> p.sim().json().contains("\"user\":{\"id\":0,"))
                .anyMatch(p -> p.sim().json().contains("\"user\":{\"id\":\"0\","));
    }

    private static boolean hasDottedKey(String json) {
        return DOTTED_KEY.matcher(json).find();
    }

    @Test
    void theRuleMatchesExactlyTheExpectedAlerts() {
        // The truth is built without the matcher; agreeing with it also proves that background and
        // near-miss traffic never matches by accident.
        // RULE is the seed rule file compiled by the EQL compiler, so this is also the compiler's check.
        for (Parsed p : busy) {
            assertThat(ProcMapsDiscoveryRule.RULE.matches(p.event()))
                    .as("rule on %s", p.sim())
                    .isEqualTo(p.sim().expectedAlert());
        }
        assertThat(busy).filteredOn(p -> p.sim().expectedAlert()).hasSizeGreaterThan(20);
    }

    @Test
    void everyExpectedAlertIsACatOrGrepOfAMapsFileInAnInteractiveShellSession() {
        List<Parsed> alerts = busy.stream().filter(p -> p.sim().expectedAlert()).collect(Collectors.toList());
        assertThat(alerts).isNotEmpty();
        for (Parsed p : alerts) {
            assertThat(p.get("host.os.type")).isEqualTo("linux");
            assertThat(p.get("event.action")).isEqualTo("exec");
            assertThat(p.all("event.type")).containsExactly("start");
            assertThat(p.get("process.name")).isIn("cat", "grep");
            assertThat(p.all("process.args")).anyMatch(a -> MAPS_PATH.matcher(a).matches());
            assertThat(p.get("process.entry_leader.name")).isIn(SHELLS);
            assertThat(p.get("process.entry_leader.interactive")).isEqualTo("true");
            assertThat(p.get("process.entry_leader.entry_meta.type")).isIn("sshd", "terminal", "console");
        }
        // The odd-case paths the case-insensitive `:` must still catch are among them.
        assertThat(alerts)
                .anyMatch(p -> p.all("process.args").stream()
                        .anyMatch(a -> MAPS_PATH.matcher(a).matches() && !a.startsWith("/proc/")));
        assertThat(alerts).extracting(p -> p.get("process.name")).contains("cat", "grep");
        assertThat(alerts).extracting(p -> p.get("process.parent.name")).contains("sudo");
    }

    @Test
    void nearMissesCoverTheLookalikesAndNeverAlert() {
        List<Parsed> near = busy.stream().filter(p -> p.sim().nearMiss()).collect(Collectors.toList());
        assertThat(near).allMatch(p -> !p.sim().expectedAlert());
        assertThat(near)
                .as("a maps read on a macOS host")
                .anyMatch(p -> p.get("host.os.type").equals("macos")
                        && readsMaps(p)
                        && p.get("event.action").equals("exec"));
        assertThat(near)
                .as("a maps read under a non-shell entry leader")
                .anyMatch(p -> readsMaps(p)
                        && p.get("event.action").equals("exec")
                        && p.get("host.os.type").equals("linux")
                        && !SHELLS.contains(p.get("process.entry_leader.name")));
        assertThat(near)
                .as("the end of an attacking cat")
                .anyMatch(p -> readsMaps(p)
                        && p.get("event.action").equals("end")
                        && SHELLS.contains(p.get("process.entry_leader.name")));
        assertThat(near)
                .as("a fork event of a cat with a maps argument")
                .anyMatch(p -> readsMaps(p) && p.get("event.action").equals("fork"));
        assertThat(near)
                .as("wrong-case program name")
                .anyMatch(p -> List.of("Cat", "GREP").contains(p.get("process.name")));
        assertThat(near).extracting(p -> p.get("process.name")).contains("tail", "less", "cat");
        assertThat(near)
                .as("smaps, status, environ, maps.bak")
                .anyMatch(p -> p.all("process.args").stream().anyMatch(a -> a.endsWith("/smaps")))
                .anyMatch(p -> p.all("process.args").stream().anyMatch(a -> a.endsWith("/status")))
                .anyMatch(p -> p.all("process.args").stream().anyMatch(a -> a.endsWith("/environ")))
                .anyMatch(p -> p.all("process.args").stream().anyMatch(a -> a.endsWith("/maps.bak")));
    }

    private static boolean readsMaps(Parsed p) {
        return List.of("cat", "grep").contains(p.get("process.name"))
                && p.all("process.args").stream()
                        .anyMatch(a -> MAPS_PATH.matcher(a).matches());
    }

    @Test
    void expectedAlertsTrackTheAttackRate() {
        assertThat(generate(FleetSimulator.builder()
                        .hosts(10)
                        .events(5_000)
                        .attackRate(0)
                        .build()))
                .noneMatch(SimulatedEvent::expectedAlert);
        assertAlertShare(busy, 0.05);
        assertAlertShare(
                parseAll(FleetSimulator.builder()
                        .hosts(10)
                        .events(4_000)
                        .seed(3)
                        .attackRate(0.2)
                        .build()),
                0.2);
    }

    private static void assertAlertShare(List<Parsed> events, double rate) {
        long alerts = events.stream().filter(p -> p.sim().expectedAlert()).count();
        // Command lines typed at an interactive Linux shell: the login shell gives each its own process
        // group, led by the first process of the line (the first pipeline stage, sudo, a script).
        long typed = events.stream()
                .filter(p -> p.get("event.action").equals("exec")
                        && p.get("host.os.type").equals("linux")
                        && "true".equals(p.get("process.entry_leader.interactive"))
                        && SHELLS.contains(p.get("process.entry_leader.name"))
                        && p.get("process.parent.entity_id").equals(p.get("process.entry_leader.entity_id"))
                        && p.get("process.group_leader.entity_id").equals(p.get("process.entity_id")))
                .count();
        assertThat((double) alerts / typed)
                .as("alerts %d of %d typed command lines at rate %s", alerts, typed, rate)
                .isBetween(rate * 0.7, rate * 1.3);
    }

    @Test
    void eventIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (Parsed p : busy) {
            assertThat(ids.add(p.get("event.id")))
                    .as("duplicate %s", p.get("event.id"))
                    .isTrue();
        }
    }

    @Test
    void processTreesAreConsistentPerHost() {
        Map<String, Set<String>> forked = new HashMap<>();
        Map<String, Set<String>> ended = new HashMap<>();
        String previousTime = "";
        for (Parsed p : busy) {
            String host = p.sim().hostId();
            Set<String> known = forked.computeIfAbsent(host, h -> new HashSet<>());
            Set<String> gone = ended.computeIfAbsent(host, h -> new HashSet<>());
            String entity = p.get("process.entity_id");
            String parent = p.get("process.parent.entity_id");
            assertThat(gone).as("event after end: %s", p.sim()).doesNotContain(entity);
            switch (p.get("event.action")) {
                case "fork" -> {
                    assertThat(known.add(entity))
                            .as("forked twice: %s", p.sim())
                            .isTrue();
                    assertThat(known).as("parent of %s", p.sim()).contains(parent);
                }
                case "exec" -> {
                    if (p.get("process.pid").equals("1")) {
                        assertThat(known.add(entity)).isTrue();
                        assertThat(parent).isNull();
                    } else {
                        assertThat(known).as("exec without fork: %s", p.sim()).contains(entity, parent);
                    }
                }
                case "end" -> {
                    assertThat(known).as("end without fork: %s", p.sim()).contains(entity);
                    gone.add(entity);
                }
                default ->
                    assertThat(known)
                            .as("%s without fork: %s", p.get("event.action"), p.sim())
                            .contains(entity);
            }
            if (parent != null) {
                assertThat(p.all("process.Ext.ancestry")).first().isEqualTo(parent);
            }
            for (String leader : List.of(
                    "process.entry_leader.entity_id",
                    "process.session_leader.entity_id",
                    "process.group_leader.entity_id")) {
                assertThat(known).as("%s of %s", leader, p.sim()).contains(p.get(leader));
            }
            assertThat(p.get("@timestamp")).as("timestamps increase").isGreaterThan(previousTime);
            previousTime = p.get("@timestamp");
        }
    }

    @Test
    void strippingRemovesLeadersFromChildrenButKeepsIdentityAndParentLinks() {
        FleetSimulator.Builder builder = FleetSimulator.builder()
                .hosts(8)
                .events(3_000)
                .seed(11)
                .attackRate(0.1)
                .dottedKeyRate(0.3);
        List<Parsed> full = parseAll(builder.stripEntryLeaders(false).build());
        List<Parsed> stripped = parseAll(builder.stripEntryLeaders(true).build());
        Set<String> leaders =
                full.stream().map(p -> p.get("process.entry_leader.entity_id")).collect(Collectors.toSet());
        Set<String> execed = full.stream()
                .filter(p -> p.get("event.action").equals("exec"))
                .map(p -> p.get("process.entity_id"))
                .collect(Collectors.toSet());

        assertThat(stripped).hasSameSizeAs(full);
        int kept = 0;
        int removed = 0;
        for (int i = 0; i < full.size(); i++) {
            Parsed f = full.get(i);
            Parsed s = stripped.get(i);
            assertThat(s.sim().eventId()).isEqualTo(f.sim().eventId());
            assertThat(s.sim().label()).isEqualTo(f.sim().label());
            assertThat(withoutLeaders(s.event())).isEqualTo(withoutLeaders(f.event()));
            String entity = f.get("process.entity_id");
            if (s.event().has("process.entry_leader.entity_id")) {
                kept++;
                // A leader's own events, or the fork of one whose exec the run ended before.
                assertThat(leaders.contains(entity)
                                || (f.get("event.action").equals("fork") && !execed.contains(entity)))
                        .as("leaders kept on %s", s.sim())
                        .isTrue();
                assertThat(leaderFields(s.event())).isEqualTo(leaderFields(f.event()));
            } else {
                removed++;
                assertThat(leaders)
                        .as("leaders stripped from a leader: %s", s.sim())
                        .doesNotContain(entity);
                assertThat(leaderFields(s.event()))
                        .as("leaders left on %s", s.sim())
                        .isEmpty();
            }
        }
        assertThat(kept).isPositive();
        assertThat(removed).isGreaterThan(full.size() / 2);
        assertThat(stripped)
                .filteredOn(p -> p.sim().expectedAlert())
                .isNotEmpty()
                .allMatch(p -> !p.event().has("process.entry_leader.name"));
    }

    private static Map<String, List<String>> withoutLeaders(EcsEvent event) {
        Map<String, List<String>> out = new HashMap<>();
        event.fields().forEach((k, v) -> {
            if (Arrays.stream(LEADER_PREFIXES).noneMatch(k::startsWith)) {
                out.put(k, List.of(v));
            }
        });
        return out;
    }

    private static Map<String, List<String>> leaderFields(EcsEvent event) {
        Map<String, List<String>> out = new HashMap<>();
        event.fields().forEach((k, v) -> {
            if (Arrays.stream(LEADER_PREFIXES).anyMatch(k::startsWith)) {
                out.put(k, List.of(v));
            }
        });
        return out;
    }

    @Test
    void outOfOrderDeliversSomeChildForksBeforeTheirParentsExecWithinTwoSeconds() {
        List<Parsed> events = parseAll(FleetSimulator.builder()
                .hosts(6)
                .events(3_000)
                .seed(5)
                .outOfOrderRate(0.5)
                .build());
        Map<String, Integer> execPosition = new HashMap<>();
        Map<String, Instant> execTime = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Parsed p = events.get(i);
            if (p.get("event.action").equals("exec")) {
                String key = p.sim().hostId() + "/" + p.get("process.entity_id");
                execPosition.putIfAbsent(key, i);
                execTime.putIfAbsent(key, p.sim().timestamp());
            }
        }
        Map<String, Integer> forkPosition = new HashMap<>();
        int early = 0;
        for (int i = 0; i < events.size(); i++) {
            Parsed p = events.get(i);
            String self = p.sim().hostId() + "/" + p.get("process.entity_id");
            String action = p.get("event.action");
            if (action.equals("fork")) {
                forkPosition.put(self, i);
                String parent = p.sim().hostId() + "/" + p.get("process.parent.entity_id");
                Integer parentExec = execPosition.get(parent);
                if (parentExec != null && parentExec > i) {
                    early++;
                    assertThat(p.sim().timestamp())
                            .isAfter(execTime.get(parent))
                            .isBeforeOrEqualTo(execTime.get(parent).plusSeconds(2));
                    assertThat(forkPosition)
                            .as("the parent itself was forked before")
                            .containsKey(parent);
                }
            } else if (!p.get("process.pid").equals("1")) {
                assertThat(forkPosition).as("%s after its fork", action).containsKey(self);
            }
        }
        assertThat(early).isGreaterThan(50);
        assertThat(events.stream().map(p -> p.get("event.id")).distinct().count())
                .isEqualTo(events.size());
    }

    @Test
    void unboundedSimulatorKeepsGoing() {
        Iterator<SimulatedEvent> events =
                FleetSimulator.builder().hosts(2).unbounded().build().iterator();
        for (int i = 0; i < 10_000; i++) {
            assertThat(events.hasNext()).isTrue();
            events.next();
        }
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> FleetSimulator.builder().hosts(0).build()).hasMessageContaining("hosts");
        assertThatThrownBy(() -> FleetSimulator.builder().attackRate(1.5).build())
                .hasMessageContaining("attack rate");
        assertThatThrownBy(() -> FleetSimulator.builder()
                        .attackRate(0.6)
                        .nearMissRate(0.6)
                        .build())
                .hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> FleetSimulator.builder().eventsPerSecond(0).build())
                .hasMessageContaining("per second");
        assertThatThrownBy(() -> FleetSimulator.builder().events(-1).build()).hasMessageContaining("events");
    }
}
