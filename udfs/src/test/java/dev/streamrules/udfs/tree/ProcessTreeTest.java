package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.end;
import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static dev.streamrules.udfs.testing.EcsEventBuilder.fork;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import dev.streamrules.udfs.tree.ProcessNode.LeaderSource;
import dev.streamrules.udfs.tree.TreeMetrics.EvictionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pure core: learning, resolution and eviction on a map, no Flink. Over 300 lines because it
 * covers one class's three concerns with short, independent cases.
 */
class ProcessTreeTest {

    private static final String H = "host-a";

    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final Map<EvictionReason, Integer> evicted = new EnumMap<>(EvictionReason.class);
    private ProcessTree tree = treeWith(ProcessTreeSettings.defaults());

    private ProcessTree treeWith(ProcessTreeSettings settings) {
        return new ProcessTree(store, settings, new TreeMetrics() {
            @Override
            public void added(int count) {}

            @Override
            public void evicted(EvictionReason reason, int count) {
                evicted.merge(reason, count, Integer::sum);
            }
        });
    }

    private Resolution feed(EcsEvent e, long now) {
        tree.learn(e, now);
        return tree.resolve(e);
    }

    private Resolution feed(EcsEventBuilder e) {
        return feed(e.event(), 1_000);
    }

    /** bash is an sshd session's entry leader; sh under it; cat under sh. */
    private void shellSession() {
        feed(exec(H, "bash-1", "sshd-1", "bash", "-bash").ownEntryLeader("sshd"));
        feed(exec(H, "sh-1", "bash-1", "sh", "sh", "-c", "x"));
    }

    /**
     * sshd forks a child (inline entry leader: the sshd daemon); the child's own child arrives before
     * the child's exec into a login shell, which starts a new session: the grandchild must wait for
     * that exec instead of taking the daemon as its entry leader, and then resolve to the shell.
     */
    @Test
    void childOfAProcessSeenOnlyForkingWaitsForItsExec() {
        feed(exec(H, "sshd-1", null, "sshd", "sshd", "-D").ownEntryLeader("init"));
        feed(fork(H, "sess-1").name("sshd").parent("sshd-1").entryLeader("sshd-1", "sshd", "init"));
        assertThat(store.get("sess-1").awaitingExec()).isTrue();

        Resolution early = feed(exec(H, "cat-1", "sess-1", "cat", "cat", "/proc/1/maps"));
        assertThat(early.awaitedId()).isEqualTo("sess-1");
        assertThat(store.get("cat-1").hasLeader())
                .as("no caching of a provisional answer")
                .isFalse();

        feed(exec(H, "sess-1", "sshd-1", "ksh", "-ksh").ownEntryLeader("sshd"));
        assertThat(store.get("sess-1").awaitingExec()).isFalse();
        Resolution later = tree.resolve(
                exec(H, "cat-1", "sess-1", "cat", "cat", "/proc/1/maps").event());
        assertThat(later.awaitedId()).isNull();
        assertThat(later.leader().name()).isEqualTo("ksh");
    }

    @Test
    void aForkThatNeverExecsIsWaitedForOnceThenSettled() {
        feed(exec(H, "bash-1", null, "bash", "-bash").ownEntryLeader("sshd"));
        feed(fork(H, "sub-1").name("bash").parent("bash-1"));
        Resolution first = feed(exec(H, "cat-1", "sub-1", "cat", "cat", "/proc/1/maps"));
        assertThat(first.awaitedId()).isEqualTo("sub-1");
        assertThat(first.leader().name()).as("the fallback if nothing comes").isEqualTo("bash");

        tree.settle("sub-1");
        Resolution second = feed(exec(H, "cat-2", "sub-1", "cat", "cat", "/proc/2/maps"));
        assertThat(second.awaitedId()).isNull();
        assertThat(second.leader().name()).isEqualTo("bash");
    }

    @Test
    void startTimesComeFirstHandOrFillAGap() {
        Instant first = Instant.parse("2024-05-01T10:00:00Z");
        Instant second = Instant.parse("2024-05-01T11:00:00Z");
        feed(exec(H, "cat-1", "sh-1", "cat", "cat").set("process.parent.start", first.toString()));
        assertThat(store.get("sh-1").start()).as("learned second hand").isEqualTo(first.toEpochMilli());

        feed(exec(H, "cat-2", "sh-1", "cat", "cat").set("process.parent.start", second.toString()));
        assertThat(store.get("sh-1").start()).as("second hand fills a gap only").isEqualTo(first.toEpochMilli());

        feed(exec(H, "sh-1", null, "sh", "sh").start(second));
        assertThat(store.get("sh-1").start()).as("the process's own event wins").isEqualTo(second.toEpochMilli());
    }

