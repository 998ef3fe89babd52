// Minifies the release build's JavaScript (wasm-bindgen's bindings and the app's snippets) in
// Trunk's staging folder: Trunk's own minifier cannot parse the bindings' `export default` and
// leaves them as they are (55.7 KiB raw, most of it JSDoc and layout). Trunk runs this after every
// release build (Trunk.toml [[hooks]], stage post_build); a debug build (`trunk serve`) keeps its
// readable JavaScript. Each file's subresource-integrity hash in index.html is written anew, or the
// browser would refuse the minified file.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { minify } from "terser";

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error("TRUNK_STAGING_DIR is not set: run through `trunk build`");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

function* scripts(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* scripts(path);
    else if (name.endsWith(".js")) yield path;
  }
}

const indexPath = join(stage, "index.html");
let index = readFileSync(indexPath, "utf8");

for (const path of scripts(stage)) {
  const source = readFileSync(path, "utf8");
  const { code } = await minify(source, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    format: { comments: false },
  });
  writeFileSync(path, code);
  const href = "/" + relative(stage, path).split(sep).join("/");
  const integrity = "sha384-" + createHash("sha384").update(code).digest("base64");
  // The attribute as Trunk writes it, quoted or (minified) not, after the file's address.
  const link = new RegExp(`(href=["']?${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?[^>]*?integrity=["']?)sha384-[A-Za-z0-9+/=]+`);
  if (link.test(index)) index = index.replace(link, `$1${integrity}`);
  else if (index.includes(href)) throw new Error(`index.html names ${href} but no integrity of it was found`);
}
writeFileSync(indexPath, index);
