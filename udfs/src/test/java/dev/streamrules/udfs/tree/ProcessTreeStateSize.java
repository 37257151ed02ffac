package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Measures the serialized size of one host's tree at 300 live processes, with the serializers of
 * the operator's state descriptors. Not a unit test: run it by hand (see docs/process-tree.md).
 *
 * <p>The host is an Elastic Defend-like Linux box: systemd, services, and interactive ssh sessions
 * running everyday commands; entity ids are Elastic's 88-character base64 form. The events are
 * learned by the real {@link ProcessTree}, so the nodes are what production would store.
 */
public final class ProcessTreeStateSize {

    private static final String HOST = "9f1c2e7a-host";
    private static final String AGENT = "6b3a1f0e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final Instant BOOT = Instant.parse("2024-05-01T08:00:00Z");
    private static final int LIVE = 300;

    private static final String[][] COMMANDS = {
        {"ls", "--color=auto", "-la"},
        {"cat", "/proc/2211/maps"},
        {"grep", "-rn", "TODO", "/home/alice/src/service"},
        {"python3", "/opt/app/server.py", "--port", "8080", "--workers", "4"},
        {"vim", "notes.txt"},
        {"tail", "-f", "/var/log/syslog"},
        {"sh", "-c", "ps aux | grep java | grep -v grep"},
        {"sleep", "3600"},
        {
            "java",
            "-Xmx2g",
            "-Dlog4j.configurationFile=/etc/app/log4j2.xml",
            "-cp",
            "/opt/app/lib/app.jar:/opt/app/lib/dep1.jar:/opt/app/lib/dep2.jar:/opt/app/lib/dep3.jar",
            "com.example.Main",
            "--config",
            "/etc/app/app.yaml",
            "--verbose"
        },
        {"ssh", "-o", "StrictHostKeyChecking=no", "build@10.0.0.12"},
    };

    private ProcessTreeStateSize() {}

    public static void main(String[] args) throws IOException {
        System.out.println("Process-tree state size: one host, " + LIVE + " live processes,"
                + " Elastic Defend-style 88-character entity ids");
        System.out.println();
        report("A. events carry process.entry_leader / session_leader (Elastic Defend)", true);
        System.out.println();
        report("B. events without leader fields (other sources; leader resolved from state and cached)", false);
    }

    private static void report(String title, boolean inlineLeaders) throws IOException {
        InMemoryNodeStore store = new InMemoryNodeStore();
        ProcessTree tree = new ProcessTree(store, ProcessTreeSettings.defaults(), TreeMetrics.NONE);
        long now = BOOT.toEpochMilli() + 3_600_000;
        for (EcsEvent e : host(inlineLeaders)) {
            tree.learn(e, now);
            tree.resolve(e);
            now += 3;
        }
        TypeSerializer<String> keys = ProcessTreeState.NODES.getKeySerializer();
        TypeSerializer<ProcessNode> values = ProcessTreeState.NODES.getValueSerializer();
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<PlainNode> plain = TypeInformation.of(PlainNode.class).createSerializer(noKryo);
        TypeSerializer<HostState> hostSerializer =
                TypeInformation.of(HostState.class).createSerializer(noKryo);

        IntSummaryStatistics value = new IntSummaryStatistics();
        IntSummaryStatistics key = new IntSummaryStatistics();
        IntSummaryStatistics plainValue = new IntSummaryStatistics();
        IntSummaryStatistics plainKey = new IntSummaryStatistics();
        for (Map.Entry<String, ProcessNode> e : store.nodes.entrySet()) {
            value.accept(size(values, e.getValue()));
            key.accept(size(keys, e.getKey()));
            plainValue.accept(size(plain, PlainNode.of(e.getKey(), e.getValue())));
            plainKey.accept(size(StringSerializer.INSTANCE, e.getKey()));
        }
        HostState hs = new HostState();
        hs.setNodes(store.size());
        hs.setSweepAt(now + 86_400_000L);
        int hostBytes = size(hostSerializer, hs);

        System.out.println(title);
        System.out.printf("  tracked processes                     %d%n", value.getCount());
        System.out.printf(
                "  node value (ProcessNodeSerializer)    avg %.1f  min %d  max %d bytes%n",
                value.getAverage(), value.getMin(), value.getMax());
        System.out.printf("  map key (EntityIdSerializer)          avg %.1f bytes%n", key.getAverage());
        System.out.printf(
                "  key + value per process               avg %.1f bytes%n", value.getAverage() + key.getAverage());
        System.out.printf(
                "  per host: all nodes + keys + HostState %d bytes (%.1f KiB)%n",
                value.getSum() + key.getSum() + hostBytes, (value.getSum() + key.getSum() + hostBytes) / 1024.0);
        System.out.printf(
                "  for comparison, a plain String POJO:  value avg %.1f, key+value avg %.1f bytes%n",
                plainValue.getAverage(), plainValue.getAverage() + plainKey.getAverage());
    }

