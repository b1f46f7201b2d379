package dev.azdo.emulator.work;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.TeamIterations;

/**
 * The work area: a team's settings, iterations (sprints), area (team field values), backlogs and
 * the work items of a sprint, sprint capacity and days off, as Microsoft's MCP server and boards
 * clients read them.
 */
public final class WorkModule implements EmulatorModule {

  @Override
  public void register(EmulatorContext ctx) {
    TeamSprints sprints = new TeamSprints(ctx);
    ctx.provide(TeamIterations.class, sprints);
    TeamScope scope = new TeamScope(ctx, sprints);
    TeamSettingsApi api = new TeamSettingsApi(ctx, sprints, scope);
    TeamPreferencesApi prefs = new TeamPreferencesApi(ctx, scope);
    TeamCapacityApi capacity = new TeamCapacityApi(ctx, scope);
    Router r = ctx.router();
    r.area(ResourceArea.WORK);
    // Location ids and templates are the service's, as azure-devops-node-api's WorkApi routes.
    r.route(
            ResourceArea.WORK,
            "iterations",
            "c9175577-28a1-4b06-9197-8636af9f64ad",
            "{project}/{team}/_apis/{area}/teamsettings/{resource}/{id}")
        .versions("3.0", "7.2", "7.1", 1)
        .get(api::iterations)
        .post(api::addIteration)
        .delete(api::removeIteration);
    PredefinedQueries predefined = new PredefinedQueries(ctx);
    r.route(
            ResourceArea.WORK,
            "predefinedQueries",
            "9cbba37c-6cc6-4f70-b903-709be86acbf0",
            "{project}/_apis/{area}/{resource}/{id}")
        .versions("5.0", "7.2", "0.0", 1)
        .get(predefined::get);
    r.route(
            ResourceArea.WORK,
            "teamsettings",
            "c3c1012b-bea7-49d7-b45e-1664e566f84c",
            "{project}/{team}/_apis/{area}/{resource}")
        .versions("3.0", "7.2", "7.1", 1)
        .get(prefs::settings)
        .patch(prefs::updateSettings);
    r.route(
            ResourceArea.WORK,
            "teamfieldvalues",
            "07ced576-58ed-49e6-9c1e-5cb53ab8bf2a",
            "{project}/{team}/_apis/{area}/teamsettings/{resource}")
        .versions("3.0", "7.2", "7.1", 1)
        .get(prefs::fieldValues)
        .patch(prefs::updateFieldValues);
    r.route(
            ResourceArea.WORK,
            "backlogs",
            "a93726f9-7867-4e38-b4f2-0bfafc2f6a94",
            "{project}/{team}/_apis/{area}/{resource}/{id}")
        .versions("4.0", "7.2", "7.1", 1)
        .get(api::backlogs);
    r.route(
            ResourceArea.WORK,
            "workItems",
            "7c468d96-ab1d-4294-a360-92f07e9ccd98",
            "{project}/{team}/_apis/{area}/backlogs/{backlogId}/{resource}")
        .versions("5.0", "7.2", "7.1", 1)
        .get(api::backlogWorkItems);
    r.route(
            ResourceArea.WORK,
            "workItems",
            "5b3ef1a6-d3ab-44cd-bafd-c7f45db850fa",
            "{project}/{team}/_apis/{area}/teamsettings/iterations/{iterationId}/{resource}")
        .versions("4.0", "7.2", "7.1", 1)
        .get(api::iterationWorkItems);
    r.route(
            ResourceArea.WORK,
            "capacities",
            "74412d15-8c1a-4352-a48d-ef1ed5587d57",
            "{project}/{team}/_apis/{area}/teamsettings/iterations/{iterationId}/{resource}/"
                + "{teamMemberId}")
        .versions("3.0", "7.2", "7.1", 3)
        .get(capacity::capacities)
        .put(capacity::replaceCapacities)
        .patch(capacity::updateCapacity);
    r.route(
            ResourceArea.WORK,
            "teamdaysoff",
            "2d4faa2e-9150-4cbf-a47a-932b1b4a0773",
            "{project}/{team}/_apis/{area}/teamsettings/iterations/{iterationId}/{resource}")
        .versions("3.0", "7.2", "7.1", 1)
        .get(capacity::daysOff)
        .patch(capacity::updateDaysOff);
    r.route(
            ResourceArea.WORK,
            "iterationcapacities",
            "1e385ce0-396b-4273-8171-d64562c18d37",
            "{project}/_apis/{area}/iterations/{iterationId}/{resource}")
        .versions("5.1", "7.2", "7.1", 1)
        .get(capacity::iterationCapacities);
  }
}
