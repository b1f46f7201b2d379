package dev.azdo.emulator.process;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.ProcessCatalog;

/**
 * Process templates as data: provides the {@link ProcessCatalog} and {@link FieldCatalog} and
 * serves fields, work item types, their fields and states, type categories, relation types and
 * icons.
 */
public final class ProcessModule implements EmulatorModule {

  @Override
  public void register(EmulatorContext ctx) {
    TemplateCatalog catalog =
        new TemplateCatalog(ProcessTemplates.load(), ctx.config().customFields());
    ctx.provide(ProcessCatalog.class, catalog);
    ctx.provide(FieldCatalog.class, catalog);
    ctx.provide(TemplateCatalog.class, catalog);
    ProcessApi api = new ProcessApi(ctx, catalog);
    Router r = ctx.router();
    r.area(ResourceArea.WIT);
    // Location ids, templates and resource versions as azure-devops-node-api routes them.
    r.route(
            ResourceArea.WIT,
            "fields",
            "b51fd764-e5c2-4b9b-aaf7-3395cf4bdd94",
            "{project}/_apis/wit/{resource}/{fieldNameOrRefName}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::getField);
    r.route(
            ResourceArea.WIT,
            "workItemTypes",
            "7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa",
            "{project}/_apis/wit/{resource}/{type}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::workItemTypes);
    r.route(
            ResourceArea.WIT,
            "fields",
            "bd293ce5-3d25-4192-8e67-e8092e879efb",
            "{project}/_apis/wit/workItemTypes/{type}/{resource}/{field}")
        .versions("3.2", "7.2", "7.1", 3)
        .get(api::typeFields);
    r.route(
            ResourceArea.WIT,
            "states",
            "7c9d7a76-4a09-43e8-b5df-bd792f4ac6aa",
            "{project}/_apis/wit/workitemtypes/{type}/{resource}")
        .versions("4.0", "7.2", "7.1", 1)
        .get(api::typeStates);
    r.route(
            ResourceArea.WIT,
            "workItemTypeCategories",
            "9b9f5734-36c8-415e-ba67-f83b45c31408",
            "{project}/_apis/wit/{resource}/{category}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::categories);
    r.route(
            ResourceArea.WIT,
            "workItemRelationTypes",
            "f5d33bc9-5b49-4a3c-a9bd-f3cd46dd2165",
            "_apis/wit/{resource}/{relation}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(api::relationTypes);
    r.route(
            ResourceArea.WIT,
            "workItemIcons",
            "4e1eb4a5-1970-4228-a682-ec48eb2dca30",
            "_apis/wit/{resource}/{icon}")
        .versions("4.0", "7.2", "7.1", 1)
        .get(api::icons);
  }
}
