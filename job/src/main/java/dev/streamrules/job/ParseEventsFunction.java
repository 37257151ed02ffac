package dev.streamrules.job;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.HostIdScan;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses raw records; what cannot be an event goes to {@link Streams#DEAD_LETTERS}, never an exception. */
public class ParseEventsFunction extends ProcessFunction<RawRecord, EcsEvent> {

    private static final long serialVersionUID = 1L;

    private final EcsEventParser parser;
    private transient Counter read;
    private transient Counter valid;
    private transient Counter dead;
    private transient Counter withoutHost;
    private transient LongCounter readTotal;
    private transient LongCounter validTotal;
    private transient LongCounter deadTotal;
    private transient LongCounter withoutHostTotal;

    /** Extracts every field of every event. */
    public ParseEventsFunction() {
        this(FieldProjection.all());
    }

    /** Extracts only the fields of {@code projection} (plus {@code host.id}); events keep their original bytes. */
    public ParseEventsFunction(FieldProjection projection) {
        this.parser = new EcsEventParser(projection);
    }

    @Override
    public void open(OpenContext openContext) {
        read = getRuntimeContext().getMetricGroup().counter(Streams.RECORDS_READ);
        valid = getRuntimeContext().getMetricGroup().counter(Streams.RECORDS_VALID);
        dead = getRuntimeContext().getMetricGroup().counter(Streams.RECORDS_DEAD);
        readTotal = getRuntimeContext().getLongCounter(Streams.RECORDS_READ);
        validTotal = getRuntimeContext().getLongCounter(Streams.RECORDS_VALID);
        deadTotal = getRuntimeContext().getLongCounter(Streams.RECORDS_DEAD);
        withoutHost = getRuntimeContext().getMetricGroup().counter(Streams.EVENTS_WITHOUT_HOST);
        withoutHostTotal = getRuntimeContext().getLongCounter(Streams.EVENTS_WITHOUT_HOST);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<EcsEvent> out) {
        read.inc();
        readTotal.add(1L);
        ParseResult result = routed(record, parser.parse(record));
        if (result.isValid()) {
            valid.inc();
            validTotal.add(1L);
            if (!result.event().hasHost()) {
                withoutHost.inc();
                withoutHostTotal.add(1L);
            }
            out.collect(result.event());
        } else {
            dead.inc();
            deadTotal.add(1L);
            ctx.output(Streams.DEAD_LETTERS, result.deadLetter());
        }
    }

    /**
     * After {@link RouteByHost}, the events leave this subtask already partitioned by host, which the
     * job relies on instead of shuffling again. A record routed by another key than its parsed
     * {@code host.id} would be a bug of {@link dev.streamrules.udfs.ecs.HostIdScan}; it becomes a dead
     * letter saying so, rather than state under the wrong key or a job that fails on every restart.
     */
    static ParseResult routed(RawRecord record, ParseResult result) {
        if (!result.isValid() || record.getHostKey() == null) {
            return result;
        }
        String host = Objects.requireNonNullElse(result.event().getHostId(), HostIdScan.NO_HOST);
        if (record.getHostKey().equals(host)) {
            return result;
        }
        return ParseResult.dead(
                record,
                "routed by host.id '" + record.getHostKey() + "' but its host.id is '" + host
                        + "' (a bug of the host-id scan: please report it with this record)");
    }
}
