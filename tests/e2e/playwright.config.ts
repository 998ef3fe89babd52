import { defineConfig } from "@playwright/test";
// The browser sees no system font but the one unlike face of fonts/ (see fonts/fonts.conf): every
// glyph on a baseline must come from the app's own fonts, on any machine.
import { FONTCONFIG_FILE } from "./fonts.mjs";

// One worker: every test resets the one mock server's data, so tests must not interleave.
export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    toHaveScreenshot: { animations: "disabled", caret: "hide", scale: "css", maxDiffPixels: 0 },
  },
  // Baselines are shared by every Linux machine of this kind: no platform suffix in the name.
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFilePath}/{arg}{ext}",
  // CI never writes baselines: a missing or unstable one fails.
  updateSnapshots: process.env.CI ? "none" : "missing",
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080",
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    timezoneId: "UTC",
    locale: "en-US",
    colorScheme: "light",
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      env: { ...process.env, FONTCONFIG_FILE },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--font-render-hinting=none",
        "--disable-lcd-text",
      ],
    },
  },
});
