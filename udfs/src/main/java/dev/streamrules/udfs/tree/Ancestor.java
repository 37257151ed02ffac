package dev.streamrules.udfs.tree;

/** One ancestor of an event's process as the tree knows it: its entity id and its node. */
public record Ancestor(String entityId, ProcessNode node) {}
