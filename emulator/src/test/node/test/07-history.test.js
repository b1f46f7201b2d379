"use strict";
// Work item history through getUpdates and getRevisions.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, setFields } = require("../lib/azdo");

test("getUpdates and getRevisions show each change in order", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const first = "history " + unique();
  const item = await api.createWorkItem(null, setFields({ "System.Title": first }), project, "Task");
  await api.updateWorkItem(null, [{ op: "replace", path: "/fields/System.Title", value: "renamed" }], item.id);
  const other = await api.createWorkItem(null, setFields({ "System.Title": "link target" }), project, "Task");
  await api.updateWorkItem(
    null,
    [{ op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Related", url: other.url } }],
    item.id,
  );

  const updates = await api.getUpdates(item.id);
  assert.deepEqual(updates.map((u) => u.rev), [1, 2, 3]);
  assert.deepEqual(updates.map((u) => u.id), [1, 2, 3]);
  assert.equal(updates[0].workItemId, item.id);
  assert.equal(updates[0].fields["System.Title"].newValue, first);
  assert.equal(updates[0].fields["System.Title"].oldValue, undefined);
  assert.deepEqual(updates[1].fields["System.Title"], { oldValue: first, newValue: "renamed" });
  assert.equal(updates[1].revisedBy.displayName, "Alice Admin");
  assert.deepEqual(updates[2].relations.added.map((r) => r.url), [other.url]);

  const revisions = await api.getRevisions(item.id);
  assert.deepEqual(revisions.map((r) => r.rev), [1, 2, 3]);
  assert.deepEqual(revisions.map((r) => r.fields["System.Title"]), [first, "renamed", "renamed"]);
  assert.ok(revisions.every((r) => r.id === item.id));

  const paged = await api.getUpdates(item.id, 1, 1);
  assert.deepEqual(paged.map((u) => u.rev), [2]);
});
