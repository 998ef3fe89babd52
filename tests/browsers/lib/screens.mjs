// Screenshot baselines per engine, with the rules of the Playwright config: a 1280x800 viewport,
// full pages by growing the window to the page's height, 0 differing pixels (pixelmatch at
// Playwright's default colour threshold), missing baselines written only outside CI.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const VIEWPORT = { width: 1280, height: 800 };

/** Where an engine's baselines live, and where a failed comparison leaves what it saw. */
export const baselinePath = (engine, name) => resolve(HERE, "__screenshots__", engine, name);
const resultPath = (engine, name) => resolve(HERE, "test-results", engine, name);

/** "missing" (write only missing ones), "none" (write nothing), "all", or "changed". */
export function updateMode(argv = process.argv) {
  const flag = argv.find((a) => a.startsWith("--update-snapshots="));
  const mode = flag ? flag.split("=")[1] : process.env.CI ? "none" : "missing";
  assert.ok(["missing", "none", "all", "changed"].includes(mode), `unknown --update-snapshots=${mode}`);
  return mode;
}

/** Sets the inner window (the viewport) to exactly width x height, whatever the frame around it. */
export async function setViewport(browser, width, height) {
  const window = browser.driver.manage().window();
  for (let attempt = 0; attempt < 3; attempt++) {
    const [innerWidth, innerHeight] = await browser.js("return [innerWidth, innerHeight]");
    if (innerWidth === width && innerHeight === height) return;
    const rect = await window.getRect();
    await window.setRect({ width: rect.width + width - innerWidth, height: rect.height + height - innerHeight });
    await browser
      .waitFor(async () => {
        const [w, h] = await browser.js("return [innerWidth, innerHeight]");
        return w !== innerWidth || h !== innerHeight || (w === width && h === height);
      }, "the window to resize", 3_000)
      .catch(() => {});
  }
  const seen = await browser.js("return [innerWidth, innerHeight]");
  assert.deepEqual(seen, [width, height], "the viewport size");
}

async function viewportShot(browser) {
  return PNG.sync.read(Buffer.from(await browser.driver.takeScreenshot(), "base64"));
}

/** A screenshot once two in a row agree (the screen has settled), like toHaveScreenshot. */
async function settledShot(browser) {
  let previous = await viewportShot(browser);
  let last;
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await viewportShot(browser);
    if (next.width === previous.width && next.height === previous.height && next.data.equals(previous.data)) {
      return next;
    }
    last = [previous, next];
    previous = next;
  }
  assert.fail(`the screen kept changing between screenshots (${changedBox(...last)})`);
}

/** Where two shots of the same size differ, as a box (for the failure message). */
function changedBox(a, b) {
  if (a.width !== b.width || a.height !== b.height) return `size ${a.width}x${a.height} then ${b.width}x${b.height}`;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) {
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
    }
  }
  return `pixels differ within x ${x0}-${x1}, y ${y0}-${y1}`;
}

/** The part of the shot inside `clip`, clamped to the shot as Playwright clamps a clip. */
function crop(png, clip) {
  const x = Math.max(0, clip.x);
  const y = Math.max(0, clip.y);
  const width = Math.min(png.width, clip.x + clip.width) - x;
  const height = Math.min(png.height, clip.y + clip.height) - y;
  assert.ok(width > 0 && height > 0, "the clip lies on the page");
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, x, y, width, height, 0, 0);
  return out;
}

/**
 * Takes the screen (the whole page unless `fullPage` is false, then cropped to `clip` in page
 * coordinates) and compares it with the engine's baseline `name`. Returns "written" when it
 * wrote a missing baseline, so the test can fail once it has recorded the rest, as Playwright's
 * does: a new baseline is noticed and looked at.
 */
export async function expectScreenshot(browser, engine, name, { fullPage = true, clip } = {}, mode = updateMode()) {
  let png;
  if (fullPage) {
    const height = await browser.js(
      "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)",
    );
    await setViewport(browser, VIEWPORT.width, Math.max(VIEWPORT.height, height));
    try {
      png = await settledShot(browser);
    } finally {
      await setViewport(browser, VIEWPORT.width, VIEWPORT.height);
    }
  } else {
    png = await settledShot(browser);
  }
  if (clip) png = crop(png, clip);

  const path = baselinePath(engine, name);
  const actual = PNG.sync.write(png);
  const write = (why) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    console.log(`    ${why} baseline ${engine}/${name}`);
  };
  if (!existsSync(path)) {
    assert.notEqual(mode, "none", `missing baseline ${engine}/${name} (record it outside CI)`);
    write("wrote missing");
    // Asked to update, the run records it without failing, as Playwright's does.
    return mode === "missing" ? "written" : undefined;
  }
  const expected = PNG.sync.read(readFileSync(path));
  const sameSize = expected.width === png.width && expected.height === png.height;
  const diff = new PNG({ width: png.width, height: png.height });
  const differing = sameSize ? pixelmatch(expected.data, png.data, diff.data, png.width, png.height, { threshold: 0.2 }) : -1;
  if (differing === 0) return mode === "all" ? write("rewrote") : undefined;
  if (mode === "all" || mode === "changed") return write("updated");
  const out = resultPath(engine, name);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out.replace(/\.png$/, "-actual.png"), actual);
  if (sameSize) writeFileSync(out.replace(/\.png$/, "-diff.png"), PNG.sync.write(diff));
  assert.fail(
    sameSize
      ? `${engine}/${name}: ${differing} pixels differ from the baseline (see ${out.replace(/\.png$/, "-diff.png")})`
      : `${engine}/${name}: ${png.width}x${png.height}, baseline ${expected.width}x${expected.height}`,
  );
}
