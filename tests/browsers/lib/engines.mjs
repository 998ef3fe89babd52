// Firefox ESR and WebKitGTK through their own WebDriver servers, started here with explicit
// binary paths (so selenium-webdriver never looks for, or downloads, a driver or a browser) and
// with the hidden-system-fonts environment of the Chromium suite (tests/e2e/fonts/fonts.conf),
// which each driver passes on to the browser it starts.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { WebDriver } from "selenium-webdriver";
import { Executor, HttpClient } from "selenium-webdriver/http/index.js";
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

/** The longest one WebDriver command may take (a full-page screenshot or axe in WebKit take a few
 * seconds): past it the command fails, so a hung browser fails its test instead of the run. */
export const COMMAND_TIMEOUT = 60_000;

/** selenium-webdriver's HTTP client with a deadline on every command, naming the one that hung. */
class TimedClient extends HttpClient {
  send(request) {
    let timer;
    const hung = new Promise((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`WebDriver ${request.method} ${request.path} got no answer in ${COMMAND_TIMEOUT / 1000} s`)),
        COMMAND_TIMEOUT,
      );
    });
    const started = Date.now();
    return Promise.race([super.send(request), hung]).finally(() => {
      clearTimeout(timer);
      if (process.env.BROWSERS_TRACE) console.log(`      ${request.method} ${request.path} ${Date.now() - started} ms`);
    });
  }
}

/** A child process in its own process group (so stopping it also stops the browser it started),
 * whose output is kept, so a test can look for panics and CSP reports in it. */
function startProcess(command, args, env, log) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise((done) => child.on("exit", done));
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (log.text += chunk));
  return { child, exited };
}

/** Ends a process group: SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stopGroup({ child, exited }) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  // The browser it started may outlive the driver by a moment; the group goes with it.
  signal("SIGKILL");
}

async function waitForDriver(url, { child }, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`driver exited early:\n${log.text}`);
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
 * One engine. `open()` starts its WebDriver server and a fresh browser on it (a fresh profile, so
 * no storage carries over between tests); `close(session)` ends both, whatever state the browser
 * is in; `log()` is what the drivers and browsers printed so far. A driver per test: WebKitWebDriver
 * allows one session at a time, so a browser that stopped answering would otherwise refuse every
 * later test its session ("Maximum number of active sessions").
 * `display()` names the X display WebKit's browser opens on, once there is one.
 */
export function engine(name, { display = () => undefined } = {}) {
  const log = { text: "" };
  let server;
  const env = () =>
    name === "firefox"
      ? browserEnv()
      : browserEnv({
          DISPLAY: display(),
          // Skia's CPU rasteriser: through Xvfb's software GL the top bar's selects came out a few
          // levels different from one screenshot to the next; on the CPU they are the same.
          WEBKIT_SKIA_ENABLE_CPU_RENDERING: "1",
          // tests/browsers/gtk/gtk-3.0/settings.ini: classic scrollbars, no GTK animation.
          XDG_CONFIG_HOME: resolve(root, "tests/browsers/gtk"),
          GTK_OVERLAY_SCROLLING: "0",
        });
  return {
    name,
    async open() {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      server =
        name === "firefox"
          ? startProcess(GECKODRIVER, ["--port", String(port), "--log", "warn"], env(), log)
          : startProcess(WEBKIT_DRIVER, [`--port=${port}`], env(), log);
      await waitForDriver(url, server, log);
      const session = WebDriver.createSession(new Executor(new TimedClient(url)), this.capabilities());
      await session.getSession();
      if (name === "webkit") {
        // Xvfb has no window manager to make the browser's window the active one, and an inactive
        // window's page has no focus: no :focus, no focus ring. Give it the keyboard focus.
        execFileSync("xdotool", ["search", "--sync", "--onlyvisible", "--class", "MiniBrowser", "windowfocus", "--sync"], {
          env: env(),
          timeout: 10_000,
        });
      }
      // Below the command deadline, so a page or script that never finishes fails as itself.
      await session.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
      return session;
    },
    async close(session) {
      // Quit first (the browser ends cleanly and flushes its console); whatever it answers, the
      // driver's process group goes with everything it started.
      try {
        await session?.quit();
      } catch (err) {
        log.text += `\n[quit: ${err.message}]\n`;
      }
      if (server) await stopGroup(server);
      server = undefined;
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
    log() {
      return log.text;
    },
  };
}
