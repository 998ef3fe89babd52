import { test as base, expect, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export type Lang = "en-US" | "zh-TW";

/** The WCAG tags every screen state must pass with zero violations. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Fixtures = {
  /** Restores the mock backend's seed before the test; runs for every test. */
  resetData: void;
  /** Opens a path in test mode (no animation, no caret) in the given language and role. */
  open: (path: string, options?: { lang?: Lang; role?: string }) => Promise<void>;
  /** Fails the test on any axe violation of the WCAG 2.2 AA tags on the current screen. */
  expectAccessible: () => Promise<void>;
};

export const test = base.extend<Fixtures>({
  resetData: [
    async ({ request }, use) => {
      const response = await request.post("/api/testing/reset");
      expect(response.ok(), "the mock server resets its data").toBeTruthy();
      await use();
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    // A fixed clock: nothing on screen may depend on when the suite runs. (Storage needs no
    // clearing: every test gets a fresh browser context.)
    await page.clock.setFixedTime(new Date("2026-11-02T09:00:00Z"));
    // The server's Content-Security-Policy must never block anything the app does: every
    // `securitypolicyviolation` event (kept on the window of each document) and every console
    // message about the policy (which outlives a navigation) fails the test.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) => {
        const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
        seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}${where}`);
      });
    });
    const fromConsole: string[] = [];
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) fromConsole.push(message.text());
    });
    // A Rust panic in the app (logged as "panicked at ...", then a wasm RuntimeError) fails the
    // test too, whatever the test was about.
    const panics: string[] = [];
    const isPanic = (text: string) => /panicked|RuntimeError/.test(text);
    page.on("console", (message) => {
      if (isPanic(message.text())) panics.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => {
      const text = `${error.name}: ${error.message}`;
      if (isPanic(text) || isPanic(error.stack ?? "")) panics.push(`pageerror: ${text}`);
    });
    await use(page);
    expect(panics, "panics in the app").toEqual([]);
    const fromPage = await page
      .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
      .catch(() => [] as string[]);
    expect([...fromPage, ...fromConsole], "Content-Security-Policy violations").toEqual([]);
  },
  open: async ({ page }, use) => {
    await use(async (path, options = {}) => {
      const url = new URL(path, "http://placeholder");
      url.searchParams.set("test", "1");
      url.searchParams.set("lang", options.lang ?? "en-US");
      if (options.role) url.searchParams.set("role", options.role);
      await page.goto(url.pathname + url.search);
    });
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  },
});

/** Keeps the pointer off the page so no hover style lands in a screenshot. */
export async function restPointer(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
}

export { expect };
export type { Page };

/** The families of the app's own fonts (scripts/fonts.mjs); nothing on a screen may use another. */
export const APP_FONTS = ["Noto Sans", "Noto Sans TC", "Noto Sans KR"];

/**
 * Waits until the fonts the screen draws have loaded. Slices load only when laid-out text needs
 * them, so it lets a frame pass first, then waits for `document.fonts.ready` until no face is
 * loading and the screen's own family (by its language) has a loaded face.
 */
export async function fontsReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await new Promise((done) => requestAnimationFrame(() => done(null)));
    await document.fonts.ready;
    const faces = [...document.fonts];
    const family = document.documentElement.lang === "zh-TW" ? "Noto Sans TC" : "Noto Sans";
    const loaded = (f: FontFace) => f.status === "loaded" && f.family.replace(/"/g, "") === family;
    return faces.every((f) => f.status !== "loading") && faces.some(loaded);
  });
}

type CdpNode = {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: CdpNode[];
  pseudoElements?: CdpNode[];
  shadowRoots?: CdpNode[];
};

/** A font Chromium drew some of an element's text with, as its DevTools protocol reports it. */
export type DrawnFont = { familyName: string; isCustomFont: boolean; glyphCount: number };

/**
 * The fonts Chromium drew each element's own text with (its text children, its ::before and
 * ::after, and a form control's value), for every element that `selector` matches or holds.
 */
export async function fontsDrawing(
  page: Page,
  selector = "body",
): Promise<{ label: string; text: string; fonts: DrawnFont[] }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: CdpNode };
    const { nodeIds } = (await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector })) as {
      nodeIds: number[];
    };
    const wanted = new Set(nodeIds);
    const drawn: { nodeId: number; label: string; text: string }[] = [];
    const visit = (node: CdpNode, path: string, inside: boolean) => {
      const name = node.nodeName.toLowerCase();
      if (["script", "style", "head", "template"].includes(name)) return;
      const within = inside || wanted.has(node.nodeId);
      const here = node.nodeType === 1 ? `${path} > ${name}` : path;
      const kids = node.children ?? [];
      const text = kids
        .filter((k) => k.nodeType === 3)
        .map((k) => k.nodeValue)
        .join("")
        .trim();
      if (within && node.nodeType === 1 && (text || name === "input" || name === "select")) {
        drawn.push({ nodeId: node.nodeId, label: here, text });
      }
      for (const pseudo of node.pseudoElements ?? []) {
        if (within) drawn.push({ nodeId: pseudo.nodeId, label: `${here}${pseudo.nodeName}`, text: "" });
      }
      for (const child of [...kids, ...(node.shadowRoots ?? [])]) visit(child, here, within);
    };
    visit(root, "", false);
    const out = [];
    for (const { nodeId, label, text } of drawn) {
      const { fonts } = (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })) as { fonts: DrawnFont[] };
      out.push({ label, text, fonts });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Whether a font is one of the app's own web fonts. */
export const isAppFont = (font: DrawnFont) =>
  font.isCustomFont && APP_FONTS.some((family) => font.familyName === family || font.familyName.startsWith(`${family} `));

/** Fails when any text on the screen, pseudo-elements and form controls included, is drawn from a
 * font other than the app's own. */
export async function expectAppFontsOnly(page: Page): Promise<void> {
  const strangers = (await fontsDrawing(page)).flatMap(({ label, text, fonts }) =>
    fonts
      .filter((font) => !isAppFont(font))
      .map((font) => `${label} "${text.slice(0, 40)}": ${font.glyphCount} glyphs from ${font.familyName}`),
  );
  expect(strangers, "text drawn from a font that is not the app's").toEqual([]);
}

/**
 * A screenshot baseline, taken once the screen's fonts have loaded and after checking that every
 * glyph on it comes from the app's own fonts.
 */
export async function expectScreenshot(
  target: Page | Locator,
  name: string,
  options: {
    fullPage?: boolean;
    clip?: { x: number; y: number; width: number; height: number };
    maxDiffPixels?: number;
  } = {},
): Promise<void> {
  const page = "page" in target ? (target as Locator).page() : (target as Page);
  await fontsReady(page);
  await expectAppFontsOnly(page);
  await expect(target).toHaveScreenshot(name, options);
}
