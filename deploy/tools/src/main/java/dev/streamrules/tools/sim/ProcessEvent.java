package dev.streamrules.tools.sim;

/** One thing that happened to a process, before it is rendered as a document. */
record ProcessEvent(ProcessAction action, ProcessNode node, EventLabel label, int exitCode) {}
