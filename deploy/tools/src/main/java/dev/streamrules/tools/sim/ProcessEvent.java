package dev.streamrules.tools.sim;

/**
 * One thing that happened to a process, before it is rendered as a document. {@code mark} is set on
 * the events of a planted sequence (attack or near miss), null elsewhere.
 */
record ProcessEvent(ProcessAction action, ProcessNode node, EventLabel label, int exitCode, SequenceMark mark) {

    ProcessEvent(ProcessAction action, ProcessNode node, EventLabel label, int exitCode) {
        this(action, node, label, exitCode, null);
    }

    ProcessEvent marked(SequenceMark sequenceMark) {
        return new ProcessEvent(action, node, label, exitCode, sequenceMark);
    }
}
