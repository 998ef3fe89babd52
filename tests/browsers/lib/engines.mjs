// Firefox ESR and WebKitGTK through their own WebDriver servers, started here with explicit
// binary paths (so selenium-webdriver never looks for, or downloads, a driver or a browser) and
// with the hidden-system-fonts environment of the Chromium suite (tests/e2e/fonts/fonts.conf),
// which each driver passes on to the browser it starts.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { Builder } from "selenium-webdriver";
import { root } from "../../e2e/scripts/server.mjs";

export const FONTCONFIG_FILE = resolve(root, "tests/e2e/fonts/fonts.conf");
const GECKODRIVER = process.env.GECKODRIVER ?? resolve(homedir(), ".cargo/bin/geckodriver");
const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/lib/firefox-esr/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** The environment every browser runs in: only the test font, UTC, one language. */
export function browserEnv(extra = {}) {
  return { ...process.env, FONTCONFIG_FILE, TZ: "UTC", LANG: "C.UTF-8", LANGUAGE: "en-US", ...extra };
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** A child process whose output is kept, so a test can look for panics and CSP reports in it. */
function startProcess(command, args, env) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const log = { text: "", child };
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (log.text += chunk));
  return log;
}

async function waitForDriver(url, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (log.child.exitCode !== null) throw new Error(`driver exited early:\n${log.text}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`driver at ${url} did not answer within 30 s:\n${log.text}`);
}

/** Xvfb on a free display, for WebKitGTK (MiniBrowser has no headless mode). Tall enough for a
 * full-page screenshot, which grows the window to the page's height. */
export async function startXvfb() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1600x4000x24", "-nolisten", "tcp", "-dpi", "96"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const display = await new Promise((done, fail) => {
    let out = "";
    xvfb.stdio[3].on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) done(`:${out.trim()}`);
    });
    xvfb.on("exit", (code) => fail(new Error(`Xvfb exited with code ${code}`)));
  });
  return { display, stop: () => xvfb.kill("SIGTERM") };
}

const FIREFOX_PREFS = {
  // The page's own light scheme and no motion, like the Chromium suite's context options.
  "layout.css.prefers-color-scheme.content-override": 1,
  "ui.systemUsesDarkTheme": 0,
  "ui.prefersReducedMotion": 1,
  "general.smoothScroll": false,
  "layout.css.devPixelsPerPx": "1.0",
  "intl.accept_languages": "en-US",
  // No red underline under words typed into a field.
  "layout.spellcheckDefault": 0,
  // Console messages on stdout, where the suite looks for panics and CSP reports.
  "devtools.console.stdout.content": true,
};

/**
 * One engine: `start()` runs its driver, `session()` opens a fresh browser (a fresh profile,
 * so no storage carries over between tests), `log()` is what the browser printed so far.
 * `display()` names the X display WebKit's browser opens on, once there is one.
 */
export function engine(name, { display = () => undefined } = {}) {
  let driver;
  let url;
  return {
    name,
    async start() {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      if (name === "firefox") {
        driver = startProcess(GECKODRIVER, ["--port", String(port), "--log", "warn"], browserEnv());
      } else {
        // Skia's CPU rasteriser: through Xvfb's software GL the top bar's selects came out a few
        // levels different from one screenshot to the next; on the CPU they are the same.
        const env = browserEnv({
          DISPLAY: display(),
          WEBKIT_SKIA_ENABLE_CPU_RENDERING: "1",
          // tests/browsers/gtk/gtk-3.0/settings.ini: classic scrollbars, no GTK animation.
          XDG_CONFIG_HOME: resolve(root, "tests/browsers/gtk"),
          GTK_OVERLAY_SCROLLING: "0",
        });
        driver = startProcess(WEBKIT_DRIVER, [`--port=${port}`], env);
      }
      await waitForDriver(url, driver);
    },
    capabilities() {
      if (name === "firefox") {
        return {
          browserName: "firefox",
          "moz:firefoxOptions": {
            binary: FIREFOX,
            args: ["-headless", "-width=1280", "-height=800"],
            prefs: FIREFOX_PREFS,
            env: { FONTCONFIG_FILE, TZ: "UTC" },
          },
        };
      }
      return {
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": {
          binary: MINIBROWSER,
          args: ["--automation", "--enable-smooth-scrolling=false", "--enable-write-console-messages-to-stdout=true"],
        },
      };
    },
    async session() {
      return new Builder().usingServer(url).withCapabilities(this.capabilities()).build();
    },
    log() {
      return driver.text;
    },
    stop() {
      driver?.child.kill("SIGTERM");
    },
  };
}
