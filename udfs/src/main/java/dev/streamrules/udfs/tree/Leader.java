package dev.streamrules.udfs.tree;

/**
 * An entry or session leader as resolved for one event.
 *
 * @param entityId its {@code entity_id}, or {@code null} when only its name is known
 * @param name its process name, or {@code null}
 * @param type {@code entry_meta.type} (entry leaders only), or {@code null}
 * @param pid its pid, or {@link ProcessNode#NO_PID}
 */
public record Leader(String entityId, String name, String type, long pid) {

    Leader withMissingFrom(Leader other) {
        if (other == null) {
            return this;
        }
        return new Leader(
                entityId != null ? entityId : other.entityId,
                name != null ? name : other.name,
                type != null ? type : other.type,
                pid != ProcessNode.NO_PID ? pid : other.pid);
    }
}
