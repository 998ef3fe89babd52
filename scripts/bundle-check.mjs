// CI's bundle-size guard (make bundle-check, part of make test): the release bundle's brotli
// total against the figure recorded in docs/bundle-baseline.json. Fails when it grew more than
// 5%; says so when it shrank by more than 5%, so the baseline can be lowered to keep the guard
// tight. Usage: node scripts/bundle-check.mjs [dist] [--record]
//   --record  writes the current figure into the baseline (after a deliberate change).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSizes, kib } from "./sizes.mjs";

const TOLERANCE = 0.05;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const baselinePath = resolve(root, "docs/bundle-baseline.json");
const args = process.argv.slice(2);
const record = args.includes("--record");
const dir = args.find((a) => !a.startsWith("--")) ?? resolve(root, "dist");

const baseline = JSON.parse(readFileSync(baselinePath, "utf8"));
const recorded = baseline.brotliBytes;
if (!Number.isInteger(recorded) || recorded <= 0) {
  console.error(`bundle-check: ${baselinePath} has no positive integer "brotliBytes"`);
  process.exit(1);
}
const current = bundleSizes(dir).total.brotli;
const change = current / recorded - 1;
const pct = `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%`;
const fmt = (n) => `${n.toLocaleString("en-US")} B (${kib(n)})`;
console.log(`Bundle (wasm + js + css, brotli q11): current ${fmt(current)}, recorded ${fmt(recorded)}: ${pct}`);

if (record) {
  baseline.brotliBytes = current;
  baseline.recorded = `${new Date().toISOString().slice(0, 10)}, node scripts/bundle-check.mjs --record`;
  writeFileSync(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`Recorded ${fmt(current)} in docs/bundle-baseline.json; commit it.`);
} else if (change > TOLERANCE) {
  console.error(
    `FAIL: the bundle grew ${pct}, over the +${TOLERANCE * 100}% allowed. Make it smaller, or if the ` +
      `growth is deliberate, record it: node scripts/bundle-check.mjs --record (and say why in the commit).`,
  );
  process.exit(1);
} else if (change < -TOLERANCE) {
  console.log(
    `The bundle shrank ${pct}: lower the baseline so the guard stays tight: ` +
      `node scripts/bundle-check.mjs --record, then commit docs/bundle-baseline.json.`,
  );
} else {
  console.log(`OK: within +${TOLERANCE * 100}% of the recorded figure.`);
}
