package dev.azdo.client;

/**
 * One row of a tree or one-hop link query: a link from a source to a target work item.
 *
 * @param rel the link type reference name (such as {@code System.LinkTypes.Hierarchy-Forward}), or
 *     null for a top-level row
 * @param sourceId the source work item id, or 0 for a top-level row
 * @param targetId the target work item id
 */
public record WorkItemLink(String rel, int sourceId, int targetId) {}
