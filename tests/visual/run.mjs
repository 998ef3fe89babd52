// `make visual-backstop`: BackstopJS over every screen of the mock server's catalogue
// (GET /api/testing/pages). Starts a fresh server on a free port, writes the configuration from
// the catalogue, records a reference, then tests against it twice; each test must find 0
// mismatches. Images and reports stay in backstop_data/ (ignored by git).
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import backstop from "backstopjs";
import { root, startServer } from "../e2e/scripts/server.mjs";
import { FONTCONFIG_FILE } from "../e2e/fonts.mjs";

const here = resolve(root, "tests/visual");
const data = resolve(here, "backstop_data");

function config(baseUrl, screens) {
  return {
    id: "partner-center",
    // Each screen is captured at its own viewport; this one is only BackstopJS's default.
    viewports: [{ label: "desktop", width: 1280, height: 800 }],
    scenarios: screens.map((screen) => ({
      label: screen.name,
      url: baseUrl + screen.path,
      readySelector: screen.readySelector,
      viewports: [{ label: `${screen.viewport.width}`, ...screen.viewport }],
      misMatchThreshold: 0,
      requireSameDimensions: true,
    })),
    paths: {
      bitmaps_reference: `${data}/bitmaps_reference`,
      bitmaps_test: `${data}/bitmaps_test`,
      engine_scripts: `${here}/engine_scripts`,
      html_report: `${data}/html_report`,
      json_report: `${data}/json_report`,
      ci_report: `${data}/ci_report`,
    },
    report: ["json"],
    // Every pixel captured painted first (engine_scripts/full-height.cjs says why).
    onReadyScript: "full-height.cjs",
    engine: "puppeteer",
    // The system Chromium, seeing only the app's own fonts, as the Playwright suite does.
    engineOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      env: { ...process.env, FONTCONFIG_FILE, TZ: "UTC" },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--font-render-hinting=none",
        "--disable-lcd-text",
        "--force-prefers-reduced-motion",
        "--force-color-profile=srgb",
        "--hide-scrollbars",
      ],
    },
    // Two cores: more browsers at once only makes each slower.
    asyncCaptureLimit: 2,
    asyncCompareLimit: 4,
    debug: false,
    debugWindow: false,
  };
}

const started = Date.now();
const server = await startServer();
let failed = false;
try {
  const screens = (await (await fetch(`${server.baseUrl}/api/testing/pages`)).json()).items;
  mkdirSync(data, { recursive: true });
  const settings = config(server.baseUrl, screens);
  writeFileSync(resolve(data, "backstop.json"), JSON.stringify(settings, null, 2));
  console.log(`visual-backstop: ${screens.length} screens from ${server.baseUrl}/api/testing/pages`);
  await backstop("reference", { config: settings });
  for (const run of [1, 2]) {
    await fetch(`${server.baseUrl}/api/testing/reset`, { method: "POST" });
    await backstop("test", { config: settings }).catch((error) => {
      failed = true;
      console.error(`visual-backstop: test ${run} found mismatches (${data}/json_report)`, error?.message ?? error);
    });
    if (failed) break;
    console.log(`visual-backstop: test ${run} passed, 0 mismatches`);
  }
} finally {
  server.stop();
}
console.log(`visual-backstop: ${failed ? "FAILED" : "passed"} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failed ? 1 : 0);
