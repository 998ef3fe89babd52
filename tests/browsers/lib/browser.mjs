// A small page helper over a WebDriver session: elements found by CSS and accessible name,
// clicked and typed into through WebDriver's own input (so the engine handles the events), and
// waits that retry like Playwright's web-first assertions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Key, Origin } from "selenium-webdriver";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** The WCAG tags of the Chromium suite (tests/e2e/fixtures.ts). */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const TIMEOUT = 10_000;

// Runs in the page: the elements matching `css` (inside the first match of `within`), kept to
// those whose accessible name (aria-labelledby, aria-label, label, text; whitespace collapsed)
// is `name` and that are rendered, when asked.
const QUERY = `
  const [css, name, within, visibleOnly] = arguments;
  const squash = (s) => (s ?? "").replace(/\\s+/g, " ").trim();
  const accName = (el) => {
    const by = el.getAttribute("aria-labelledby");
    if (by) return squash(by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent).join(" "));
    if (el.hasAttribute("aria-label")) return squash(el.getAttribute("aria-label"));
    if (el.labels && el.labels.length) return squash([...el.labels].map((l) => l.textContent).join(" "));
    return squash(el.textContent);
  };
  const scope = within ? document.querySelector(within) : document;
  if (!scope) return [];
  return [...scope.querySelectorAll(css)].filter(
    (el) => (name === null || accName(el) === name) && (!visibleOnly || el.getClientRects().length > 0),
  );
`;

// Runs in the page once it has loaded: keeps what it says of errors, for the engine that prints
// no console (WebKitGTK's MiniBrowser under automation writes none of its messages out).
const WATCH = `
  if (!window.__trouble) {
    const trouble = (window.__trouble = []);
    for (const level of ["error", "warn"]) {
      const original = console[level];
      console[level] = (...args) => {
        trouble.push(args.map(String).join(" "));
        original.apply(console, args);
      };
    }
    addEventListener("securitypolicyviolation", (e) =>
      trouble.push("Content-Security-Policy: refused " + e.blockedURI + " (" + e.violatedDirective + ")"));
    addEventListener("error", (e) => trouble.push("error: " + e.message));
    addEventListener("unhandledrejection", (e) => trouble.push("unhandled rejection: " + e.reason));
  }`;

