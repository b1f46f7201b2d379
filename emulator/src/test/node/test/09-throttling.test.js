"use strict";
// Throttling as the client reports it: X-RateLimit-* headers become result.rateLimit / err.rateLimit
// (azure-devops-node-api 15.1+), and a blocked request rejects with 429 and Retry-After.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { azdev, pat, throttledOrgUrl, explain } = require("../lib/azdo");

const skip = throttledOrgUrl ? false : "set AZDO_THROTTLED_ORG_URL to an emulator started with --throttle-tstu 10";

test("a burst past the budget is held, then refused with 429 TF400733 and Retry-After", { skip }, async () => {
  const conn = new azdev.WebApi(throttledOrgUrl, azdev.getPersonalAccessTokenHandler(pat));
  const core = await conn.getCoreApi();
  let warned = null;
  let blocked = null;
  for (let i = 0; i < 60 && !blocked; i++) {
    try {
      const projects = await core.getProjects();
      if (projects.rateLimit) {
        warned = projects.rateLimit;
      }
    } catch (err) {
      blocked = err;
    }
  }
  assert.ok(blocked, "no request was refused within 60 calls");
  assert.equal(blocked.statusCode, 429, explain(blocked));
  assert.match(blocked.message, /^TF400733/);
  assert.ok(blocked.rateLimit && blocked.rateLimit.retryAfter >= 1, "Retry-After on the 429: " + JSON.stringify(blocked.rateLimit));
  assert.equal(blocked.rateLimit.resource, "WorkItemTrackingResource");
  assert.ok(warned, "X-RateLimit-* headers on served responses before the block");
  assert.equal(warned.limit, 10);
  assert.equal(warned.resource, "WorkItemTrackingResource");
});
