"use strict";
// Areas and iterations through createOrUpdateClassificationNode / getClassificationNode.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, explain } = require("../lib/azdo");
const { TreeStructureGroup, TreeNodeStructureType } = require("azure-devops-node-api/interfaces/WorkItemTrackingInterfaces");

async function wit() {
  return connection().getWorkItemTrackingApi();
}

test("an area and a child area are created and read back with depth", async () => {
  const api = await wit();
  const name = "Web " + unique();
  // TreeStructureGroup.Areas is 0: the client puts the number in the URL (.../classificationNodes/0/...).
  const area = await api.createOrUpdateClassificationNode({ name }, project, TreeStructureGroup.Areas);
  assert.ok(area, "created area");
  assert.equal(area.name, name);
  assert.equal(area.structureType, TreeNodeStructureType.Area);
  assert.equal(area.path, "\\" + project + "\\Area\\" + name);
  assert.ok(Number.isInteger(area.id) && area.id > 0, "integer id " + area.id);
  assert.match(area.identifier, /^[0-9a-f-]{36}$/);

  const child = await api.createOrUpdateClassificationNode({ name: "Frontend" }, project, TreeStructureGroup.Areas, name);
  assert.equal(child.path, "\\" + project + "\\Area\\" + name + "\\Frontend");

  const root = await api.getClassificationNode(project, TreeStructureGroup.Areas, undefined, 2);
  assert.equal(root.name, project);
  assert.equal(root.hasChildren, true);
  const mine = root.children.find((c) => c.name === name);
  assert.ok(mine, "new area among root children " + JSON.stringify(root.children.map((c) => c.name)));
  assert.deepEqual(mine.children.map((c) => c.name), ["Frontend"]);

  const shallow = await api.getClassificationNode(project, TreeStructureGroup.Areas, name, 0);
  assert.equal(shallow.hasChildren, true);
  assert.equal(shallow.children, undefined, "depth 0 leaves children out");
});

test("an iteration keeps its start and finish dates", async () => {
  const api = await wit();
  const name = "Sprint " + unique();
  const start = new Date("2026-01-05T00:00:00Z");
  const finish = new Date("2026-01-16T00:00:00Z");
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
  const node = await api.getClassificationNode(project, TreeStructureGroup.Areas, "Nowhere " + unique());
  assert.equal(node, null);
});

test("creating a node under a missing parent fails", async () => {
  const api = await wit();
  const result = await api
    .createOrUpdateClassificationNode({ name: "Leaf" }, project, TreeStructureGroup.Areas, "Nowhere " + unique())
    .then((n) => ({ created: n }), (e) => e);
  // The service answers 404 (VS402485-style "parent not found"); typed-rest-client maps 404 to null.
  assert.ok(result.created === null || [400, 404].includes(result.statusCode), explain(result));
});
