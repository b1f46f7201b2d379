"use strict";
// Work item create, update, relations, optimistic concurrency and delete through WorkItemTrackingApi.
const { test } = require("node:test");
const { Readable } = require("node:stream");
const assert = require("node:assert/strict");
const { connection, orgUrl, project, unique, setFields, rejection, explain } = require("../lib/azdo");
const { WorkItemExpand } = require("azure-devops-node-api/interfaces/WorkItemTrackingInterfaces");

async function wit() {
  return connection().getWorkItemTrackingApi();
}

async function create(api, type, fields, extra = []) {
  return api.createWorkItem(null, [...setFields(fields), ...extra], project, type);
}

test("createWorkItem returns the new item with system fields filled in", async () => {
  const api = await wit();
  const title = "Node task " + unique();
  const item = await create(api, "Task", { "System.Title": title, "Microsoft.VSTS.Common.Priority": 2 });
  assert.ok(Number.isInteger(item.id) && item.id > 0, JSON.stringify(item));
  assert.equal(item.rev, 1);
  assert.equal(item.fields["System.Title"], title);
  assert.equal(item.fields["System.WorkItemType"], "Task");
  assert.equal(item.fields["System.TeamProject"], project);
  assert.equal(item.fields["System.State"], "New");
  assert.equal(item.fields["Microsoft.VSTS.Common.Priority"], 2);
  assert.equal(item.fields["System.CreatedBy"].displayName, "Alice Admin");
  assert.equal(item.fields["System.AreaPath"], project);
  assert.ok(!Number.isNaN(Date.parse(item.fields["System.CreatedDate"])), "CreatedDate is ISO");
  assert.ok(item.url.endsWith("/_apis/wit/workItems/" + item.id), item.url);

  const read = await api.getWorkItem(item.id);
  assert.equal(read.fields["System.Title"], title);
});

test("updateWorkItem replaces a field and bumps the revision", async () => {
  const api = await wit();
  const item = await create(api, "Bug", { "System.Title": "before " + unique() });
  const updated = await api.updateWorkItem(
    null,
    [
      { op: "test", path: "/rev", value: item.rev },
      { op: "replace", path: "/fields/System.Title", value: "after" },
      { op: "add", path: "/fields/System.AssignedTo", value: "bob@example.com" },
    ],
    item.id,
  );
  assert.equal(updated.rev, item.rev + 1);
  assert.equal(updated.fields["System.Title"], "after");
  assert.equal(updated.fields["System.AssignedTo"].displayName, "Bob Builder");
  assert.equal(updated.fields["System.AssignedTo"].uniqueName, "bob@example.com");
});

test("a stale test on /rev is refused with 412 and changes nothing", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "concurrency " + unique() });
  await api.updateWorkItem(null, [{ op: "replace", path: "/fields/System.Title", value: "second writer" }], item.id);
  const err = await rejection(
    api.updateWorkItem(
      null,
      [
        { op: "test", path: "/rev", value: item.rev },
        { op: "replace", path: "/fields/System.Title", value: "lost update" },
      ],
      item.id,
    ),
  );
  assert.equal(err.statusCode, 412, explain(err));
  const read = await api.getWorkItem(item.id);
  assert.equal(read.fields["System.Title"], "second writer");
  assert.equal(read.rev, 2);
});

