package dev.azdo.client;

import java.util.List;

/**
 * What a WIQL query returned, every page of a split query together.
 *
 * @param queryType {@code flat}, {@code tree} or {@code oneHop}
 * @param columns the fields of the query's SELECT, in order
 * @param ids the matching work item ids in the query's order (for link queries: each id once, in
 *     the order of first appearance)
 * @param links the rows of a tree or one-hop query in the service's order, or empty for a flat one
 * @param asOf when the query ran (ISO 8601), as the service reported it, or null
 * @param split true when the query was cut into pages to pass the 20,000 result cap (VS402337)
 * @param calls how many WIQL calls it took
 */
public record QueryResult(
    String queryType,
    List<WiqlColumn> columns,
    List<Integer> ids,
    List<WorkItemLink> links,
    String asOf,
    boolean split,
    int calls) {

  /** Tells whether the query was a tree or one-hop link query. */
  public boolean isLinkQuery() {
    return !"flat".equalsIgnoreCase(queryType);
  }
}
