// Prints the raw, gzip and brotli sizes of the release bundle (wasm + js + css, not the fonts), the figures the
// size-tuned release profile is judged by. Usage: node scripts/sizes.mjs dist
// Also a module: bundleSizes(dir) for make bench and scripts/bundle-check.mjs.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** Each bundle file's bytes raw, gzip -9 and brotli q11, and their totals. */
export function bundleSizes(dir) {
  // Every wasm, js and css file, wasm-bindgen's snippets/ folder included (the collation code).
  const walk = (sub) =>
    readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(sub, e.name)) : [join(sub, e.name)],
    );
  // The fonts' stylesheet (scripts/fonts.mjs) goes with the fonts, which have their own figure.
  const files = walk("")
    .filter((f) => /\.(wasm|js|css)$/.test(f) && !/^fonts-[0-9a-f]+\.css$/.test(f))
    .sort()
    .map((name) => {
      const data = readFileSync(join(dir, name));
      return {
        name,
        raw: data.length,
        gzip: gzipSync(data, { level: 9 }).length,
        brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}

export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "dist";
  const { files, total } = bundleSizes(dir);
  const row = (name, s) => `  ${name.padEnd(50)}${[s.raw, s.gzip, s.brotli].map((n) => kib(n).padStart(11)).join("")}`;
  console.log(`Bundle sizes in ${dir}/ (raw, gzip -9, brotli q11):`);
  for (const f of files) console.log(row(f.name, f));
  console.log(row("total", total));
}
