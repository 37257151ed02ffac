package dev.streamrules.tools.demo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Optional second count (--alerts-topic): the job's transactional alerts topic read with
 * read_committed, which shows alerts only once the checkpoint that wrote them has committed.
 */
final class AlertsTopicCheck {

    private AlertsTopicCheck() {}

    /**
     * Reads the topic until it holds every expected alert and sequence or {@code graceEnd}
     * (System.nanoTime) passes.
     */
    static boolean exactlyOnce(
            String bootstrapServers,
            String topicName,
            Set<String> expectedIds,
            Set<String> expectedSequences,
            long graceEnd,
            Console console) {
        try (CommittedAlerts topic = new CommittedAlerts(bootstrapServers, topicName)) {
            do {
                topic.catchUp(Duration.ofSeconds(5));
                if (topic.tally().documents() >= expectedIds.size()
                        && topic.groups().shellLines().size() >= expectedSequences.size()) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < graceEnd);
            topic.catchUp(Duration.ofSeconds(2));
            AlertTally tally = topic.tally();
            List<String> missing = tally.missing(expectedIds);
            console.say("alerts topic " + topicName + " (read_committed): " + tally.documents() + " records, "
                    + tally.duplicates() + " duplicates, " + missing.size() + " expected missing, "
                    + tally.unexpected(expectedIds).size() + " unexpected"
                    + (topic.unreadable() > 0 ? ", " + topic.unreadable() + " unreadable" : ""));
            boolean sequencesOk = true;
            if (!expectedSequences.isEmpty()) {
                SequenceCheck sequences = SequenceCheck.of(topic.groups(), expectedSequences);
                console.say("alerts topic " + topicName + " (read_committed): " + sequences.line("the topic")
                        + (sequences.exactly() ? "" : "; " + sequences.problems()));
                sequencesOk = sequences.exactly();
            }
            return tally.exactly(expectedIds) && sequencesOk && topic.unreadable() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            console.say("alerts topic " + topicName + ": cannot read it: " + e.getMessage());
            return false;
        }
    }
}
