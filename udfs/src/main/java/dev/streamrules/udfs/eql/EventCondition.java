package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.io.Serializable;

/** A boolean condition over one event, as in an EQL {@code where} clause. */
@FunctionalInterface
public interface EventCondition extends Serializable {

    boolean test(EcsEvent event);
}
