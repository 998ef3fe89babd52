// `make test-browsers`: the seed's flow and its baselines in Firefox ESR (headless) and WebKitGTK
// (MiniBrowser under Xvfb) through WebDriver, against a fresh mock server on a free port.
//   node --test-reporter=spec tests/browsers/run.mjs [--engine=firefox|webkit] [--grep=text] [--update-snapshots=missing|none|changed|all]
// Each test gets a fresh browser and freshly reset data, like the Playwright fixtures.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { startServer } from "../e2e/scripts/server.mjs";
import { api as apiOf } from "./lib/api.mjs";
import { Browser } from "./lib/browser.mjs";
import { engine as engineOf, FONTCONFIG_FILE, startXvfb } from "./lib/engines.mjs";
import { expectScreenshot, setViewport, updateMode, VIEWPORT } from "./lib/screens.mjs";
import * as flows from "./flows.mjs";

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ENGINES = arg("engine") ? [arg("engine")] : ["firefox", "webkit"];
const GREP = arg("grep");
const MODE = updateMode();

const TESTS = [
  ["assign licenses to multiple users, en-US", flows.assign, "en-US"],
  ["assign licenses to multiple users, zh-TW", flows.assign, "zh-TW"],
  ["revoke users' license assignments, en-US", flows.revoke, "en-US"],
  ["revoke users' license assignments, zh-TW", flows.revoke, "zh-TW"],
  ["Manage licenses: checked, mixed and clear product states", flows.productStates, "en-US"],
  ["Manage licenses: the Assigned list", flows.assignedList, "en-US"],
  ["Manage licenses: Buy more", flows.buyMore, "en-US"],
  ["Licenses updated with errors", flows.resultsWithErrors, "en-US"],
].filter(([name]) => !GREP || name.includes(GREP));

// A Rust panic or a Content-Security-Policy report, as the browser prints its console or the page
// reported it (Browser.trouble).
const TROUBLE = /panicked|RuntimeError|Content[- ]Security[- ]Policy|Refused to/i;

test("the browsers see no system font: fontconfig under tests/e2e/fonts/fonts.conf offers only its test face", () => {
  const families = execFileSync("fc-list", [":", "family"], { env: { ...process.env, FONTCONFIG_FILE } })
    .toString()
    .trim()
    .split("\n");
  assert.deepEqual(families, ["DejaVu Sans Mono"]);
});

let server;
let xvfb;
before(async () => {
  server = await startServer();
  console.log(`browsers: mock server at ${server.baseUrl}, baselines: ${MODE}`);
  if (ENGINES.includes("webkit")) xvfb = await startXvfb();
});
after(() => {
  server?.stop();
  xvfb?.stop();
});

for (const name of ENGINES) {
  describe(name, () => {
    const engine = engineOf(name, { display: () => xvfb?.display });

    for (const [title, flow, lang] of TESTS) {
      test(title, { timeout: 300_000 }, async () => {
        const api = apiOf(server.baseUrl);
        await api.reset();
        const logFrom = engine.log().length;
        const written = [];
        let driver;
        let reported = [];
        try {
          driver = await engine.open();
          const b = new Browser(driver, server.baseUrl);
          await setViewport(b, VIEWPORT.width, VIEWPORT.height);
          const check = async (shot, options) => {
            // The app's ready signal: the screen's data drawn, no request in flight, nothing busy.
            await b.expectAttribute("html", "data-app-ready", "true");
            await b.expectAccessible();
            await b.restPointer();
            await b.fontsReady();
            await expectNoSystemFont(b);
            if ((await expectScreenshot(b, name, shot, options, MODE)) === "written") written.push(shot);
          };
          await flow({ b, api, check, lang });
          reported = await b.trouble();
        } finally {
          await engine.close(driver);
        }
        const printed = [...engine.log().slice(logFrom).split("\n"), ...reported].filter((line) => TROUBLE.test(line));
        assert.deepEqual(printed, [], "panics or CSP reports in the browser's console");
        assert.deepEqual(written, [], "missing baselines were written: look at each, then run again");
      });
    }
  });
}

/**
 * The browser itself got the hidden-fonts environment: a generic family falls back to the one
 * monospace test face, so "iiii" and "WWWW" measure the same. With any system font visible they
 * would not, and a glyph missing from the app's fonts could be drawn from it unseen.
 */
async function expectNoSystemFont(b) {
  const widths = await b.js(`
    const ctx = document.createElement("canvas").getContext("2d");
    return ["sans-serif", "serif"].flatMap((family) => {
      ctx.font = "40px " + family;
      return [ctx.measureText("iiiiiiiiii").width, ctx.measureText("WWWWWWWWWW").width];
    });`);
  assert.ok(
    widths[0] === widths[1] && widths[2] === widths[3],
    `a system font reaches the page (widths ${widths.join(", ")})`,
  );
}