    @Test
    void inlineEntryLeaderWinsOverState() {
        shellSession();
        Resolution r =
                feed(exec(H, "cat-1", "sh-1", "cat", "cat", "/proc/1/maps").entryLeader("other", "zsh", "terminal"));
        assertThat(r.source()).isEqualTo(Resolution.Source.EVENT);
        assertThat(r.leader()).isEqualTo(new Leader("other", "zsh", "terminal", 4000));
    }

    @Test
    void processThatIsItsOwnEntryLeaderResolvesToItself() {
        Resolution bySameAsProcess = feed(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        assertThat(bySameAsProcess.leader().entityId()).isEqualTo("bash-1");
        assertThat(bySameAsProcess.leader().name()).isEqualTo("bash");

        Resolution byEqualIds = feed(exec(H, "zsh-1", "login-1", "zsh").entryLeader("zsh-1", "zsh", "console"));
        assertThat(byEqualIds.leader().entityId()).isEqualTo("zsh-1");
        assertThat(store.get("zsh-1").isEntryLeader()).isTrue();
        assertThat(store.get("zsh-1").leaderType()).isEqualTo("console");
    }

    @Test
    void inheritsThroughParentAndGrandparentAndCachesOnThePath() {
        shellSession();
        EcsEvent cat = exec(H, "cat-1", "sh-1", "cat", "cat", "/proc/self/maps").event();
        tree.learn(cat, 1_000);
        int reads = store.reads;
        Resolution r = tree.resolve(cat);

        assertThat(store.reads - reads)
                .as("cat, sh (which knows its leader since it was resolved), bash (for the leader's pid)")
                .isEqualTo(3);
        assertThat(r.source()).isEqualTo(Resolution.Source.STATE);
        assertThat(r.leader().entityId()).isEqualTo("bash-1");
        assertThat(r.leader().name()).isEqualTo("bash");
        assertThat(r.leader().type()).isEqualTo("sshd");
        assertThat(r.parent().entityId()).isEqualTo("sh-1");
        assertThat(store.reads - reads).isEqualTo(3);
        assertThat(r.ancestry()).extracting(Ancestor::entityId).containsExactly("sh-1", "bash-1", "sshd-1");
        assertThat(store.reads - reads).as("the listing walked on: bash, sshd").isEqualTo(5);
        // path compression: sh and cat now carry the leader themselves
        assertThat(store.get("cat-1").leaderSource()).isEqualTo(LeaderSource.INHERITED);
        assertThat(store.get("sh-1").leaderId()).isEqualTo("bash-1");
    }

    @Test
    void resolvesFromOwnNodeWhenAnEarlierEventOfTheProcessCarriedTheLeader() {
        feed(exec(H, "cat-1", "sh-1", "cat").entryLeader("bash-1", "bash", "sshd"));
        Resolution later = feed(end(H, "cat-1"));
        assertThat(later.source()).isEqualTo(Resolution.Source.STATE);
        assertThat(later.leader().name()).isEqualTo("bash");
    }

    @Test
    void childInlineLeaderTeachesTheParentSoSiblingsResolve() {
        feed(exec(H, "ls-1", "sh-1", "ls").entryLeader("bash-1", "bash", "sshd"));
        assertThat(store.get("sh-1").leaderSource()).isEqualTo(LeaderSource.INFERRED);
        assertThat(store.get("bash-1").isEntryLeader()).isTrue();

        Resolution sibling = feed(exec(H, "cat-1", "sh-1", "cat"));
        assertThat(sibling.source()).isEqualTo(Resolution.Source.STATE);
        assertThat(sibling.leader().entityId()).isEqualTo("bash-1");
    }

    @Test
    void declaredLeaderReplacesAnInheritedOne() {
        feed(exec(H, "init-1", null, "systemd").ownEntryLeader("init"));
        feed(exec(H, "sshd-1", "init-1", "sshd"));
        feed(exec(H, "bash-1", "sshd-1", "bash"));
        assertThat(store.get("bash-1").leaderName()).isEqualTo("systemd");

        // a later event reveals that bash leads its own session
        feed(exec(H, "cat-1", "bash-1", "cat").entryLeader("bash-1", "bash", "sshd"));
        assertThat(store.get("bash-1").isEntryLeader()).isTrue();
        assertThat(feed(exec(H, "grep-1", "bash-1", "grep")).leader().name()).isEqualTo("bash");
    }

    @Test
    void forkThenExecOfTheSameEntityIdTakesTheNewImage() {
        feed(fork(H, "c-1")
                .name("bash")
                .args("-bash")
                .parent("bash-1")
                .timestamp(Instant.parse("2024-05-01T10:00:01Z")));
        feed(exec(H, "c-1")
                .name("cat")
                .args("cat", "/proc/1/maps")
                .executable("/usr/bin/cat")
                .timestamp(Instant.parse("2024-05-01T10:00:02Z")));
        ProcessNode node = store.get("c-1");
        assertThat(node.name()).isEqualTo("cat");
        assertThat(node.args()).containsExactly("cat", "/proc/1/maps");
        assertThat(node.parentId())
                .as("exec without parent fields keeps the fork's link")
                .isEqualTo("bash-1");

        // the fork arriving again late must not roll the image back
        feed(fork(H, "c-1")
                .name("bash")
                .args("-bash")
                .parent("bash-1")
                .timestamp(Instant.parse("2024-05-01T10:00:01Z")));
        assertThat(store.get("c-1").name()).isEqualTo("cat");
    }

    @Test
    void partialParentIsAwaitedUntilSettled() {
        Resolution orphan = feed(exec(H, "cat-1", "sh-1", "cat"));
        assertThat(orphan.resolved()).isFalse();
        assertThat(orphan.awaitedId()).isEqualTo("sh-1");
        assertThat(store.get("sh-1").ownEvent()).isFalse();

        tree.settle("sh-1");
        Resolution after = feed(exec(H, "cat-2", "sh-1", "cat"));
        assertThat(after.awaitedId()).isNull();
        assertThat(after.unresolvedReason()).contains("root sh-1");
    }

    @Test
    void parentArrivalUpgradesTheAwaitedNode() {
        feed(exec(H, "cat-1", "sh-1", "cat"));
        ProcessTree.Learned learned = tree.learn(
                exec(H, "sh-1", "bash-1", "sh")
                        .entryLeader("bash-1", "bash", "sshd")
                        .event(),
                2_000);
        assertThat(learned.upgraded()).contains("sh-1");
        assertThat(learned.touched())
                .as("bash-1 written as the parent and as the entry leader, listed once")
                .containsExactly("bash-1", "sh-1");
        assertThat(tree.resolve(exec(H, "cat-1", "sh-1", "cat").event())
                        .leader()
                        .name())
                .isEqualTo("bash");
    }

    @Test
    void bareParentNodeCreatedByAChildUpgradesNothing() {
        ProcessTree.Learned learned = tree.learn(exec(H, "cat-1", "sh-1", "cat").event(), 1);
        assertThat(learned.upgraded()).containsExactly("cat-1");
        assertThat(learned.touched()).contains("sh-1", "cat-1");
    }

    @Test
    void unknownWithoutAnyParent() {
        Resolution r = feed(exec(H, "x-1").name("x"));
        assertThat(r.resolved()).isFalse();
        assertThat(r.awaitedId()).isNull();
        assertThat(r.unresolvedReason()).isEqualTo("no parent process known");
    }

    @Test
    void cyclesAreDetected() {
        store.insert("a", ProcessNode.builder().parentId("b").ownEvent(true).build());
        store.insert("b", ProcessNode.builder().parentId("a").ownEvent(true).build());
        Resolution r = tree.resolve(exec(H, "c").parent("a").event());
        assertThat(r.resolved()).isFalse();
        assertThat(r.unresolvedReason()).contains("loops back to a");
    }

    @Test
    void walkIsDepthBounded() {
        tree = treeWith(ProcessTreeSettings.builder()
                .maxAncestryDepth(5)
                .ancestryInOutput(3)
                .build());
        store.insert(
                "p0",
                ProcessNode.builder()
                        .selfLeader(LeaderSource.DECLARED, "bash", "sshd")
                        .ownEvent(true)
                        .build());
        for (int i = 1; i <= 6; i++) {
            store.insert(
                    "p" + i,
                    ProcessNode.builder().parentId("p" + (i - 1)).ownEvent(true).build());
        }
        Resolution tooDeep = tree.resolve(exec(H, "c").parent("p6").event());
        assertThat(tooDeep.resolved()).isFalse();
        assertThat(tooDeep.unresolvedReason()).contains("deeper than 5");
        assertThat(tooDeep.ancestry()).hasSize(3);

        Resolution withinReach = tree.resolve(exec(H, "d").parent("p4").event());
        assertThat(withinReach.leader().entityId()).isEqualTo("p0");
    }

    @Test
    void listingPastTheLeaderStopsWhereTheWalkWould() {
        tree = treeWith(ProcessTreeSettings.builder()
                .maxAncestryDepth(4)
                .ancestryInOutput(4)
                .build());
        store.insert(
                "leader",
                ProcessNode.builder()
                        .selfLeader(LeaderSource.DECLARED, "bash", "sshd")
                        .ownEvent(true)
                        .parentId("up-1")
                        .build());
        store.insert(
                "up-1", ProcessNode.builder().parentId("up-2").ownEvent(true).build());
        store.insert(
                "up-2", ProcessNode.builder().parentId("gone").ownEvent(true).build());
        assertThat(tree.resolve(exec(H, "c").parent("leader").event()).ancestry())
                .as("an untracked ancestor ends it")
                .extracting(Ancestor::entityId)
                .containsExactly("leader", "up-1", "up-2");

        store.replace(
                "up-2", ProcessNode.builder().parentId("leader").ownEvent(true).build());
        assertThat(tree.resolve(exec(H, "c").parent("leader").event()).ancestry())
                .as("so does a loop")
                .extracting(Ancestor::entityId)
                .containsExactly("leader", "up-1", "up-2");

        store.insert(
                "up-3", ProcessNode.builder().parentId("up-4").ownEvent(true).build());
        store.insert("up-4", ProcessNode.builder().ownEvent(true).build());
        store.replace(
                "up-2", ProcessNode.builder().parentId("up-3").ownEvent(true).build());
        assertThat(tree.resolve(exec(H, "c").parent("leader").event()).ancestry())
                .as("and the depth bound")
                .hasSize(4);

        tree = treeWith(ProcessTreeSettings.builder().ancestryInOutput(0).build());
        Resolution none = tree.resolve(exec(H, "c").parent("leader").event());
        assertThat(none.leader().entityId()).isEqualTo("leader");
        assertThat(none.parent()).isNull();
        assertThat(none.ancestry()).isEmpty();
    }

    @Test
    void ancestryFieldBuildsTheChain() {
        feed(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        Resolution r = feed(exec(H, "cat-1", "sh-2", "cat").ancestry("sh-2", "sh-1", "bash-1", "sshd-1"));
        assertThat(r.leader().entityId()).isEqualTo("bash-1");
        assertThat(r.ancestry()).extracting(Ancestor::entityId).containsExactly("sh-2", "sh-1", "bash-1", "sshd-1");
    }

    @Test
    void argsAreCapped() {
        String[] many = new String[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = "a" + i;
        }
        feed(exec(H, "x-1", "p", "x", many));
        assertThat(store.get("x-1").args()).hasSize(8);
        assertThat(store.get("x-1").argsTruncated()).isTrue();

        feed(exec(H, "y-1", "p", "y", "y", "z".repeat(300), "after"));
        assertThat(store.get("y-1").args()).containsExactly("y", "z".repeat(255));
        assertThat(store.get("y-1").argsTruncated()).isTrue();

        feed(exec(H, "w-1", "p", "w", "w", "-l"));
        assertThat(store.get("w-1").argsTruncated()).isFalse();
    }

    @Test
    void endedProcessesLingerThenGo() {
        tree = treeWith(ProcessTreeSettings.builder()
                .endedLinger(Duration.ofSeconds(10))
                .build());
        feed(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd").event(), 0);
        feed(end(H, "bash-1").event(), 1_000);
        assertThat(store.get("bash-1").endedAt()).isEqualTo(1_000);

        assertThat(tree.sweep(10_999)).isEqualTo(11_000);
        assertThat(feed(exec(H, "late-1", "bash-1", "cat").event(), 10_999)
                        .leader()
                        .name())
                .isEqualTo("bash");

        tree.sweep(11_000);
        assertThat(store.nodes).doesNotContainKey("bash-1").containsKeys("sshd-1", "late-1");
        assertThat(evicted).containsEntry(EvictionReason.ENDED, 1);
    }

    @Test
    void idleProcessesExpireUnlessTheyOrADescendantAreActive() {
        tree = treeWith(
                ProcessTreeSettings.builder().idleTtl(Duration.ofSeconds(64)).build());
        feed(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd").event(), 0);
        feed(exec(H, "sh-1", "bash-1", "sh").event(), 0);
        feed(exec(H, "idle-1", "bash-1", "sleep").event(), 0);
        // a child of sh at t=50s: its event names sh, not bash or sshd, and no walk reads them
        feed(exec(H, "cat-1", "sh-1", "cat").event(), 50_000);
        assertThat(store.get("sshd-1").lastAccess()).isZero();

        assertThat(tree.sweep(64_000)).isEqualTo(114_000);
        assertThat(store.nodes.keySet()).containsExactlyInAnyOrder("sshd-1", "bash-1", "sh-1", "cat-1");
        assertThat(evicted).containsEntry(EvictionReason.IDLE, 1);

        assertThat(tree.sweep(114_000)).isEqualTo(ProcessTree.NO_DEADLINE);
        assertThat(store.nodes).isEmpty();
    }

    @Test
    void activityClimbsParentLinksThatLoopWithoutLoopingItself() {
        tree = treeWith(
                ProcessTreeSettings.builder().idleTtl(Duration.ofSeconds(64)).build());
        store.insert(
                "a",
                ProcessNode.builder().parentId("b").ownEvent(true).lastAccess(0).build());
        store.insert(
                "b",
                ProcessNode.builder()
                        .parentId("a")
                        .ownEvent(true)
                        .lastAccess(30_000)
                        .build());

        assertThat(tree.sweep(64_000)).as("a is b's parent: active at 30 s").isEqualTo(94_000);
        assertThat(store.nodes).containsOnlyKeys("a", "b");
        assertThat(tree.sweep(94_000)).isEqualTo(ProcessTree.NO_DEADLINE);
    }

    @Test
    void touchIsRateLimited() {
        tree = treeWith(
                ProcessTreeSettings.builder().idleTtl(Duration.ofSeconds(64)).build()); // granularity 1 s
        feed(exec(H, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd").event(), 0);
        EcsEvent cat = exec(H, "cat-1", "bash-1", "cat").event();
        feed(cat, 0);
        int writes = store.writes;
        feed(cat, 500);
        assertThat(store.writes).isEqualTo(writes);
        feed(cat, 1_000);
        assertThat(store.get("cat-1").lastAccess()).isEqualTo(1_000);
        assertThat(store.get("bash-1").lastAccess()).as("named as the parent").isEqualTo(1_000);
        assertThat(store.get("sshd-1").lastAccess()).as("only walked past").isZero();
    }

    @Test
    void capCountsAProcessAsActiveAsItsMostRecentDescendant() {
        tree = treeWith(ProcessTreeSettings.builder().maxProcessesPerHost(4).build());
        feed(exec(H, "a", null, "a").event(), 10);
        feed(exec(H, "b", null, "b").event(), 20);
        feed(exec(H, "c", "a", "c").event(), 30); // a's own last access stays 10
        feed(exec(H, "d", null, "d").event(), 40);

        ProcessTree.Learned learned = tree.learn(exec(H, "e", null, "e").event(), 50);
        assertThat(tree.enforceCap(learned.touched())).isEqualTo(1);
        assertThat(store.get("a").lastAccess()).isEqualTo(10);
        assertThat(store.nodes.keySet()).containsExactlyInAnyOrder("a", "c", "d", "e");
    }

    @Test
    void capEvictsEndedFirstThenLeastRecentlyUsed() {
        tree = treeWith(ProcessTreeSettings.builder().maxProcessesPerHost(4).build());
        feed(exec(H, "a", null, "a").event(), 10); // lastAccess 10
        feed(exec(H, "b", null, "b").event(), 20);
        feed(exec(H, "c", null, "c").event(), 30);
        feed(end(H, "c").event(), 40); // ended
        feed(exec(H, "d", null, "d").event(), 50);
        assertThat(tree.enforceCap(Set.of())).isZero();

        ProcessTree.Learned learned = tree.learn(exec(H, "e", null, "e").event(), 60);
        assertThat(tree.enforceCap(learned.touched())).isEqualTo(1);
        assertThat(store.nodes.keySet()).containsExactlyInAnyOrder("a", "b", "d", "e");

        learned = tree.learn(exec(H, "f", null, "f").event(), 70);
        tree.enforceCap(learned.touched());
        assertThat(store.nodes.keySet()).containsExactlyInAnyOrder("b", "d", "e", "f");
        assertThat(evicted).containsEntry(EvictionReason.OVER_CAP, 2);
    }

    @Test
    void capEvictsABatchDownToNinetyPercent() {
        tree = treeWith(ProcessTreeSettings.builder().maxProcessesPerHost(20).build());
        for (int i = 0; i < 20; i++) {
            feed(exec(H, "p" + i, null, "x").event(), i);
        }
        ProcessTree.Learned learned = tree.learn(exec(H, "new", null, "x").event(), 100);
        assertThat(tree.enforceCap(learned.touched())).isEqualTo(3);
        assertThat(store.size()).isEqualTo(18);
        assertThat(store.nodes).containsKey("new").doesNotContainKeys("p0", "p1", "p2");
    }
}
