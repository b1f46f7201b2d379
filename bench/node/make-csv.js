"use strict";
// Writes the benchmark's input: N rows of new Tasks, 6 fields each plus the key column.
// Values hold no commas, quotes or line breaks, so both importers read the file the same way.
const fs = require("fs");

// Usage: node make-csv.js OUT.csv [ROWS=2000] [KEY_PREFIX=B]
const [out, rowsArg, prefixArg] = process.argv.slice(2);
const rows = Number(rowsArg || 2000);
const prefix = prefixArg || "B";
const people = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"];
const things = ["login page", "CSV export", "search results", "billing report", "user settings"];
const lines = ["Key,Title,Description,Priority,RemainingWork,Tags,AssignedTo"];
for (let i = 1; i <= rows; i++) {
  const thing = things[i % things.length];
  lines.push(
    [
      prefix + "-" + String(i).padStart(6, "0"),
      "Speed up the " + thing + " (" + i + ")",
      "The " + thing + " is slow after the last release; measure and fix it.",
      1 + (i % 4),
      (i % 16) / 2,
      i % 2 ? "bench; performance" : "bench",
      people[i % people.length],
    ].join(",")
  );
}
fs.writeFileSync(out, lines.join("\n") + "\n");
