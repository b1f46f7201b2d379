"use strict";
// Projects, processes and teams through CoreApi, and project creation awaited on its operation.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, waitForOperation, explain } = require("../lib/azdo");

const AGILE = "adcc42ab-9882-485e-a3ed-7678f01f66bc";
const SCRUM = "6b724908-ef14-45cf-84f8-768b5384da45";
const BASIC = "b8a3a935-7e91-48b8-a94c-606d37c3e9f2";
const CMMI = "27450541-8e31-4150-9947-dc59f998fc01";

async function core() {
  return (await connection()).getCoreApi();
}

test("getProjects lists the seeded project as wellFormed", async () => {
  const projects = await (await core()).getProjects();
  const demo = projects.find((p) => p.name === project);
  assert.ok(demo, "seeded project in " + JSON.stringify(projects.map((p) => p.name)));
  assert.match(demo.id, /^[0-9a-f-]{36}$/);
  // TypeInfo.TeamProjectReference maps no enum for state, so the client keeps the service's name.
  assert.equal(demo.state, "wellFormed");
  assert.match(demo.url, /\/_apis\/projects\/[0-9a-f-]{36}$/);
});

test("getProcesses lists the four system processes with their real ids", async () => {
  const processes = await (await core()).getProcesses();
  const byName = Object.fromEntries(processes.map((p) => [p.name, p.id]));
  assert.equal(byName.Agile, AGILE);
  assert.equal(byName.Scrum, SCRUM);
  assert.equal(byName.Basic, BASIC);
  assert.equal(byName.CMMI, CMMI);
  assert.equal(processes.filter((p) => p.isDefault).length, 1);
});

test("queueCreateProject creates a project once its operation succeeds", async () => {
  const conn = connection();
  const coreApi = await conn.getCoreApi();
  const name = "Node Compat " + unique();
  const ref = await coreApi.queueCreateProject({
    name,
    description: "created by azure-devops-node-api",
    visibility: 0,
    capabilities: {
      versioncontrol: { sourceControlType: "Git" },
      processTemplate: { templateTypeId: SCRUM },
    },
  });
  assert.match(ref.id, /^[0-9a-f-]{36}$/, JSON.stringify(ref));
  assert.ok(ref.url.includes("/_apis/operations/" + ref.id), ref.url);
  const done = await waitForOperation(conn, ref);
  assert.equal(done.status, "succeeded", JSON.stringify(done));

  const created = await coreApi.getProject(name, true);
  assert.ok(created, "getProject(" + name + ") after the operation succeeded");
  assert.equal(created.name, name);
  assert.equal(created.description, "created by azure-devops-node-api");
  assert.equal(created.state, "wellFormed");
  // ProjectVisibility is mapped: "private" becomes 0.
  assert.equal(created.visibility, 0);
  assert.equal(created.capabilities.processTemplate.templateTypeId, SCRUM);
  assert.equal(created.capabilities.versioncontrol.sourceControlType, "Git");
  assert.equal(created.defaultTeam.name, name + " Team");

  // The new project works with the chosen process: Scrum has Product Backlog Items, not User Stories.
  const wit = await conn.getWorkItemTrackingApi();
  const types = (await wit.getWorkItemTypes(name)).map((t) => t.name);
  assert.ok(types.includes("Product Backlog Item"), "Scrum types in " + types);
  assert.ok(!types.includes("User Story"), "no Agile types in " + types);
  const pbi = await wit.createWorkItem(null, [{ op: "add", path: "/fields/System.Title", value: "first PBI" }], name, "Product Backlog Item");
  assert.equal(pbi.fields["System.TeamProject"], name);
  assert.equal(pbi.fields["System.AreaPath"], name);
});

