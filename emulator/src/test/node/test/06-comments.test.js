"use strict";
// Work item comments through addComment / getComments.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project, unique, setFields } = require("../lib/azdo");
const { CommentSortOrder } = require("azure-devops-node-api/interfaces/WorkItemTrackingInterfaces");

test("comments are added, listed and counted on the work item", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const item = await api.createWorkItem(null, setFields({ "System.Title": "commented " + unique() }), project, "Task");
  const first = await api.addComment({ text: "First comment" }, project, item.id);
  assert.ok(Number.isInteger(first.id) && first.id > 0, JSON.stringify(first));
  assert.equal(first.workItemId, item.id);
  assert.equal(first.text, "First comment");
  assert.equal(first.version, 1);
  assert.equal(first.createdBy.displayName, "Alice Admin");
  assert.ok(first.createdDate instanceof Date && !Number.isNaN(first.createdDate.getTime()), "createdDate is a date");
  await api.addComment({ text: "Second <b>comment</b>" }, project, item.id);

  const list = await api.getComments(project, item.id);
  assert.equal(list.totalCount, 2);
  assert.equal(list.count, 2);
  assert.deepEqual(list.comments.map((c) => c.text).sort(), ["First comment", "Second <b>comment</b>"]);

  const read = await api.getWorkItem(item.id);
  assert.equal(read.fields["System.CommentCount"], 2);
});

test("getComments pages with top and a continuation token", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const item = await api.createWorkItem(null, setFields({ "System.Title": "paged " + unique() }), project, "Task");
  for (const text of ["one", "two", "three"]) {
    await api.addComment({ text }, project, item.id);
  }
  const page = await api.getComments(project, item.id, 2);
  assert.equal(page.count, 2);
  assert.equal(page.totalCount, 3);
  assert.ok(page.continuationToken, "continuation token on a partial page: " + JSON.stringify(page));
  const rest = await api.getComments(project, item.id, 2, page.continuationToken);
  assert.equal(rest.count, 1);
  const all = [...page.comments, ...rest.comments].map((c) => c.text).sort();
  assert.deepEqual(all, ["one", "three", "two"]);
});

test("a comment is edited and deleted", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const item = await api.createWorkItem(null, setFields({ "System.Title": "edited " + unique() }), project, "Task");
  const comment = await api.addComment({ text: "draft" }, project, item.id);
  const edited = await api.updateComment({ text: "final" }, project, item.id, comment.id);
  assert.equal(edited.id, comment.id);
  assert.equal(edited.text, "final");
  assert.equal(edited.version, 2);
  await api.deleteComment(project, item.id, comment.id);
  const list = await api.getComments(project, item.id);
  assert.equal(list.totalCount, 0);
  assert.equal((await api.getWorkItem(item.id)).fields["System.CommentCount"], 0);
});

test("a System.History entry set through updateWorkItem shows up as a comment", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const item = await api.createWorkItem(null, setFields({ "System.Title": "history note " + unique() }), project, "Task");
  await api.updateWorkItem(null, [{ op: "add", path: "/fields/System.History", value: "Imported from the legacy tracker" }], item.id);
  const list = await api.getComments(project, item.id);
  assert.equal(list.totalCount, 1);
  assert.equal(list.comments[0].text, "Imported from the legacy tracker");
  assert.equal((await api.getWorkItem(item.id)).fields["System.CommentCount"], 1);
});

test("getComments sorts ascending or descending on request", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const item = await api.createWorkItem(null, setFields({ "System.Title": "sorted " + unique() }), project, "Task");
  await api.addComment({ text: "older" }, project, item.id);
  await api.addComment({ text: "newer" }, project, item.id);
  const asc = await api.getComments(project, item.id, undefined, undefined, undefined, undefined, CommentSortOrder.Asc);
  assert.deepEqual(asc.comments.map((c) => c.text), ["older", "newer"]);
  const desc = await api.getComments(project, item.id, undefined, undefined, undefined, undefined, CommentSortOrder.Desc);
  assert.deepEqual(desc.comments.map((c) => c.text), ["newer", "older"]);
});