test("a child created with a Hierarchy-Reverse link shows on its parent as Hierarchy-Forward", async () => {
  const api = await wit();
  const parent = await create(api, "User Story", { "System.Title": "parent " + unique() });
  const child = await create(api, "Task", { "System.Title": "child" }, [
    { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Hierarchy-Reverse", url: parent.url } },
  ]);
  assert.equal(child.fields["System.Parent"], parent.id);
  assert.equal(child.relations.length, 1);
  assert.equal(child.relations[0].rel, "System.LinkTypes.Hierarchy-Reverse");
  assert.equal(child.relations[0].url, parent.url);

  const withRelations = await api.getWorkItem(parent.id, undefined, undefined, WorkItemExpand.Relations);
  const forward = (withRelations.relations || []).filter((r) => r.rel === "System.LinkTypes.Hierarchy-Forward");
  assert.deepEqual(forward.map((r) => r.url), [child.url]);
  assert.equal(forward[0].attributes.isLocked, false);
  assert.equal(forward[0].attributes.name, "Child");

  const plain = await api.getWorkItem(parent.id);
  assert.equal(plain.relations, undefined, "relations only with $expand=Relations");
});

test("a related link is added on both ends and can be removed", async () => {
  const api = await wit();
  const a = await create(api, "Bug", { "System.Title": "related a " + unique() });
  const b = await create(api, "Bug", { "System.Title": "related b" });
  const linked = await api.updateWorkItem(
    null,
    [{ op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Related", url: b.url, attributes: { comment: "same root cause" } } }],
    a.id,
  );
  assert.equal(linked.relations[0].rel, "System.LinkTypes.Related");
  assert.equal(linked.relations[0].attributes.comment, "same root cause");
  const other = await api.getWorkItem(b.id, undefined, undefined, WorkItemExpand.All);
  assert.deepEqual(other.relations.map((r) => [r.rel, r.url]), [["System.LinkTypes.Related", a.url]]);

  const unlinked = await api.updateWorkItem(null, [{ op: "remove", path: "/relations/0" }], a.id, undefined, undefined, undefined, undefined, WorkItemExpand.Relations);
  assert.equal((unlinked.relations || []).length, 0);
  const otherAfter = await api.getWorkItem(b.id, undefined, undefined, WorkItemExpand.Relations);
  assert.equal((otherAfter.relations || []).length, 0);
});

test("a second parent is refused", async () => {
  const api = await wit();
  const p1 = await create(api, "Feature", { "System.Title": "p1 " + unique() });
  const p2 = await create(api, "Feature", { "System.Title": "p2" });
  const child = await create(api, "User Story", { "System.Title": "one parent only" }, [
    { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Hierarchy-Reverse", url: p1.url } },
  ]);
  const err = await rejection(
    api.updateWorkItem(null, [{ op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Hierarchy-Reverse", url: p2.url } }], child.id),
  );
  assert.equal(err.statusCode, 400, explain(err));
});

test("deleteWorkItem moves the item to the recycle bin and it can no longer be read", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "doomed " + unique() });
  const deleted = await api.deleteWorkItem(item.id, project);
  assert.equal(deleted.id, item.id);
  assert.equal(deleted.deletedBy.includes("Alice Admin") || deleted.deletedBy.includes("alice@example.com"), true, JSON.stringify(deleted));
  // typed-rest-client turns the service's 404 (TF401232) into a null result.
  assert.equal(await api.getWorkItem(item.id), null);
});

test("an unknown field is refused with TF51535", async () => {
  const api = await wit();
  const err = await rejection(create(api, "Task", { "System.Title": "x", "Custom.DoesNotExist": "y" }));
  assert.equal(err.statusCode, 400, explain(err));
  assert.match(err.message, /^TF51535/);
});

test("a missing title is refused with a rule error", async () => {
  const api = await wit();
  const err = await rejection(create(api, "Task", { "System.Description": "no title" }));
  assert.equal(err.statusCode, 400, explain(err));
  assert.match(err.message, /System\.Title|Title/);
});

test("an unknown work item type resolves to null (the service answers 404)", async () => {
  const api = await wit();
  assert.equal(await create(api, "Spaceship", { "System.Title": "x" }), null);
});

test("getWorkItem of a missing id resolves to null (the service answers 404)", async () => {
  const api = await wit();
  assert.equal(await api.getWorkItem(987654321), null);
});

test("getWorkItems returns several items with chosen fields", async () => {
  const api = await wit();
  const a = await create(api, "Task", { "System.Title": "many a " + unique() });
  const b = await create(api, "Bug", { "System.Title": "many b" });
  const items = await api.getWorkItems([b.id, a.id], ["System.Title", "System.WorkItemType"]);
  assert.deepEqual(items.map((w) => w.id), [b.id, a.id]);
  assert.deepEqual(items.map((w) => w.fields["System.WorkItemType"]), ["Bug", "Task"]);
  assert.deepEqual(Object.keys(items[0].fields).sort(), ["System.Title", "System.WorkItemType"]);
});

test("getWorkItem with asOf returns the item as it was", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "as of " + unique() });
  const created = Date.parse(item.fields["System.ChangedDate"]);
  const updated = await api.updateWorkItem(null, [{ op: "replace", path: "/fields/System.Title", value: "later title" }], item.id);
  // The client sends asOf as Date.toUTCString() (RFC 1123, whole seconds), e.g. "Sat, 28 Nov 2026 04:54:27 GMT".
  const asOf = new Date(created + 1000);
  const sent = Date.parse(asOf.toUTCString());
  const expectedRev = Date.parse(updated.fields["System.ChangedDate"]) <= sent ? 2 : 1;
  const old = await api.getWorkItem(item.id, undefined, asOf);
  assert.equal(old.rev, expectedRev);
  assert.equal(old.fields["System.Title"], expectedRev === 1 ? item.fields["System.Title"] : "later title");
});

test("an attachment is uploaded, linked and read back", async () => {
  const api = await wit();
  const bytes = Buffer.from("hello from the node client\n", "utf8");
  const ref = await api.createAttachment({}, Readable.from([bytes]), "hello.txt", undefined, project);
  assert.match(ref.id, /^[0-9a-f-]{36}$/, JSON.stringify(ref));
  assert.ok(ref.url.includes("/_apis/wit/attachments/" + ref.id), ref.url);
  const item = await create(api, "Task", { "System.Title": "with file " + unique() }, [
    { op: "add", path: "/relations/-", value: { rel: "AttachedFile", url: ref.url, attributes: { comment: "greeting" } } },
  ]);
  assert.equal(item.relations[0].rel, "AttachedFile");
  const stream = await api.getAttachmentContent(ref.id, "hello.txt", project);
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  assert.equal(Buffer.concat(chunks).toString("utf8"), bytes.toString("utf8"));
});

test("a deleted work item is restored from the recycle bin", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "restore me " + unique() });
  await api.deleteWorkItem(item.id, project);
  const inBin = await api.getDeletedWorkItem(item.id, project);
  assert.equal(inBin.id, item.id);
  const restored = await api.restoreWorkItem({ isDeleted: false }, item.id, project);
  assert.equal(restored.id, item.id);
  const read = await api.getWorkItem(item.id);
  assert.equal(read.fields["System.Title"], item.fields["System.Title"]);
});

