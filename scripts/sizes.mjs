// Prints the raw, gzip and brotli sizes of the release bundle (wasm + js + css), the figures the
// size-tuned release profile is judged by. Usage: node scripts/sizes.mjs dist
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const files = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort();
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
let total = [0, 0, 0];
console.log(`Bundle sizes in ${dir}/ (raw, gzip -9, brotli q11):`);
for (const f of files) {
  const data = readFileSync(join(dir, f));
  const sizes = [
    data.length,
    gzipSync(data, { level: 9 }).length,
    brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  total = total.map((t, i) => t + sizes[i]);
  console.log(`  ${f.padEnd(50)}${sizes.map(kib).join("")}`);
}
console.log(`  ${"total".padEnd(50)}${total.map(kib).join("")}`);