test("createTeam adds a team that getTeams and getTeam return", async () => {
  const coreApi = await core();
  const projects = await coreApi.getProjects();
  const demo = projects.find((p) => p.name === project);
  const name = "Compat Team " + unique();
  const team = await coreApi.createTeam({ name, description: "node client team" }, demo.id);
  assert.equal(team.name, name);
  assert.equal(team.description, "node client team");
  assert.match(team.id, /^[0-9a-f-]{36}$/);
  assert.equal(team.projectId, demo.id);
  assert.equal(team.projectName, project);

  const teams = await coreApi.getTeams(demo.id);
  const names = teams.map((t) => t.name);
  assert.ok(names.includes(project + " Team"), "default team in " + names);
  assert.ok(names.includes(name), "new team in " + names);

  const byName = await coreApi.getTeam(project, name);
  assert.equal(byName.id, team.id);
});

test("a team name already used in the project is refused", async () => {
  const coreApi = await core();
  const err = await coreApi.createTeam({ name: project + " Team" }, project).then(
    (t) => ({ statusCode: 200, message: "created " + JSON.stringify(t) }),
    (e) => e,
  );
  assert.ok([400, 409].includes(err.statusCode), explain(err));
});

test("getProject of an unknown project resolves to null (the service answers 404)", async () => {
  const missing = await (await core()).getProject("No Such Project " + unique());
  assert.equal(missing, null);
});

test("updateTeam renames a team and deleteTeam removes it", async () => {
  const coreApi = await core();
  const team = await coreApi.createTeam({ name: "Short-lived " + unique() }, project);
  const renamed = await coreApi.updateTeam({ name: team.name + " renamed", description: "changed" }, project, team.id);
  assert.equal(renamed.id, team.id);
  assert.equal(renamed.name, team.name + " renamed");
  assert.equal(renamed.description, "changed");
  await coreApi.deleteTeam(project, team.id);
  // The service answers 404 for a deleted team; typed-rest-client maps 404 to null.
  assert.equal(await coreApi.getTeam(project, team.id), null);
});

test("queueDeleteProject removes a project once its operation succeeds", async () => {
  const conn = connection();
  const coreApi = await conn.getCoreApi();
  const name = "Node Doomed " + unique();
  const created = await waitForOperation(conn, await coreApi.queueCreateProject({
    name,
    capabilities: { versioncontrol: { sourceControlType: "Git" }, processTemplate: { templateTypeId: AGILE } },
  }));
  assert.equal(created.status, "succeeded", JSON.stringify(created));
  const id = (await coreApi.getProject(name)).id;
  const ref = await coreApi.queueDeleteProject(id);
  assert.match(ref.id, /^[0-9a-f-]{36}$/, JSON.stringify(ref));
  const done = await waitForOperation(conn, ref);
  assert.equal(done.status, "succeeded", JSON.stringify(done));
  assert.equal(await coreApi.getProject(id), null);
});

test("getProjects pages with $top and $skip", async () => {
  const coreApi = await core();
  const all = await coreApi.getProjects();
  assert.ok(all.length >= 2, "the earlier tests created a second project: " + all.map((p) => p.name));
  const first = await coreApi.getProjects(undefined, 1, 0);
  const second = await coreApi.getProjects(undefined, 1, 1);
  assert.deepEqual(first.map((p) => p.id), [all[0].id]);
  assert.deepEqual(second.map((p) => p.id), [all[1].id]);
});

test("getAllTeams and getTeamMembersWithExtendedProperties describe teams across projects", async () => {
  const coreApi = await core();
  const teams = await coreApi.getAllTeams();
  assert.ok(teams.some((t) => t.name === project + " Team" && t.projectName === project), JSON.stringify(teams.map((t) => t.name)));
  const members = await coreApi.getTeamMembersWithExtendedProperties(project, project + " Team");
  const alice = members.find((m) => m.identity.uniqueName === "alice@example.com");
  assert.ok(alice, "the PAT owner is a member: " + JSON.stringify(members.map((m) => m.identity.uniqueName)));
  assert.equal(alice.isTeamAdmin, true);
});
