package dev.azdo.emulator.core;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.ProjectDirectory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The core area (projects, processes, teams, team members) and the operations area that reports
 * queued project changes; provides {@link ProjectDirectory} to the other modules.
 */
public final class CoreModule implements EmulatorModule {

  private CoreState state;
  private ProjectsApi projects;
  private SystemProcess seedProcess;

  @Override
  public void register(EmulatorContext ctx) {
    seedProcess = SystemProcess.find(ctx.config().process());
    if (seedProcess == null) {
      // Fail at start rather than serve an organization whose default project has no process.
      throw new IllegalArgumentException(
          "--process must be Agile, Scrum, Basic or CMMI, got " + ctx.config().process());
    }
    state = new CoreState(ctx);
    projects = new ProjectsApi(state, ctx.instanceId());
    TeamsApi teams = new TeamsApi(state, ctx.directory());
    ProjectPropertiesApi properties = new ProjectPropertiesApi(state);
    ctx.provide(ProjectDirectory.class, state);
    ctx.provide(TeamDirectory.class, state);

    Router r = ctx.router();
    r.area(ResourceArea.CORE);
    // Location ids and templates are the service's, as azure-devops-node-api's CoreApi routes.
    r.route(
            ResourceArea.CORE,
            "projects",
            "603fe2ac-9723-48b9-88ad-09305aa6c6e1",
            "_apis/{resource}/{*projectId}")
        .versions("1.0", "7.2", "7.1", 4)
        .get(projects::get)
        .post(projects::create)
        .patch(projects::update)
        .delete(projects::delete);
    // Preview only on the service (no released version), as Microsoft's clients call it.
    r.route(
            ResourceArea.CORE,
            "properties",
            "4976a71a-4487-49aa-8aab-a1eda469037a",
            "_apis/projects/{projectId}/{resource}")
        .versions("4.0", "7.2", "0.0", 1)
        .get(properties::get)
        .patch(properties::patch);
    r.route(
            ResourceArea.CORE,
            "processes",
            "93878975-88c5-4e6a-8abb-7ddd77a8a7d8",
            "_apis/process/{resource}/{*processId}")
        .versions("1.0", "7.2", "7.1", 1)
        .get(projects::processes);
    r.route(
            ResourceArea.CORE,
            "teams",
            "d30a3dd1-f8ba-442a-b86a-bd0c0c383e59",
            "_apis/projects/{projectId}/{resource}/{*teamId}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(teams::get)
        .post(teams::create)
        .patch(teams::update)
        .delete(teams::delete);
    r.route(ResourceArea.CORE, "teams", "7a4d9ee9-3433-4347-b47a-7a80f1cf307e", "_apis/{resource}")
        .versions("4.1", "7.2", "7.1", 3)
        .get(teams::all);
    r.route(
            ResourceArea.CORE,
            "members",
            "294c494c-2600-4d7e-b76c-3dd50c3c95be",
            "_apis/projects/{projectId}/teams/{teamId}/{resource}")
        .versions("1.0", "7.2", "7.1", 2)
        .get(teams::members);
    // The operations area has no resource area id of its own: clients route it by location.
    r.route(
            ResourceArea.OPERATIONS,
            "operations",
            "9a1b74b4-2ca8-4a9f-8470-c2f2e6fdc949",
            "_apis/{resource}/{operationId}")
        .versions("2.0", "7.2", "7.1", 1)
        .get(projects::operation);
  }

  /** Seeds the configured default project, wellFormed, with every user in its default team. */
  @Override
  public void seed(EmulatorContext ctx) {
    String name = ctx.config().project();
    ProjectsApi.validateName(name);
    // A stable id per organization and project name keeps URLs the same across fresh starts.
    String id =
        UUID.nameUUIDFromBytes(
                ("project:" + ctx.config().org() + "/" + name).getBytes(StandardCharsets.UTF_8))
            .toString();
    state
        .store()
        .run(
            tx ->
                projects.newProject(
                    tx,
                    id,
                    name,
                    null,
                    dev.azdo.emulator.model.Project.WELL_FORMED,
                    "private",
                    seedProcess,
                    "Git",
                    ctx.directory().users(),
                    ctx.directory().owner()));
  }
}
