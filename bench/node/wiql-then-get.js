"use strict";
// The peer of the read benchmark: the usual script on Microsoft's Node client, a WIQL query for
// the ids, then getWorkItems in sequential chunks of 200 with 10 fields. WIQL stops at 20,000
// results (VS402337), so it reads at most 19,999 (the top ids). Prints "items seconds".
// Usage: node wiql-then-get.js ORG_URL PAT PROJECT COUNT
const azdev = require("azure-devops-node-api");
const [orgUrl, pat, project, count] = process.argv.slice(2);
const fields = [
  "System.Id", "System.WorkItemType", "System.Title", "System.State", "System.AssignedTo",
  "System.AreaPath", "System.IterationPath", "System.Tags", "System.CreatedDate", "System.ChangedDate",
];
(async () => {
  const start = process.hrtime.bigint();
  const conn = new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler(pat));
  const wit = await conn.getWorkItemTrackingApi();
  const q = await wit.queryByWiql(
    { query: "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY [System.Id] DESC" },
    { project }, undefined, Number(count));
  const ids = q.workItems.map((w) => w.id);
  let n = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const items = await wit.getWorkItems(ids.slice(i, i + 200), fields);
    n += items.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(n + " " + seconds.toFixed(2));
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
