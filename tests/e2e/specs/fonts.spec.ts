// The app draws every character from its own fonts (scripts/fonts.mjs), so a screen looks the same
// on every machine. The suite's browser sees one unlike monospace face as its only system font
// (fonts/fonts.conf): these tests fail when anything falls back to it.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect, fontsDrawing, fontsReady, isAppFont, type Lang } from "../fixtures";

/** Every symbol the UI draws as text. The tri-state and check marks are drawn in CSS, and the
 * selects' chevrons and the native checkboxes by the browser's own controls, with no font. */
const SYMBOLS = ["×", "−", "+", "→", "›", "…", "，", "。", "、", "：", "；", "？", "「", "」"];
/** Drawn by no app font (Braille): the control that proves the check can fail. */
const NOT_IN_APP_FONTS = "⠿";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

/** Symbols (not letters, marks or digits) beyond ASCII in a text. */
const symbolsIn = (text: string) => [...text].filter((c) => /[^\x00-\x7f]/.test(c) && !/[\p{L}\p{M}\p{N}]/u.test(c));

test("every symbol in the translations, the stylesheet and the views is listed", () => {
  const found = new Map<string, string>();
  const note = (text: string, where: string) => symbolsIn(text).forEach((c) => found.set(c, where));
  for (const file of files("locales")) {
    for (const value of Object.values(JSON.parse(readFileSync(join(root, file), "utf8")))) note(String(value), file);
  }
  for (const file of files("style")) {
    for (const [, content] of readFileSync(join(root, file), "utf8").matchAll(/content:\s*"([^"]*)"/g)) {
      note(content.replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16))), file);
    }
  }
  for (const file of files("src")) {
    const code = readFileSync(join(root, file), "utf8").replace(/\/\/.*$/gm, "");
    for (const [, literal] of code.matchAll(/"((?:[^"\\]|\\.)*)"/g)) note(literal, file);
  }
  const unlisted = [...found].filter(([c]) => !SYMBOLS.includes(c)).map(([c, where]) => `${c} (${where})`);
  expect(unlisted, "symbols the UI draws that the list below does not hold").toEqual([]);
  // The "+" of an added product is ASCII, so the scan cannot see it: it is listed by hand.
  expect(found.size).toBeGreaterThan(5);
});

for (const lang of ["en-US", "zh-TW"] as Lang[]) {
  test(`each listed symbol is drawn from the app's own fonts in ${lang}, in both weights`, async ({
    page,
    open,
  }) => {
    await open("/customers", { lang });
    await expect(page.getByTestId("customers-page")).toBeVisible();
    await page.evaluate(
      ({ symbols, control }) => {
        const box = document.createElement("div");
        box.id = "symbols";
        for (const weight of [400, 600]) {
          for (const symbol of [...symbols, control]) {
            const span = document.createElement("span");
            span.textContent = symbol;
            span.dataset.symbol = `${symbol} ${weight}`;
            span.style.fontWeight = String(weight);
            box.append(span);
          }
        }
        document.querySelector("main")!.append(box);
      },
      { symbols: SYMBOLS, control: NOT_IN_APP_FONTS },
    );
    await fontsReady(page);
    const drawn = await fontsDrawing(page, "#symbols");
    expect(drawn.map((d) => d.text)).toEqual([400, 600].flatMap(() => [...SYMBOLS, NOT_IN_APP_FONTS]));
    for (const { text, fonts } of drawn) {
      expect(fonts.length, `${text} is drawn`).toBeGreaterThan(0);
      if (text === NOT_IN_APP_FONTS) {
        expect(fonts.some(isAppFont), "the control character comes from the machine's font").toBe(false);
      } else {
        const strangers = fonts.filter((f) => !isAppFont(f)).map((f) => f.familyName);
        expect(strangers, `fonts other than the app's drawing ${text}`).toEqual([]);
      }
    }
  });
}

test("the fonts are served with the app, as woff2, cached for good", async ({ page, open }) => {
  const fonts: { url: string; type: string | null; cache: string | null }[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/fonts/")) {
      fonts.push({
        url: response.url(),
        type: response.headers()["content-type"] ?? null,
        cache: response.headers()["cache-control"] ?? null,
      });
    }
  });
  await open("/customers", { lang: "zh-TW" });
  await fontsReady(page);
  // Playwright reports responses to the test asynchronously: they can arrive after the page's
  // fonts are ready (one run saw none at this point).
  await expect.poll(() => fonts.length).toBeGreaterThan(1);
  for (const font of fonts) {
    expect(font.url).toMatch(/\/fonts\/noto-sans(-tc)?-[\w-]+-[0-9a-f]{16}\.woff2$/);
    expect(font.type).toBe("font/woff2");
    expect(font.cache).toContain("immutable");
  }
});
