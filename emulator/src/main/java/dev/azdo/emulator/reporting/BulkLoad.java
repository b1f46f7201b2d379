package dev.azdo.emulator.reporting;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import dev.azdo.emulator.wit.WitTables;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes many work items straight into an emulator's store in one transaction (about a second for
 * 100,000), for tests and benchmarks of the read side: bulk readers need big projects, and creating
 * them over HTTP would dominate the run. Every item gets ten fields, one revision, a watermark and
 * the id counter moves past them so later creates do not collide.
 */
public final class BulkLoad {
  private static final String[] TYPES = {"Task", "Bug", "User Story"};
  private static final String[] STATES = {"New", "Active", "Closed"};

  private BulkLoad() {}

  /**
   * Adds {@code count} work items to a project, changed one second apart from {@code start}; every
   * {@code parentEvery}-th item (0: none) is the parent of the items that follow it.
   *
   * @return the ids, in creation order
   */
  public static List<Integer> seed(
      Emulator emulator, String projectName, int count, Instant start, int parentEvery) {
    return seed(emulator, projectName, count, start, parentEvery, -1);
  }

  /**
   * As {@link #seed(Emulator, String, int, Instant, int)}, with exactly {@code active} of the items
   * Active, spread evenly, and the others New and Closed in turn; -1 keeps one in three Active.
   * Selective queries (20,000 items of which 1,000 match) need a known number of matches.
   */
  public static List<Integer> seed(
      Emulator emulator,
      String projectName,
      int count,
      Instant start,
      int parentEvery,
      int active) {
    if (active > count) {
      throw new IllegalArgumentException(
          "active items: " + active + " is more than the " + count + " items seeded");
    }
    var ctx = emulator.context();
    Project project = ctx.require(ProjectDirectory.class).find(projectName);
    Table<WorkItem> items = ctx.store().table(WitTables.WORK_ITEMS);
    Table<WorkItem> revisions = ctx.store().table(WitTables.REVISIONS);
    Table<Long> counters = ctx.store().table(TableKey.COUNTERS);
    List<Identity> users = ctx.directory().users();
    String by = ctx.directory().owner().combinedName();
    List<Integer> ids = new ArrayList<>(count);
    ctx.store()
        .run(
            tx -> {
              int parent = 0;
              for (int i = 0; i < count; i++) {
                int id = (int) tx.next(counters, "workItemId");
                String when =
                    start.plus(i, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS).toString();
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("System.Id", id);
                f.put("System.Rev", 1);
                f.put("System.TeamProject", project.name());
                f.put("System.WorkItemType", TYPES[i % TYPES.length]);
                f.put("System.Title", "Item " + id);
                f.put("System.State", state(i, count, active));
                f.put("System.AreaPath", project.name());
                f.put("System.IterationPath", project.name());
                f.put("System.AssignedTo", users.get(i % users.size()).combinedName());
                f.put("System.CreatedBy", by);
                f.put("System.ChangedBy", by);
                f.put("System.CreatedDate", when);
                f.put("System.ChangedDate", when);
                f.put("System.Tags", "bulk; t" + (i % 7));
                f.put("Microsoft.VSTS.Common.Priority", 1 + i % 4);
                if (!TYPES[i % TYPES.length].equals("Task")) {
                  f.put("Microsoft.VSTS.Common.ValueArea", "Business");
                }
                f.put("System.Watermark", (int) tx.next(counters, "workItemWatermark"));
                List<WorkItem.Relation> rels = new ArrayList<>();
                if (parentEvery > 0 && i % parentEvery == 0) {
                  parent = id;
                } else if (parentEvery > 0) {
                  f.put("System.Parent", parent);
                  rels.add(
                      new WorkItem.Relation(
                          "System.LinkTypes.Hierarchy-Reverse",
                          ctx.orgUrl() + "_apis/wit/workItems/" + parent,
                          Map.of("isLocked", false, "name", "Parent")));
                }
                WorkItem w = new WorkItem(id, 1, project.id(), f, rels, false, 0);
                tx.put(items, Integer.toString(id), w);
                tx.put(revisions, id + ":1", w);
                ids.add(id);
              }
            });
    return ids;
  }

  // Item i is Active when the running share count * active / count steps past a whole number at
  // it, which makes exactly `active` of them Active, evenly apart.
  private static String state(int i, int count, int active) {
    if (active < 0) {
      return STATES[i % STATES.length];
    }
    if ((long) (i + 1) * active / count != (long) i * active / count) {
      return "Active";
    }
    return i % 2 == 0 ? "New" : "Closed";
  }
}
