"use strict";
// The peer of the throttle benchmark: Microsoft's Node client (azure-devops-node-api) creating one
// work item per row, with N promises in flight (1: one by one). The client has no retry, so the
// first 429 (or any error) ends the run; it prints where, as one JSON line:
// {"concurrency":N,"created":C,"seconds":S,"failed":true|false,"error":"..."}.
// Usage: AZDO_ORG_URL=... AZDO_PAT=... node create-throttled.js rows.csv [concurrency=1]
const fs = require("fs");
const azdev = require("azure-devops-node-api");

async function main() {
  const [file, n] = process.argv.slice(2);
  const concurrency = Number(n || 1);
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift().split(",");
  const started = process.hrtime.bigint();
  const connection = new azdev.WebApi(
    process.env.AZDO_ORG_URL,
    azdev.getPersonalAccessTokenHandler(process.env.AZDO_PAT),
  );
  const wit = await connection.getWorkItemTrackingApi();
  let next = 0;
  let created = 0;
  let error = null;
  async function worker() {
    while (error === null && next < lines.length) {
      const values = lines[next++].split(",");
      const row = Object.fromEntries(header.map((h, i) => [h, values[i]]));
      const document = [
        { op: "add", path: "/fields/System.Title", value: row.Title },
        { op: "add", path: "/fields/System.Description", value: row.Description },
        { op: "add", path: "/fields/Microsoft.VSTS.Common.Priority", value: Number(row.Priority) },
        { op: "add", path: "/fields/System.Tags", value: row.Tags },
      ];
      try {
        await wit.createWorkItem(null, document, "Demo", "Task");
        created++;
      } catch (e) {
        error = error || String((e && (e.statusCode ? "HTTP " + e.statusCode + ": " : "") + e.message) || e);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ concurrency, created, seconds, failed: error !== null, error }));
}

main().catch((err) => {
  console.error(err && err.message ? err.message : err);
  process.exit(1);
});
