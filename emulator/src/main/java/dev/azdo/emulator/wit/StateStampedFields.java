package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.FieldValues.onType;
import static dev.azdo.emulator.wit.FieldValues.str;

import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import dev.azdo.emulator.wit.WorkItemEngine.Draft;
import dev.azdo.emulator.wit.WorkItemEngine.Options;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields the service's state rules own (Activated, Resolved and Closed Date and By, State
 * Change Date): like the service, a write may send them without an error, but only keeps them where
 * the rules allow. Without bypassRules the rules' own value wins (the sent one is discarded); with
 * bypassRules a sent value is kept only in a state whose category holds the field, as an EMPTY rule
 * clears it in the others. Entering a state category stamps or clears them, and a new state without
 * a reason gets the type's default reason.
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

  /** The type's default System.Reason for a state, else the service's generic one. */
  static String reasonFor(WorkItemTypeDef type, String state) {
    if (type.defaultReasons() != null && state != null) {
      for (Map.Entry<String, String> e : type.defaultReasons().entrySet()) {
        if (e.getKey().equalsIgnoreCase(state)) {
          return e.getValue();
        }
      }
    }
    return state == null ? "New" : "Moved to state " + state;
  }

  /** Sets the dates and people the service records when a work item enters a state category. */
  static void enterState(
      Draft d, WorkItemTypeDef type, String from, String to, Identity caller, Options opt) {
    Map<String, Object> f = d.fields;
    String now = str(f.get("System.ChangedDate"));
    d.type = type;
    if (onType(type, "Microsoft.VSTS.Common.StateChangeDate")
        && !(opt.bypassRules() && d.given.contains("Microsoft.VSTS.Common.StateChangeDate"))) {
      f.put("Microsoft.VSTS.Common.StateChangeDate", now);
    }
    String category = category(type, to);
    String who = caller.combinedName();
    if (category.equals("Proposed")) {
      clear(d, opt, "Microsoft.VSTS.Common.ActivatedDate", "Microsoft.VSTS.Common.ActivatedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ResolvedDate", "Microsoft.VSTS.Common.ResolvedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("InProgress")) {
      stamp(
          d,
          opt,
          "Microsoft.VSTS.Common.ActivatedDate",
          "Microsoft.VSTS.Common.ActivatedBy",
          now,
          who);
      clear(d, opt, "Microsoft.VSTS.Common.ResolvedDate", "Microsoft.VSTS.Common.ResolvedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("Resolved")) {
      stamp(
          d,
          opt,
          "Microsoft.VSTS.Common.ResolvedDate",
          "Microsoft.VSTS.Common.ResolvedBy",
          now,
          who);
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("Completed")) {
      stamp(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy", now, who);
    }
  }

  /** The category of a state of the type ("Proposed", "InProgress", ...); "" when unknown. */
  static String category(WorkItemTypeDef type, String state) {
    if (type.states() != null) {
      for (StateDef s : type.states()) {
        if (s.name().equalsIgnoreCase(state)) {
          return s.category() == null ? "" : s.category();
        }
      }
    }
    return "";
  }

  private static void stamp(
      Draft d, Options opt, String dateRef, String byRef, String now, String who) {
    if (!onType(d.type, dateRef)) {
      return;
    }
    if (!(opt.bypassRules() && d.given.contains(dateRef))) {
      d.fields.put(dateRef, now);
    }
    if (!(opt.bypassRules() && d.given.contains(byRef))) {
      d.fields.put(byRef, who);
    }
  }

  private static void clear(Draft d, Options opt, String dateRef, String byRef) {
    if (!(opt.bypassRules() && d.given.contains(dateRef))) {
      d.fields.remove(dateRef);
    }
    if (!(opt.bypassRules() && d.given.contains(byRef))) {
      d.fields.remove(byRef);
    }
  }
}
