"use strict";
// Prints the emulator's count of work items (its /_emulator/counts control API).
// Usage: node count.js ROOT_URL [ADMIN_TOKEN=emulator-admin]
const [root, token] = process.argv.slice(2);
fetch(root + "/_emulator/counts", { headers: { Authorization: "Bearer " + (token || "emulator-admin") } })
  .then((r) => {
    if (!r.ok) {
      throw new Error("/_emulator/counts answered " + r.status);
    }
    return r.json();
  })
  .then((c) => console.log(c.workItems))
  .catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