test("bypassRules lets a migration set the creation date and author", async () => {
  const api = await wit();
  const item = await api.createWorkItem(
    null,
    setFields({
      "System.Title": "migrated " + unique(),
      "System.CreatedDate": "2020-02-03T04:05:06.000Z",
      "System.CreatedBy": "Carol Chen",
      "System.ChangedDate": "2020-02-03T04:05:06.000Z",
      "System.ChangedBy": "Carol Chen",
    }),
    project,
    "Task",
    false,
    true,
  );
  assert.equal(new Date(item.fields["System.CreatedDate"]).toISOString(), "2020-02-03T04:05:06.000Z");
  assert.equal(item.fields["System.CreatedBy"].displayName, "Carol Chen");
  assert.equal(item.fields["System.ChangedBy"].displayName, "Carol Chen");
});

test("a state change closes a task and an unknown state is a rule error", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "to close " + unique() });
  const closed = await api.updateWorkItem(null, [{ op: "add", path: "/fields/System.State", value: "Closed" }], item.id);
  assert.equal(closed.fields["System.State"], "Closed");
  assert.ok(closed.fields["Microsoft.VSTS.Common.ClosedDate"], "ClosedDate set on close");
  assert.equal(closed.fields["Microsoft.VSTS.Common.ClosedBy"].displayName, "Alice Admin");
  const err = await rejection(api.updateWorkItem(null, [{ op: "add", path: "/fields/System.State", value: "Bogus" }], item.id));
  assert.equal(err.statusCode, 400, explain(err));
  assert.match(err.message, /^TF401320/);
});

