package dev.azdo.emulator.wit;

import dev.azdo.emulator.model.WorkItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The organization's tag definitions as System.Tags values use them: one definition per tag
 * regardless of case, spelled as first written, learned from the stored items after a restart.
 */
final class TagDefinitions {
  private final WitTables t;
  // The organization's tag definitions: lower-case name to the spelling first written.
  private final Map<String, String> tagNames = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean tagNamesLoaded;

  TagDefinitions(WitTables tables) {
    this.t = tables;
  }

  /** Tags as the service keeps them: trimmed, without duplicates, joined by "; ". */
  static String normaliseTags(String s) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (String tag : s.split("[;,]")) {
      String x = tag.trim();
      if (!x.isEmpty() && seen.add(x.toLowerCase(Locale.ROOT))) {
        out.add(x);
      }
    }
    return String.join("; ", out);
  }

  /**
   * Normalised tags, each spelled as the tag definition already spells it: the service keeps one
   * definition per tag regardless of case, so "Ui" written after "ui" reads back "ui".
   */
  String tagsAsDefined(String s) {
    String normalised = normaliseTags(s);
    if (normalised.isEmpty()) {
      return normalised;
    }
    List<String> out = new ArrayList<>();
    for (String tag : normalised.split("; ")) {
      out.add(tagName(tag));
    }
    return String.join("; ", out);
  }

  private String tagName(String tag) {
    if (!tagNamesLoaded) {
      synchronized (tagNames) {
        if (!tagNamesLoaded) {
          // After a restart on saved data the definitions are those the stored items carry.
          for (WorkItem w : t.items.values()) {
            Object v = w.fields().get("System.Tags");
            if (v != null) {
              for (String x : v.toString().split(";")) {
                if (!x.isBlank()) {
                  tagNames.putIfAbsent(x.trim().toLowerCase(Locale.ROOT), x.trim());
                }
              }
            }
          }
          tagNamesLoaded = true;
        }
      }
    }
    return tagNames.computeIfAbsent(tag.toLowerCase(Locale.ROOT), k -> tag);
  }

  /** Forgets the tag definitions, for a reset organization or a renamed or deleted tag. */
  void forgetTagNames() {
    synchronized (tagNames) {
      tagNames.clear();
      tagNamesLoaded = false;
    }
  }
}