    /** The host's events, parents before children, until {@link #LIVE} processes are known. */
    private static List<EcsEvent> host(boolean inlineLeaders) {
        List<EcsEvent> events = new ArrayList<>();
        Proc systemd = new Proc(1, "systemd", new String[] {"/sbin/init", "splash"}, null);
        Proc sshd = new Proc(812, "sshd", new String[] {"/usr/sbin/sshd", "-D"}, systemd);
        events.add(systemd.exec(null, "init", inlineLeaders));
        events.add(sshd.exec(systemd, "init", inlineLeaders));
        int pid = 2000;
        int count = 2;
        // services under systemd
        for (int i = 0; i < 20; i++) {
            Proc svc = new Proc(pid++, "svc" + i, COMMANDS[8], systemd);
            events.add(svc.exec(systemd, "init", inlineLeaders));
            count++;
        }
        // interactive ssh sessions: sshd → sshd: alice → bash (entry leader) → commands
        while (count < LIVE) {
            Proc priv = new Proc(pid++, "sshd", new String[] {"sshd: alice [priv]"}, sshd);
            events.add(priv.exec(systemd, "init", inlineLeaders));
            Proc bash = new Proc(pid++, "bash", new String[] {"-bash"}, priv);
            events.add(bash.execAsLeader(inlineLeaders));
            count += 2;
            for (int c = 0; c < 25 && count < LIVE; c++) {
                String[] cmd = COMMANDS[c % COMMANDS.length];
                Proc child = new Proc(pid++, cmd[0], cmd, bash);
                events.add(child.exec(bash, "sshd", inlineLeaders));
                count++;
            }
        }
        return events;
    }

    /** One simulated process. */
    private static final class Proc {
        final long pid;
        final String name;
        final String[] args;
        final Proc parent;
        final String entityId;
        final Instant start;

        Proc(long pid, String name, String[] args, Proc parent) {
            this.pid = pid;
            this.name = name;
            this.args = args;
            this.parent = parent;
            this.start = BOOT.plusMillis(pid * 137);
            String startText = start.getEpochSecond() + "." + String.format("%09d", start.getNano());
            this.entityId = Base64.getEncoder()
                    .encodeToString((AGENT + "-" + pid + "-" + startText).getBytes(StandardCharsets.UTF_8));
        }

        EcsEvent exec(Proc leader, String leaderType, boolean inline) {
            EcsEventBuilder e = base();
            if (inline && leader != null) {
                e.entryLeader(leader.entityId, leader.name, leaderType).sessionLeader(leader.entityId, leader.name);
            } else if (inline) {
                e.ownEntryLeader(leaderType);
            }
            return e.event();
        }

        EcsEvent execAsLeader(boolean inline) {
            EcsEventBuilder e = base();
            if (inline) {
                e.ownEntryLeader("sshd").sessionLeader(entityId, name);
            }
            return e.event();
        }

        private EcsEventBuilder base() {
            EcsEventBuilder e = EcsEventBuilder.exec(HOST, entityId)
                    .pid(pid)
                    .name(name)
                    .executable((name.startsWith("svc") ? "/usr/lib/jvm/bin/" : "/usr/bin/") + name)
                    .args(args)
                    .start(start)
                    .user("alice");
            if (parent != null) {
                e.parent(parent.entityId, parent.pid, parent.name, parent.args);
            }
            return e;
        }
    }

    private static <T> int size(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.length();
    }

    /** The same facts as a POJO with plain String fields, to show what the compact format saves. */
    public static class PlainNode {
        public long pid;
        public String parentId;
        public String name;
        public String executable;
        public String[] args;
        public String userName;
        public long start;
        public long imageTime;
        public String leaderId;
        public String leaderName;
        public String leaderType;
        public String sessionLeaderId;
        public String sessionLeaderName;
        public long lastAccess;
        public long endedAt;
        public int flags;

        public PlainNode() {}

        static PlainNode of(String id, ProcessNode n) {
            PlainNode p = new PlainNode();
            p.pid = n.pid();
            p.parentId = n.parentId();
            p.name = n.name();
            p.executable = n.executable();
            p.args = n.args().toArray(new String[0]);
            p.userName = n.userName();
            p.start = n.start();
            p.imageTime = n.imageTime();
            p.leaderId = n.isEntryLeader() ? id : n.leaderId();
            p.leaderName = n.leaderName();
            p.leaderType = n.leaderType();
            p.sessionLeaderId = n.isSessionLeader() ? id : n.sessionLeaderId();
            p.sessionLeaderName = n.sessionLeaderName();
            p.lastAccess = n.lastAccess();
            p.endedAt = n.endedAt();
            p.flags = (n.ownEvent() ? 1 : 0)
                    | (n.settled() ? 2 : 0)
                    | n.leaderSource().ordinal() << 2;
            return p;
        }
    }
}
