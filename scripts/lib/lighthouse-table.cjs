// Prints one row per Lighthouse JSON report: category scores, cumulative layout shift, console errors and whether the
// page meets the bars (accessibility >= 95, best practices 100, CLS < 0.1, no console errors). Exit code 1 if not.
"use strict";
const fs = require("fs");
const path = require("path");

const columns = ["page", "perf", "a11y", "best-pr", "seo", "CLS", "console errors", "bars"];
const rows = [];
let failed = false;
for (const file of process.argv.slice(2)) {
  const page = path.basename(file).replace(/\.report\.json$/, "");
  if (!fs.existsSync(file)) {
    rows.push([page, "-", "-", "-", "-", "-", "-", "NO REPORT"]);
    failed = true;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const score = id => report.categories[id] && report.categories[id].score !== null ? Math.round(report.categories[id].score * 100) : NaN;
  const cls = report.audits["cumulative-layout-shift"].numericValue;
  const errors = ((report.audits["errors-in-console"].details || {}).items || []).length;
  const misses = [];
  if (!(score("accessibility") >= 95)) misses.push("a11y");
  if (score("best-practices") !== 100) misses.push("best-pr");
  if (!(cls < 0.1)) misses.push("CLS");
  if (errors > 0) misses.push("console");
  failed = failed || misses.length > 0;
  rows.push([page, score("performance"), score("accessibility"), score("best-practices"), score("seo"), cls.toFixed(3), errors,
    misses.length ? `MISSED ${misses.join(",")}` : "ok"].map(String));
  for (const item of ((report.audits["errors-in-console"].details || {}).items || [])) {
    console.error(`  ${page} console: ${item.description || item.source || JSON.stringify(item)}`);
  }
}
const widths = columns.map((c, i) => Math.max(c.length, ...rows.map(r => r[i].length)));
const line = r => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
console.log(line(columns));
console.log(widths.map(w => "-".repeat(w)).join("  "));
rows.forEach(r => console.log(line(r)));
process.exit(failed ? 1 : 0);
