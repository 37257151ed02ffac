package dev.streamrules.udfs.alert;

import dev.streamrules.udfs.ecs.FieldProjection;
import java.util.List;

/**
 * The event fields {@link AlertBuilder}, {@link AlertReason} and {@link AlertId} read from an event's field index (the
 * alert's reason and identity). The rest of the alert comes from the event's whole document, so a
 * job parsing a projection must include these, or reasons would say {@code <unknown>}.
 */
public final class AlertFields {

    public static final FieldProjection READ = FieldProjection.of(List.of(
            "event.id",
            "event.category",
            "host.name",
            "user.name",
            "process.name",
            "process.parent.name",
            "file.name",
            "source.address",
            "source.port",
            "destination.address",
            "destination.port"));

    private AlertFields() {}
}
