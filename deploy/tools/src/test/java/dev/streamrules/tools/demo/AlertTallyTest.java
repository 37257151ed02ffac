package dev.streamrules.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTallyTest {

    @Test
    void oneDocumentPerExpectedEventIsExact() {
        AlertTally t = new AlertTally();
        t.add("e1", "d1");
        t.add("e2", "d2");
        assertThat(t.documents()).isEqualTo(2);
        assertThat(t.duplicates()).isZero();
        assertThat(t.exactly(Set.of("e1", "e2"))).isTrue();
        assertThat(t.line("Elasticsearch", 2)).isEqualTo("alerts: 2 in Elasticsearch, 2 expected, 0 duplicates");
    }

    @Test
    void documentsBeyondOnePerSourceEventAreDuplicates() {
        AlertTally t = new AlertTally();
        t.add("e1", "d1");
        t.add("e1", "d1-again");
        t.add("e1", "d1-third");
        t.add("e2", "d2");
        assertThat(t.documents()).isEqualTo(4);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.exactly(Set.of("e1", "e2"))).isFalse();
        assertThat(t.line("Elasticsearch", 2)).isEqualTo("alerts: 4 in Elasticsearch, 2 expected, 2 duplicates");
    }

    @Test
    void readingTheSameDocumentTwiceIsNotADuplicate() {
        AlertTally t = new AlertTally();
        t.add("e1", "d1");
        t.add("e1", "d1");
        assertThat(t.documents()).isEqualTo(1);
        assertThat(t.duplicates()).isZero();
    }

    @Test
    void aMissingAndAnUnexpectedAlertCanHideBehindEqualCounts() {
        AlertTally t = new AlertTally();
        t.add("e1", "d1");
        t.add("not-an-attack", "d9");
        Set<String> expected = Set.of("e1", "e2");
        assertThat(t.documents()).isEqualTo(expected.size());
        assertThat(t.duplicates()).isZero();
        assertThat(t.missing(expected)).containsExactly("e2");
        assertThat(t.unexpected(expected)).containsExactly("not-an-attack");
        assertThat(t.exactly(expected)).as("equal counts are not enough").isFalse();
    }

    @Test
    void documentsWithoutASourceEventIdShareOneKey() {
        AlertTally t = new AlertTally();
        t.add(null, "d1");
        t.add(null, "d2");
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.unexpected(List.of())).containsExactly(AlertTally.NO_EVENT_ID);
    }

    @Test
    void missingAndUnexpectedAreSorted() {
        AlertTally t = new AlertTally();
        t.add("z", "1");
        t.add("a", "2");
        assertThat(t.unexpected(List.of())).containsExactly("a", "z");
        assertThat(new AlertTally().missing(List.of("c", "b"))).containsExactly("b", "c");
    }

    @Test
    void nothingExpectedNothingFound() {
        AlertTally t = new AlertTally();
        assertThat(t.exactly(Set.of())).isTrue();
        assertThat(t.line("Elasticsearch", 0)).isEqualTo("alerts: 0 in Elasticsearch, 0 expected, 0 duplicates");
    }
}