export class Browser {
  constructor(driver, baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Opens a path in test mode (no animation, no caret) in the given language. */
  async open(path, { lang = "en-US" } = {}) {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set("test", "1");
    url.searchParams.set("lang", lang);
    await this.driver.get(url.href);
    await this.js(WATCH);
  }

  /** What the page reported as errors since it was opened (console.error and .warn, uncaught
   * errors, Content-Security-Policy violations). */
  trouble() {
    return this.js("return window.__trouble ?? []");
  }

  js(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  /** Retries `probe` until it returns a truthy value; fails with `what` after the timeout. */
  async waitFor(probe, what, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  all(css, { name = null, within = null, visible = false } = {}) {
    return this.js(QUERY, css, name, within, visible);
  }

  /** The one rendered element matching `css` (and `name`), once there is one. */
  async el(css, options = {}) {
    const what = `${css}${options.name ? ` named "${options.name}"` : ""}`;
    return this.waitFor(async () => (await this.all(css, { ...options, visible: true }))[0], what);
  }

  async click(css, options) {
    await (await this.el(css, options)).click();
  }

  async press(key) {
    await this.driver.actions().sendKeys(Key[key] ?? key).perform();
  }

  async type(css, text, options) {
    const input = await this.el(css, options);
    await input.clear();
    await input.sendKeys(text);
  }

  /** Waits until the text of the elements matching `css` is `expected` (strings or RegExps). */
  async expectTexts(css, expected, options = {}) {
    let seen;
    await this.waitFor(async () => {
      seen = await this.js(
        `${QUERY.replace("return [...scope", "const found = [...scope")}; return found.map((el) => squash(el.textContent));`,
        css,
        options.name ?? null,
        options.within ?? null,
        false,
      ).catch(() => undefined);
      return (
        seen?.length === expected.length &&
        expected.every((want, i) => (want instanceof RegExp ? want.test(seen[i]) : seen[i] === want))
      );
    }, `${css} to read ${JSON.stringify(expected.map(String))} (last seen ${JSON.stringify(seen)})`);
  }

  async expectText(css, expected, options) {
    await this.expectTexts(css, [expected], options);
  }

  async expectCount(css, count, options = {}) {
    let seen;
    await this.waitFor(async () => {
      seen = (await this.all(css, options)).length;
      return seen === count;
    }, `${count} of ${css} (last seen ${seen})`);
  }

  async expectAttribute(css, attribute, value, options = {}) {
    let seen;
    await this.waitFor(async () => {
      const [el] = await this.all(css, options);
      seen = el && (await el.getAttribute(attribute));
      return seen === value;
    }, `${css}${options.name ? ` "${options.name}"` : ""} [${attribute}="${value}"] (last seen ${seen})`);
  }

  async expectProperty(css, property, value, options = {}) {
    await this.waitFor(async () => {
      const [el] = await this.all(css, options);
      return el && (await this.js("return arguments[0][arguments[1]]", el, property)) === value;
    }, `${css}.${property} to be ${value}`);
  }

  async expectHidden(css, options = {}) {
    await this.expectCount(css, 0, { ...options, visible: true });
  }

  async expectFocused(css, options = {}) {
    await this.waitFor(async () => {
      const [el] = await this.all(css, options);
      return el && this.js("return document.activeElement === arguments[0]", el);
    }, `${css} to have focus`);
  }

  /** Fails on any axe violation of the WCAG 2.2 AA tags, as the Chromium fixtures do. */
  async expectAccessible() {
    // axe goes in as the body of a WebDriver script (the page's CSP refuses eval), once a page.
    if (!(await this.js("return !!window.axe"))) {
      assert.ok(await this.js(`${AXE_SOURCE}\n;return !!window.axe;`), "axe-core loads in the page");
    }
    const violations = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] } })
         .then((r) => done(r.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join(", ") + ")")),
               (e) => done(["axe failed: " + e.message]));`,
      WCAG_TAGS,
    );
    assert.deepEqual(violations, [], "axe violations");
  }

  /** Keeps the pointer off the page so no hover style lands in a screenshot. */
  async restPointer() {
    // Two moves: a click through WebDriver's element click leaves the actions' pointer where it
    // was, and WebKit sends no mousemove for a move to the point it already holds.
    await this.driver
      .actions()
      .move({ x: 4, y: 4, origin: Origin.VIEWPORT })
      .move({ x: 0, y: 0, origin: Origin.VIEWPORT })
      .perform();
  }

  /** The fonts-ready wait of tests/e2e/fixtures.ts (a frame, then every face loaded and the
   * screen's own family among them), after asking for every slice the screen's text needs:
   * WebKit can lay text out in the fallback face before it has begun loading a slice, and
   * `document.fonts.ready` does not wait for a load that has not begun. */
  async fontsReady() {
    await this.waitFor(
      () =>
        this.driver.executeAsyncScript(`
          const done = arguments[arguments.length - 1];
          requestAnimationFrame(async () => {
            const fields = [...document.querySelectorAll("input, select")].map((e) => e.value + (e.placeholder ?? ""));
            const text = document.body.innerText + fields.join("");
            const wanted = ["Noto Sans", "Noto Sans TC", "Noto Sans KR"].flatMap((family) =>
              ["400", "600"].map((weight) => weight + ' 14px "' + family + '"'));
            const unloaded = wanted.filter((font) => !document.fonts.check(font, text));
            if (unloaded.length) {
              await Promise.all(unloaded.map((font) => document.fonts.load(font, text)));
              return done(false);
            }
            await document.fonts.ready;
            const faces = [...document.fonts];
            const family = document.documentElement.lang === "zh-TW" ? "Noto Sans TC" : "Noto Sans";
            const loaded = (f) => f.status === "loaded" && f.family.replace(/"/g, "") === family;
            done(faces.every((f) => f.status !== "loading") && faces.some(loaded));
          });`),
      "the screen's fonts to load",
    );
  }

  /** The document-coordinate box (whole pixels, 8 px margin) around the given elements, as
   * tests/e2e/pages/manage-licenses.ts regionAround. */
  async regionAround(...elements) {
    return this.js(
      `const boxes = [...arguments].map((el) => {
         const r = el.getBoundingClientRect();
         return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
       });
       const m = 8;
       const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.left)) - m));
       const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.top)) - m));
       const right = Math.ceil(Math.max(...boxes.map((b) => b.right)) + m);
       const bottom = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) + m);
       return { x: left, y: top, width: right - left, height: bottom - top };`,
      ...elements,
    );
  }
}
