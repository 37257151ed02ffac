package dev.streamrules.job.sink.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test handler: every parallel writer's rejections land in one list, found by a per-handler id. */
final class CollectingRejectedAlertHandler implements RejectedAlertHandler {

    private static final long serialVersionUID = 1L;

    private static final Map<String, List<RejectedAlert>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    CollectingRejectedAlertHandler() {
        RESULTS.put(id, new CopyOnWriteArrayList<>());
    }

    @Override
    public void onRejected(RejectedAlert alert) {
        RESULTS.get(id).add(alert);
    }

    List<RejectedAlert> rejected() {
        return new ArrayList<>(RESULTS.get(id));
    }
}
