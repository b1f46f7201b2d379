"use strict";
// Prints what the emulator measured of one identity's use of its TSTU budget, as one JSON line:
// the budget, the fullest window (peakUsed, and as a share of the budget), requests answered 200,
// held (delayed) and 429, the TSTUs charged and the seconds from the first to the last request.
// Usage: node throttle-stats.js ROOT_URL [ADMIN_TOKEN=emulator-admin]
const [root, token] = process.argv.slice(2);
const headers = { Authorization: "Bearer " + (token || "emulator-admin") };

async function get(path) {
  const r = await fetch(root + path, { headers });
  if (!r.ok) {
    throw new Error(path + " answered " + r.status);
  }
  return r.json();
}

async function main() {
  const throttle = await get("/_emulator/throttle");
  const log = (await get("/_emulator/requests?top=10000")).value;
  const who = throttle.identities.find((i) => i.uniqueName === "alice@example.com") || {};
  let tstu = 0;
  let first = Infinity;
  let last = -Infinity;
  let requests = 0;
  let blocked = 0;
  for (const e of log) {
    if (e.user !== "alice@example.com") {
      continue;
    }
    requests++;
    tstu += e.tstu;
    if (e.status === 429) {
      blocked++;
    }
    const t = Date.parse(e.time);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const seconds = requests > 1 ? (last - first) / 1000 : 0;
  const budgetRate = throttle.tstu / throttle.windowSeconds;
  console.log(
    JSON.stringify({
      budget: throttle.tstu,
      windowSeconds: throttle.windowSeconds,
      requests,
      blocked,
      blockedShare: requests ? blocked / requests : 0,
      delayed: who.delayedRequests || 0,
      peakUsed: who.peakUsed || 0,
      peakShare: (who.peakUsed || 0) / throttle.tstu,
      tstu,
      seconds,
      rateShare: seconds > 0 ? tstu / seconds / budgetRate : 0,
    }),
  );
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
