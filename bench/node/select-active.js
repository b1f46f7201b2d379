"use strict";
// The peer of the SQL benchmark on Microsoft's Node client: the items whose State is Active with
// their titles, either as a WIQL filter then getWorkItems of the matches in chunks of 200
// ("wiql"), or the way a driver that pushes nothing down works: every id, every item's Title and
// State, filtered here ("all"). Prints "items seconds".
// Usage: node select-active.js ORG_URL PAT PROJECT wiql|all
const azdev = require("azure-devops-node-api");
const [orgUrl, pat, project, mode] = process.argv.slice(2);
(async () => {
  const start = process.hrtime.bigint();
  const conn = new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler(pat));
  const wit = await conn.getWorkItemTrackingApi();
  const where = mode === "wiql" ? " AND [System.State] = 'Active'" : "";
  const q = await wit.queryByWiql(
    { query: "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project" + where },
    { project });
  const ids = q.workItems.map((w) => w.id);
  const fields = mode === "wiql" ? ["System.Id", "System.Title"] : ["System.Id", "System.Title", "System.State"];
  let n = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const items = await wit.getWorkItems(ids.slice(i, i + 200), fields);
    n += items.filter((w) => mode === "wiql" || w.fields["System.State"] === "Active").length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(n + " " + seconds.toFixed(2));
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
