"use strict";
// Shared set-up for the compatibility tests: a connection made exactly as a user makes one
// against https://dev.azure.com/ORG, pointed at the emulator by AZDO_ORG_URL / AZDO_PAT.
const azdev = require("azure-devops-node-api");

const orgUrl = process.env.AZDO_ORG_URL;
const pat = process.env.AZDO_PAT;
const project = process.env.AZDO_PROJECT || "Demo";
// An organization served with a tiny throttling budget (NodeClientCompatTest starts one).
const throttledOrgUrl = process.env.AZDO_THROTTLED_ORG_URL;

if (!orgUrl || !pat) {
  throw new Error("Set AZDO_ORG_URL (e.g. http://127.0.0.1:PORT/demo) and AZDO_PAT before running these tests.");
}

/** Opens a WebApi connection with a personal access token, as the client's README shows. */
function connection() {
  return new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler(pat));
}

/** A short suffix that keeps names unique across runs against a persisted emulator. */
function unique() {
  return Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}

/** Resolves to the error a rejected promise carries, or fails when the promise resolves. */
async function rejection(promise) {
  try {
    const value = await promise;
    throw new Error("expected the call to fail, but it returned " + JSON.stringify(value));
  } catch (err) {
    if (err && err.message && err.message.startsWith("expected the call to fail")) {
      throw err;
    }
    return err;
  }
}

/**
 * Polls an operation the way a script does with this client (it has no Operations client):
 * GET operationReference.url through the connection's authenticated RestClient until done.
 */
async function waitForOperation(conn, operationReference, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let op = operationReference;
  while (!["succeeded", "failed", "cancelled"].includes(op.status)) {
    if (Date.now() > deadline) {
      throw new Error("operation " + operationReference.id + " still " + op.status + " after " + timeoutMs + " ms");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    const res = await conn.rest.get(operationReference.url);
    if (!res.result) {
      throw new Error("GET " + operationReference.url + " answered " + res.statusCode + " without a body");
    }
    op = res.result;
  }
  return op;
}

/** A JSON patch document that sets fields, as users build them for createWorkItem. */
function setFields(fields) {
  return Object.entries(fields).map(([name, value]) => ({ op: "add", path: "/fields/" + name, value }));
}

/** Explains an error from the client (status and service message) for assertion messages. */
function explain(err) {
  if (!err) {
    return String(err);
  }
  return "HTTP " + err.statusCode + ": " + err.message + (err.result ? " " + JSON.stringify(err.result) : "");
}

module.exports = { azdev, orgUrl, pat, project, throttledOrgUrl, connection, unique, rejection, waitForOperation, setFields, explain };
