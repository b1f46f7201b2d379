"use strict";
// WIQL queries and batch reads with chosen fields.
const { test, before } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, setFields, rejection, explain } = require("../lib/azdo");

let api;
const marker = "wiql" + unique();
const ids = [];

before(async () => {
  api = await connection().getWorkItemTrackingApi();
  for (const [type, title, priority] of [["Bug", "alpha", 1], ["Task", "beta", 2], ["Bug", "gamma", 3]]) {
    const item = await api.createWorkItem(
      null,
      setFields({ "System.Title": marker + " " + title, "Microsoft.VSTS.Common.Priority": priority }),
      project,
      type,
    );
    ids.push(item.id);
  }
});

test("queryByWiql returns the matching ids in order with the selected columns", async () => {
  const result = await api.queryByWiql(
    {
      query:
        "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] = @project " +
        "AND [System.Title] CONTAINS '" + marker + "' ORDER BY [System.Id] DESC",
    },
    { project },
  );
  assert.deepEqual(result.workItems.map((w) => w.id), [...ids].reverse());
  assert.ok(result.workItems[0].url.endsWith("/_apis/wit/workItems/" + ids[2]), result.workItems[0].url);
  assert.deepEqual(result.columns.map((c) => c.referenceName), ["System.Id", "System.Title"]);
  assert.ok(result.asOf instanceof Date && !Number.isNaN(result.asOf.getTime()), "asOf is a date");
  // QueryType.Flat is 1 and QueryResultType.WorkItem is 1 once the client maps the names.
  assert.equal(result.queryType, 1);
  assert.equal(result.queryResultType, 1);
});

test("queryByWiql filters on type and sorts on another field", async () => {
  const result = await api.queryByWiql(
    {
      query:
        "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'Bug' " +
        "AND [System.Title] CONTAINS '" + marker + "' ORDER BY [Microsoft.VSTS.Common.Priority] DESC",
    },
    { project },
  );
  assert.deepEqual(result.workItems.map((w) => w.id), [ids[2], ids[0]]);
});

test("queryByWiql honours top", async () => {
  const result = await api.queryByWiql(
    { query: "SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS '" + marker + "' ORDER BY [System.Id]" },
    { project },
    undefined,
    2,
  );
  assert.deepEqual(result.workItems.map((w) => w.id), ids.slice(0, 2));
});

test("a malformed query is refused with 400", async () => {
  const err = await rejection(api.queryByWiql({ query: "SELEKT nothing" }, { project }));
  assert.equal(err.statusCode, 400, explain(err));
  // The service's WIQL syntax errors carry no TF code: "Expecting SELECT. The error is caused by «AND»."
  assert.match(err.message, /The error is caused by «SELEKT»/);
});

test("getWorkItemsBatch returns only the chosen fields, in the order asked", async () => {
  const asked = [ids[1], ids[0]];
  const items = await api.getWorkItemsBatch({ ids: asked, fields: ["System.Id", "System.Title", "System.State"] });
  assert.deepEqual(items.map((w) => w.id), asked);
  for (const item of items) {
    assert.deepEqual(Object.keys(item.fields).sort(), ["System.Id", "System.State", "System.Title"]);
  }
  assert.equal(items[1].fields["System.Title"], marker + " alpha");
});

test("getWorkItemsBatch with errorPolicy omit leaves null for a missing id", async () => {
  const items = await api.getWorkItemsBatch({ ids: [ids[0], 987654321], fields: ["System.Title"], errorPolicy: 2 });
  assert.equal(items.length, 2);
  assert.equal(items[0].id, ids[0]);
  assert.equal(items[1], null);
});

test("a WorkItemLinks tree query returns the hierarchy as workItemRelations", async () => {
  const epic = await api.createWorkItem(null, setFields({ "System.Title": marker + " epic" }), project, "Epic");
  const feature = await api.createWorkItem(
    null,
    [
      ...setFields({ "System.Title": marker + " feature" }),
      { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Hierarchy-Reverse", url: epic.url } },
    ],
    project,
    "Feature",
  );
  const result = await api.queryByWiql(
    {
      query:
        "SELECT [System.Id] FROM WorkItemLinks WHERE ([Source].[System.Id] = " + epic.id + ")" +
        " AND ([System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward') MODE (Recursive)",
    },
    { project },
  );
  // QueryType.Tree is 2 and QueryResultType.WorkItemLink is 2 once the client maps the names.
  assert.equal(result.queryType, 2);
  assert.equal(result.queryResultType, 2);
  const pairs = result.workItemRelations.map((r) => [r.rel || null, r.source ? r.source.id : null, r.target.id]);
  assert.deepEqual(pairs, [
    [null, null, epic.id],
    ["System.LinkTypes.Hierarchy-Forward", epic.id, feature.id],
  ]);
});

test("queryByWiql understands @Me and @Today", async () => {
  const mine = await api.createWorkItem(
    null,
    setFields({ "System.Title": marker + " mine", "System.AssignedTo": "alice@example.com" }),
    project,
    "Task",
  );
  const result = await api.queryByWiql(
    {
      query:
        "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.AssignedTo] = @Me" +
        " AND [System.CreatedDate] >= @Today - 1 AND [System.Title] CONTAINS '" + marker + "'",
    },
    { project },
  );
  assert.deepEqual(result.workItems.map((w) => w.id), [mine.id]);
});
