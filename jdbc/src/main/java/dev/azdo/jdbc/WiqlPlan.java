package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * What a WorkItems scan asks WIQL for: the pushed conditions, the order and the {@code $top}.
 *
 * @param conditions WIQL conditions, ANDed after the project's
 * @param orderBy WIQL order keys ({@code [System.Id] DESC}), empty for the id order
 * @param top the most ids wanted, 0 for all
 */
record WiqlPlan(List<String> conditions, List<String> orderBy, int top) {
  /** Everything in the project, in id order. */
  static final WiqlPlan ALL = new WiqlPlan(List.of(), List.of(), 0);

  /** Tells whether nothing but the project is asked for yet. */
  boolean isEmpty() {
    return conditions.isEmpty() && orderBy.isEmpty() && top == 0;
  }

  /** This plan with the conditions added. */
  WiqlPlan where(List<String> more) {
    List<String> all = new ArrayList<>(conditions);
    all.addAll(more);
    return new WiqlPlan(List.copyOf(all), orderBy, top);
  }

  /** This plan with an order and a top. */
  WiqlPlan orderedTop(List<String> keys, int n) {
    return new WiqlPlan(conditions, List.copyOf(keys), n);
  }

  /** The WIQL query text sent to the service. */
  String wiql() {
    StringBuilder q =
        new StringBuilder(
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project");
    for (String c : conditions) {
      q.append(" AND ").append(c);
    }
    q.append(" ORDER BY ").append(orderBy.isEmpty() ? "[System.Id]" : String.join(", ", orderBy));
    return q.toString();
  }
}
