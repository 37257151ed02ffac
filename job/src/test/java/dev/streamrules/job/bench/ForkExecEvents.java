package dev.streamrules.job.bench;

import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Process exec events of a fleet whose hosts each gain one live process per round: event number
 * {@code seq} is process {@code seq / hosts} of host {@code seq % hosts}, so every parent comes a
 * whole round (one event per host) before its children and the tree never waits. Each host is a
 * Linux box with Elastic Defend-style events (88-character entity ids, entry and session leaders):
 * systemd, sshd, then interactive ssh sessions of a bash and 24 commands each.
 *
 * <p>The driver ({@link TreeStateBenchmark}) runs the MiniCluster in its own JVM and hands out an
 * event budget through {@link #allow(long)}: the source's readers share {@link #NEXT} and, once the
 * budget is spent, emit one idle record (not JSON: a dead letter, no state) every
 * {@value #IDLE_MILLIS} ms, so that the job stays up for checkpoints and a restore.
 */
final class ForkExecEvents implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    static final String SOURCE = "bench-fork-exec";
    private static final long IDLE_MILLIS = 10;
    private static final byte[] IDLE = "idle".getBytes(StandardCharsets.UTF_8);
    private static final Instant BOOT = Instant.parse("2026-11-01T08:00:00Z");
    private static final int SESSION = 25;
    private static final String[][] COMMANDS = {
        {"vim", "/etc/nginx/nginx.conf"},
        {"tail", "-n", "200", "-f", "/var/log/nginx/access.log"},
        {"python3", "/opt/reports/build.py", "--since", "2026-11-01", "--format", "csv"},
        {"less", "/var/log/syslog"},
        {"top", "-d", "5"},
        {"sh", "-c", "journalctl -u app --since today | grep -i error"},
    };

    /** The next event number any reader will emit; shared by the readers of the one JVM. */
    private static final AtomicLong NEXT = new AtomicLong();

    private static volatile long allowed;

    private final int hosts;

    ForkExecEvents(int hosts) {
        this.hosts = hosts;
    }

    /** Lets the source emit events up to (excluding) number {@code total}. */
    static void allow(long total) {
        allowed = total;
    }

    /** Events emitted so far. */
    static long emitted() {
        return Math.min(NEXT.get(), allowed);
    }

    @Override
    public RawRecord map(Long ignored) throws Exception {
        long seq;
        do {
            seq = NEXT.get();
            if (seq >= allowed) {
                TimeUnit.MILLISECONDS.sleep(IDLE_MILLIS);
                return new RawRecord(SOURCE, 0, -1, IDLE, false);
            }
        } while (!NEXT.compareAndSet(seq, seq + 1));
        return new RawRecord(SOURCE, 0, seq, event(seq).getBytes(StandardCharsets.UTF_8), false);
    }

    String event(long seq) {
        int host = (int) (seq % hosts);
        long number = seq / hosts;
        String hostId = String.format("bench-host-%06d", host);
        Proc p = proc(host, number);
        EcsEventBuilder e = EcsEventBuilder.exec(hostId, p.entityId)
                .timestamp(p.start)
                .pid(p.pid)
                .name(p.args[0])
                .executable("/usr/bin/" + p.args[0])
                .args(p.args)
                .start(p.start)
                .user(number < 2 ? "root" : "alice");
        if (number == 0) {
            return e.ownEntryLeader("init").json();
        }
        Proc parent = proc(host, parentOf(number));
        e.parent(parent.entityId, parent.pid, parent.args[0], parent.args);
        if (number == 1) {
            Proc systemd = proc(host, 0);
            return e.entryLeader(systemd.entityId, "systemd", "init").json();
        }
        if (sessionPosition(number) == 0) {
            return e.ownEntryLeader("sshd").sessionLeader(p.entityId, "bash").json();
        }
        return e.entryLeader(parent.entityId, "bash", "sshd")
                .sessionLeader(parent.entityId, "bash")
                .json();
    }

    private static long sessionPosition(long number) {
        return (number - 2) % SESSION;
    }

    /** systemd has none; sshd's is systemd; a session's bash has sshd; a command has its session's bash. */
    private static long parentOf(long number) {
        if (number == 1) {
            return 0;
        }
        long position = sessionPosition(number);
        return position == 0 ? 1 : number - position;
    }

    private record Proc(long pid, String[] args, Instant start, String entityId) {}

    private static Proc proc(int host, long number) {
        String[] args;
        long pid;
        if (number == 0) {
            args = new String[] {"systemd", "--system", "--deserialize", "31"};
            pid = 1;
        } else if (number == 1) {
            args = new String[] {"sshd", "-D"};
            pid = 812;
        } else if (sessionPosition(number) == 0) {
            args = new String[] {"bash", "-l"};
            pid = 1000 + number;
        } else {
            args = COMMANDS[(int) (number % COMMANDS.length)];
            pid = 1000 + number;
        }
        Instant start = BOOT.plusMillis(number * 1_000 + host);
        String agent = String.format("%08x-2c4d-4e5f-8a9b-%012x", host * 2654435761L & 0xffffffffL, (long) host);
        String id = agent + "-" + pid + "-" + start.getEpochSecond() + "." + String.format("%09d", start.getNano());
        return new Proc(pid, args, start, Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
    }
}
