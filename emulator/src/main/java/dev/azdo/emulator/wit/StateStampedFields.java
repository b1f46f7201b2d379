package dev.azdo.emulator.wit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields the service's state rules own (Activated, Resolved and Closed Date and By, State
 * Change Date): like the service, a write may send them without an error, but only keeps them where
 * the rules allow. Without bypassRules the rules' own value wins (the sent one is discarded); with
 * bypassRules a sent value is kept only in a state whose category holds the field, as an EMPTY rule
 * clears it in the others.
 */
final class StateStampedFields {
  private static final String ACTIVATED_DATE = "Microsoft.VSTS.Common.ActivatedDate";
  private static final String ACTIVATED_BY = "Microsoft.VSTS.Common.ActivatedBy";
  private static final String RESOLVED_DATE = "Microsoft.VSTS.Common.ResolvedDate";
  private static final String RESOLVED_BY = "Microsoft.VSTS.Common.ResolvedBy";
  private static final String CLOSED_DATE = "Microsoft.VSTS.Common.ClosedDate";
  private static final String CLOSED_BY = "Microsoft.VSTS.Common.ClosedBy";
  private static final String STATE_CHANGE_DATE = "Microsoft.VSTS.Common.StateChangeDate";

  // The state categories in which each field keeps a value; an empty set: every category.
  private static final Map<String, Set<String>> HELD_IN =
      Map.of(
          ACTIVATED_DATE.toLowerCase(Locale.ROOT), Set.of("InProgress", "Resolved", "Completed"),
          ACTIVATED_BY.toLowerCase(Locale.ROOT), Set.of("InProgress", "Resolved", "Completed"),
          RESOLVED_DATE.toLowerCase(Locale.ROOT), Set.of("Resolved", "Completed"),
          RESOLVED_BY.toLowerCase(Locale.ROOT), Set.of("Resolved", "Completed"),
          CLOSED_DATE.toLowerCase(Locale.ROOT), Set.of("Completed"),
          CLOSED_BY.toLowerCase(Locale.ROOT), Set.of("Completed"),
          STATE_CHANGE_DATE.toLowerCase(Locale.ROOT), Set.of());

  private StateStampedFields() {}

  /** Tells whether the state rules own a field, so sending it is accepted rather than refused. */
  static boolean contains(String ref) {
    return HELD_IN.containsKey(ref.toLowerCase(Locale.ROOT));
  }

  /** Returns the values a patch sent for the stamped fields, before the state rules ran. */
  static Map<String, Object> sent(Map<String, Object> fields, Set<String> given) {
    Map<String, Object> sent = new HashMap<>();
    for (String ref : given) {
      if (contains(ref)) {
        sent.put(ref, fields.get(ref));
      }
    }
    return sent;
  }

  /**
   * After the state rules ran, keeps or discards each stamped field the patch sent.
   *
   * @param fields the work item's fields as they will be saved
   * @param sent what {@link #sent} returned before the state rules ran
   * @param before the fields before this write (empty for a create)
   * @param category the state category the item ends in ("" when unknown)
   * @param bypassRules whether the write skips the rules
   */
  static void settle(
      Map<String, Object> fields,
      Map<String, Object> sent,
      Map<String, Object> before,
      String category,
      boolean bypassRules) {
    for (Map.Entry<String, Object> e : sent.entrySet()) {
      String ref = e.getKey();
      if (bypassRules) {
        Set<String> held = HELD_IN.get(ref.toLowerCase(Locale.ROOT));
        boolean known = category != null && !category.isEmpty() && !category.equals("Removed");
        if (known && !held.isEmpty() && !held.contains(category)) {
          fields.remove(ref);
        }
      } else if (fields.get(ref) == e.getValue()) {
        // The rules did not stamp or clear it on this write: the sent value is not kept.
        Object old = before.get(ref);
        if (old == null) {
          fields.remove(ref);
        } else {
          fields.put(ref, old);
        }
      }
    }
  }
}
