"use strict";
// The peer of the import benchmark: what a user writes with Microsoft's Node client
// (azure-devops-node-api) to load a CSV: one createWorkItem per row, awaiting each.
// Usage: AZDO_ORG_URL=... AZDO_PAT=... node create-one-by-one.js rows.csv
// Prints {"created":N,"seconds":S} (S from before the connection to after the last create).
const fs = require("fs");
const azdev = require("azure-devops-node-api");

async function main() {
  const file = process.argv[2];
  const orgUrl = process.env.AZDO_ORG_URL;
  const pat = process.env.AZDO_PAT;
  const project = process.env.AZDO_PROJECT || "Demo";
  if (!file || !orgUrl || !pat) {
    throw new Error("usage: AZDO_ORG_URL=... AZDO_PAT=... node create-one-by-one.js rows.csv");
  }
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift().split(",");
  const started = process.hrtime.bigint();
  const connection = new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler(pat));
  const wit = await connection.getWorkItemTrackingApi();
  let created = 0;
  for (const line of lines) {
    const values = line.split(",");
    const row = Object.fromEntries(header.map((h, i) => [h, values[i]]));
    const document = [
      { op: "add", path: "/fields/System.Title", value: row.Title },
      { op: "add", path: "/fields/System.Description", value: row.Description },
      { op: "add", path: "/fields/Microsoft.VSTS.Common.Priority", value: Number(row.Priority) },
      {
        op: "add",
        path: "/fields/Microsoft.VSTS.Scheduling.RemainingWork",
        value: Number(row.RemainingWork),
      },
      { op: "add", path: "/fields/System.Tags", value: row.Tags },
      { op: "add", path: "/fields/System.AssignedTo", value: row.AssignedTo },
    ];
    const item = await wit.createWorkItem(null, document, project, "Task");
    if (!item || !item.id) {
      throw new Error("row " + (created + 1) + ": createWorkItem returned no work item");
    }
    created++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ created, seconds }));
}

main().catch((err) => {
  console.error(err && err.message ? err.message : err);
  process.exit(1);
});
