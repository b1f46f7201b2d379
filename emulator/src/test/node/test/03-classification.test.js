"use strict";
// Areas and iterations through createOrUpdateClassificationNode / getClassificationNode.
//
// Client quirk (azure-devops-node-api#327, azure-devops-extension-api#27): TreeStructureGroup.Areas
// is 0, and VsoClient.replaceRouteValues drops falsy route values, so the client sends
// ".../classificationNodes/{path}" with the path in the structureGroup slot and the service answers
// 400. Users therefore pass the group name "Areas" (Iterations = 1 survives as ".../1/...").
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, rejection, explain } = require("../lib/azdo");
const { TreeStructureGroup, TreeNodeStructureType, WorkItemExpand } = require("azure-devops-node-api/interfaces/WorkItemTrackingInterfaces");

const AREAS = "Areas";

async function wit() {
  return connection().getWorkItemTrackingApi();
}

test("an area and a child area are created and read back with depth", async () => {
  const api = await wit();
  const name = "Web " + unique();
  const area = await api.createOrUpdateClassificationNode({ name }, project, AREAS);
  assert.ok(area, "created area");
  assert.equal(area.name, name);
  assert.equal(area.structureType, TreeNodeStructureType.Area);
  assert.equal(area.path, "\\" + project + "\\Area\\" + name);
  assert.ok(Number.isInteger(area.id) && area.id > 0, "integer id " + area.id);
  assert.match(area.identifier, /^[0-9a-f-]{36}$/);
  assert.equal(area.hasChildren, false);

  const child = await api.createOrUpdateClassificationNode({ name: "Frontend" }, project, AREAS, name);
  assert.equal(child.path, "\\" + project + "\\Area\\" + name + "\\Frontend");

  // A multi-level path goes out as one encoded segment ("Web x%2FFrontend"), as the client does.
  const grandchild = await api.createOrUpdateClassificationNode({ name: "Mobile" }, project, AREAS, name + "/Frontend");
  assert.equal(grandchild.path, "\\" + project + "\\Area\\" + name + "\\Frontend\\Mobile");
  const readBack = await api.getClassificationNode(project, AREAS, name + "/Frontend/Mobile");
  assert.equal(readBack.id, grandchild.id);

  const root = await api.getClassificationNode(project, AREAS, undefined, 2);
  assert.equal(root.name, project);
  assert.equal(root.hasChildren, true);
  const mine = root.children.find((c) => c.name === name);
  assert.ok(mine, "new area among root children " + JSON.stringify(root.children.map((c) => c.name)));
  assert.deepEqual(mine.children.map((c) => c.name), ["Frontend"]);

  const shallow = await api.getClassificationNode(project, AREAS, name, 0);
  assert.equal(shallow.hasChildren, true);
  assert.equal(shallow.children, undefined, "depth 0 leaves children out");
});

test("TreeStructureGroup.Areas (0) is dropped from the URL and refused as by the service", async () => {
  const api = await wit();
  const err = await rejection(api.createOrUpdateClassificationNode({ name: "Lost " + unique() }, project, TreeStructureGroup.Areas));
  assert.equal(err.statusCode, 400, explain(err));
});

test("an iteration keeps its start and finish dates", async () => {
  const api = await wit();
  const name = "Sprint " + unique();
  const start = new Date("2026-01-05T00:00:00Z");
  const finish = new Date("2026-01-16T00:00:00Z");
  // TreeStructureGroup.Iterations is 1, which the client keeps in the URL.
  const it = await api.createOrUpdateClassificationNode(
    { name, attributes: { startDate: start, finishDate: finish } },
    project,
    TreeStructureGroup.Iterations,
  );
  assert.equal(it.structureType, TreeNodeStructureType.Iteration);
  assert.equal(it.path, "\\" + project + "\\Iteration\\" + name);
  assert.equal(new Date(it.attributes.startDate).toISOString(), start.toISOString());
  assert.equal(new Date(it.attributes.finishDate).toISOString(), finish.toISOString());

  const read = await api.getClassificationNode(project, TreeStructureGroup.Iterations, name);
  assert.equal(read.id, it.id);
  assert.equal(new Date(read.attributes.finishDate).toISOString(), finish.toISOString());
});

test("a missing classification path resolves to null (the service answers 404)", async () => {
  const api = await wit();
  const node = await api.getClassificationNode(project, AREAS, "Nowhere " + unique());
  assert.equal(node, null);
});

test("creating a node under a missing parent fails", async () => {
  const api = await wit();
  const result = await api
    .createOrUpdateClassificationNode({ name: "Leaf" }, project, AREAS, "Nowhere " + unique())
    .then((n) => ({ created: n }), (e) => e);
  // The service answers 404 for a missing parent; typed-rest-client maps 404 to null.
  assert.ok(result.created === null || [400, 404].includes(result.statusCode), explain(result));
});

test("getRootNodes returns the area and iteration roots", async () => {
  const api = await wit();
  const roots = await api.getRootNodes(project, 1);
  assert.deepEqual(roots.map((n) => n.structureType).sort(), [TreeNodeStructureType.Area, TreeNodeStructureType.Iteration]);
  assert.ok(roots.every((n) => n.name === project), JSON.stringify(roots.map((n) => n.name)));
});

test("deleteClassificationNode removes an area", async () => {
  const api = await wit();
  const name = "Temp " + unique();
  await api.createOrUpdateClassificationNode({ name }, project, AREAS);
  const root = await api.getClassificationNode(project, AREAS);
  await api.deleteClassificationNode(project, AREAS, name, root.id);
  assert.equal(await api.getClassificationNode(project, AREAS, name), null);
});

test("a work item placed in a new area and iteration carries their paths and ids", async () => {
  const api = await wit();
  const areaName = "Placed " + unique();
  const area = await api.createOrUpdateClassificationNode({ name: areaName }, project, AREAS);
  const sprint = await api.createOrUpdateClassificationNode({ name: "Sprint " + unique() }, project, TreeStructureGroup.Iterations);
  const item = await api.createWorkItem(
    null,
    [
      { op: "add", path: "/fields/System.Title", value: "placed" },
      { op: "add", path: "/fields/System.AreaPath", value: project + "\\" + areaName },
      { op: "add", path: "/fields/System.IterationPath", value: project + "\\" + sprint.name },
    ],
    project,
    "Task",
  );
  assert.equal(item.fields["System.AreaPath"], project + "\\" + areaName);
  assert.equal(item.fields["System.IterationPath"], project + "\\" + sprint.name);
  // The node ids are among the fields only with $expand=Fields (or All), as on the service.
  const full = await api.getWorkItem(item.id, undefined, undefined, WorkItemExpand.Fields);
  assert.equal(full.fields["System.AreaId"], area.id);
  assert.equal(full.fields["System.IterationId"], sprint.id);
});
