package dev.azdo.emulator.reporting;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.wit.WitTables;

/**
 * The wit area's reporting resources for bulk readers: {@code
 * {project}/_apis/wit/reporting/workitemrevisions}, GET and POST, every revision in change order
 * with a continuation token that doubles as a watermark.
 */
public final class ReportingModule implements EmulatorModule {
  /** The reporting work item revisions location id Microsoft's clients route by. */
  static final String REVISIONS_LOCATION_ID = "f828fe59-dd87-495d-a17c-7a8d6211ca6c";

  @Override
  public void register(EmulatorContext ctx) {
    ReportingRevisionsApi api =
        new ReportingRevisionsApi(
            ctx, ctx.store().table(WitTables.WORK_ITEMS), ctx.store().table(WitTables.REVISIONS));
    ctx.router()
        .route(
            ResourceArea.WIT,
            "workItemRevisions",
            REVISIONS_LOCATION_ID,
            "{project}/_apis/{area}/reporting/{resource}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::get)
        .post(api::post);
  }
}
