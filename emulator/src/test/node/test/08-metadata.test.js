"use strict";
// Work item types and fields, which every import tool reads before it maps columns.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { connection, project } = require("../lib/azdo");
const { FieldType } = require("azure-devops-node-api/interfaces/WorkItemTrackingInterfaces");

test("getWorkItemTypes lists the Agile types of the seeded project", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const types = await api.getWorkItemTypes(project);
  const names = types.map((t) => t.name);
  for (const expected of ["Bug", "Epic", "Feature", "Task", "User Story", "Issue", "Test Case"]) {
    assert.ok(names.includes(expected), expected + " in " + names);
  }
  const bug = types.find((t) => t.name === "Bug");
  assert.equal(bug.referenceName, "Microsoft.VSTS.WorkItemTypes.Bug");
  assert.ok(bug.fields.some((f) => f.referenceName === "System.Title"), "Bug has System.Title");
  assert.ok(bug.states.some((s) => s.name === "Active"), "Bug has state Active");
  assert.equal(bug.isDisabled, false);
});

test("getWorkItemType returns one type with its fields", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const story = await api.getWorkItemType(project, "User Story");
  assert.equal(story.name, "User Story");
  assert.ok(story.fields.some((f) => f.referenceName === "Microsoft.VSTS.Scheduling.StoryPoints"), "story points");
});

test("getFields lists the organization's fields with their types", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const fields = await api.getFields();
  const byRef = Object.fromEntries(fields.map((f) => [f.referenceName, f]));
  assert.equal(byRef["System.Title"].name, "Title");
  assert.equal(byRef["System.Title"].type, FieldType.String);
  assert.equal(byRef["System.Id"].type, FieldType.Integer);
  assert.equal(byRef["System.CreatedDate"].type, FieldType.DateTime);
  assert.equal(byRef["System.AssignedTo"].isIdentity, true);
  assert.equal(byRef["System.Description"].type, FieldType.Html);
  assert.ok(byRef["System.Title"].url.endsWith("/_apis/wit/fields/System.Title"), byRef["System.Title"].url);
});

test("getRelationTypes lists the link types used for parents, children and related items", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const types = await api.getRelationTypes();
  const refs = types.map((t) => t.referenceName);
  for (const expected of ["System.LinkTypes.Hierarchy-Forward", "System.LinkTypes.Hierarchy-Reverse", "System.LinkTypes.Related", "AttachedFile", "Hyperlink"]) {
    assert.ok(refs.includes(expected), expected + " in " + refs);
  }
  const child = types.find((t) => t.referenceName === "System.LinkTypes.Hierarchy-Forward");
  assert.equal(child.name, "Child");
});

test("getWorkItemTypeCategories and getWorkItemTypeFieldsWithReferences describe the process", async () => {
  const api = await connection().getWorkItemTrackingApi();
  const categories = await api.getWorkItemTypeCategories(project);
  const bugs = categories.find((c) => c.referenceName === "Microsoft.BugCategory");
  assert.ok(bugs, "bug category in " + JSON.stringify(categories.map((c) => c.referenceName)));
  assert.equal(bugs.defaultWorkItemType.name, "Bug");
  const fields = await api.getWorkItemTypeFieldsWithReferences(project, "Task");
  const title = fields.find((f) => f.referenceName === "System.Title");
  assert.equal(title.alwaysRequired, true);
});