test("an area path outside the project's tree is refused with TF401347", async () => {
  const api = await wit();
  const err = await rejection(create(api, "Task", { "System.Title": "lost", "System.AreaPath": project + "\\No Such Area " + unique() }));
  assert.equal(err.statusCode, 400, explain(err));
  assert.match(err.message, /^TF401347/);
});

test("a $batch call sent with the client's RestClient creates a parent and a linked child", async () => {
  // The client has no $batch method; scripts post the documented batch body through conn.rest.
  const conn = connection();
  const title = "batch " + unique();
  const create = (type, ops) => ({
    method: "PATCH",
    uri: "/" + encodeURIComponent(project) + "/_apis/wit/workitems/$" + encodeURIComponent(type) + "?api-version=7.1",
    headers: { "Content-Type": "application/json-patch+json" },
    body: ops,
  });
  const res = await conn.rest.create(orgUrl + "/_apis/wit/$batch?api-version=7.1", [
    create("User Story", [
      { op: "add", path: "/id", value: -1 },
      { op: "add", path: "/fields/System.Title", value: title + " parent" },
    ]),
    create("Task", [
      { op: "add", path: "/fields/System.Title", value: title + " child" },
      { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Hierarchy-Reverse", url: orgUrl + "/_apis/wit/workItems/-1" } },
    ]),
  ]);
  assert.equal(res.statusCode, 200);
  assert.equal(res.result.count, 2);
  const bodies = res.result.value.map((v) => {
    assert.equal(v.code, 200, JSON.stringify(v));
    return JSON.parse(v.body);
  });
  const [parent, child] = bodies;
  assert.ok(parent.id > 0 && child.id > 0, JSON.stringify(bodies.map((b) => b.id)));
  assert.equal(child.relations[0].url, parent.url);
});

test("getWorkItems refuses more than 200 ids with VS403474", async () => {
  const api = await wit();
  const ids = Array.from({ length: 201 }, (_, i) => i + 1);
  const err = await rejection(api.getWorkItems(ids, undefined, undefined, undefined, 2));
  assert.equal(err.statusCode, 400, explain(err));
  // The service's words, as users report them (e.g. microsoft/AzureDevOpsDemoGenerator#466).
  assert.equal(err.message, "VS403474: You requested 201 work items which exceeds the limit of 200");
});

test("getWorkItems refuses fields together with $expand", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "expand " + unique() });
  const err = await rejection(api.getWorkItems([item.id], ["System.Title"], undefined, WorkItemExpand.Relations));
  assert.equal(err.statusCode, 400, explain(err));
  assert.match(err.message, /expand/i);
});

test("a remove operation clears a field", async () => {
  const api = await wit();
  const item = await create(api, "Task", { "System.Title": "unassign " + unique(), "System.AssignedTo": "Dave Diaz" });
  assert.equal(item.fields["System.AssignedTo"].displayName, "Dave Diaz");
  const cleared = await api.updateWorkItem(null, [{ op: "remove", path: "/fields/System.AssignedTo" }], item.id);
  assert.equal(cleared.fields["System.AssignedTo"], undefined);
  assert.equal(cleared.rev, 2);
});

test("activating and resolving a bug stamps who and when, as the Agile rules do", async () => {
  const api = await wit();
  const bug = await create(api, "Bug", { "System.Title": "lifecycle " + unique() });
  const active = await api.updateWorkItem(null, [{ op: "add", path: "/fields/System.State", value: "Active" }], bug.id);
  assert.equal(active.fields["Microsoft.VSTS.Common.ActivatedBy"].displayName, "Alice Admin");
  assert.ok(active.fields["Microsoft.VSTS.Common.ActivatedDate"], "ActivatedDate set");
  const resolved = await api.updateWorkItem(null, [{ op: "add", path: "/fields/System.State", value: "Resolved" }], bug.id);
  assert.equal(resolved.fields["Microsoft.VSTS.Common.ResolvedBy"].displayName, "Alice Admin");
  assert.ok(resolved.fields["Microsoft.VSTS.Common.ResolvedDate"], "ResolvedDate set");
  assert.ok(resolved.fields["System.Reason"], "a reason for the transition");
});
