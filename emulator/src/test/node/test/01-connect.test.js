"use strict";
// connect(), resource area resolution and authentication, as every script starts.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { azdev, orgUrl, connection, rejection, explain } = require("../lib/azdo");

test("connect returns connectionData naming the PAT's owner", async () => {
  const data = await connection().connect();
  assert.equal(data.authenticatedUser.providerDisplayName, "Alice Admin");
  assert.equal(data.authorizedUser.id, data.authenticatedUser.id);
  assert.match(data.instanceId, /^[0-9a-f-]{36}$/);
  assert.equal(data.locationServiceData.accessMappings[0].accessPoint.replace(/\/$/, ""), orgUrl);
});

test("core, work item tracking and location clients resolve to the organization URL", async () => {
  const conn = connection();
  const core = await conn.getCoreApi();
  const wit = await conn.getWorkItemTrackingApi();
  for (const client of [core, wit]) {
    assert.equal(client.baseUrl.replace(/\/$/, ""), orgUrl, "resource area locationUrl");
  }
  const areas = await (await conn.getLocationsApi()).getResourceAreas();
  const ids = areas.map((a) => a.id.toLowerCase());
  assert.ok(ids.includes("79134c72-4a58-4b42-976c-04e7115f32bf"), "core area listed: " + ids);
  assert.ok(ids.includes("5264459e-e5e0-4bd8-b118-0985e68a4ec5"), "wit area listed: " + ids);
});

test("a wrong PAT is refused with 401", async () => {
  const conn = new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler("not-the-pat"));
  const err = await rejection(conn.connect());
  assert.equal(err.statusCode, 401, explain(err));
});

test("a bearer token handler carrying the PAT is accepted too", async () => {
  const conn = new azdev.WebApi(orgUrl, azdev.getBearerHandler(process.env.AZDO_PAT));
  const data = await conn.connect();
  assert.equal(data.authenticatedUser.providerDisplayName, "Alice Admin");
});
