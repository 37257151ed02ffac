package dev.streamrules.job;

import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.HostIdScan;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Gives each raw record the {@code host.id} it is partitioned by before parsing: a byte scan
 * ({@link HostIdScan}) for the usual shapes, a parse of {@code host.id} alone for the rest, so the
 * key is the parsed event's host id for every valid event. A record that will be a dead letter
 * may get any key (the scan stops at the first host id, before a later syntax error).
 */
public class RouteByHost implements MapFunction<RawRecord, RawRecord> {

    private static final long serialVersionUID = 1L;

    private final EcsEventParser hostOnly = new EcsEventParser(FieldProjection.of(List.of()));

    @Override
    public RawRecord map(RawRecord record) {
        record.setHostKey(keyOf(record));
        return record;
    }

    String keyOf(RawRecord record) {
        if (record.isTruncated()) {
            return HostIdScan.NO_HOST;
        }
        String scanned = HostIdScan.scan(record.getPayload());
        if (scanned != null) {
            return scanned;
        }
        ParseResult parsed = hostOnly.parse(record);
        return parsed.isValid()
                ? Objects.requireNonNullElse(parsed.event().getHostId(), HostIdScan.NO_HOST)
                : HostIdScan.NO_HOST;
    }
}
