package dev.streamrules.udfs.sequence;

/** What {@link SampleMatcher} keeps for one rule and one join key: the candidates per step. A Flink POJO. */
public class SampleState {

    private SampleCandidate[] candidates = new SampleCandidate[0];

    public SampleCandidate[] getCandidates() {
        return candidates;
    }

    public void setCandidates(SampleCandidate[] candidates) {
        this.candidates = candidates;
    }
}
