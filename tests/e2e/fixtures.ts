import { test as base, expect, type Page } from "@playwright/test";
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
      await page.evaluate(() => document.fonts.ready);
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
