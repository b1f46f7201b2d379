package dev.azdo.emulator.classification;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.ClassificationTree;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Areas and iterations: provides the {@link ClassificationTree} and serves classificationNodes;
 * seeds the default project with two areas and three two-week sprints.
 */
public final class ClassificationModule implements EmulatorModule {
  private Classifications tree;

  @Override
  public void register(EmulatorContext ctx) {
    tree = new Classifications(ctx);
    ctx.provide(ClassificationTree.class, tree);
    ctx.provide(Classifications.class, tree);
    ClassificationApi api = new ClassificationApi(ctx, tree);
    Router r = ctx.router();
    r.area(ResourceArea.WIT);
    // Registered first: for a path without a structure group it must win the tie.
    r.route(
            ResourceArea.WIT,
            "classificationNodes",
            "a70579d1-f53a-48ee-a5be-7be8659023b9",
            "{project}/_apis/wit/{resource}")
        .versions("5.0", "7.2", "7.1", 2)
        .get(api::list);
    r.route(
            ResourceArea.WIT,
            "classificationNodes",
            "5a172953-1b41-49d3-840a-33f79c3ce89f",
            "{project}/_apis/wit/{resource}/{structureGroup}/{*path}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::get)
        .post(api::post)
        .patch(api::patch)
        .delete(api::delete);
  }

  @Override
  public void seed(EmulatorContext ctx) {
    ProjectDirectory projects;
    try {
      projects = ctx.require(ProjectDirectory.class);
    } catch (IllegalStateException noCore) {
      return;
    }
    Project p = projects.findOrNull(ctx.config().project());
    if (p == null) {
      return;
    }
    ClassificationNode areas = tree.root(p.id(), ClassificationNode.AREA);
    for (String team : List.of("Team A", "Team B")) {
      tree.create(p, areas, team, null, null);
    }
    ClassificationNode iterations = tree.root(p.id(), ClassificationNode.ITERATION);
    // Sprint 2 is the current sprint: sprints start on Mondays and end on the second Friday.
    LocalDate monday =
        LocalDate.now(ctx.clock().withZone(ZoneOffset.UTC))
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .minusWeeks(2);
    for (int i = 1; i <= 3; i++) {
      LocalDate start = monday.plusWeeks(2L * (i - 1));
      tree.create(p, iterations, "Sprint " + i, iso(start), iso(start.plusDays(11)));
    }
  }

  private static String iso(LocalDate d) {
    return DateTimeFormatter.ISO_INSTANT.format(d.atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
