// Issue 18, the catalogue: every screen state `GET /api/testing/pages` lists is reached from its
// address alone in a fresh tab, comes to its ready state (`readySelector`) with no console error,
// and passes axe; the dialogs it names are open.
import { test, expect } from "../fixtures";

type Screen = {
  name: string;
  path: string;
  locale: string;
  theme: string;
  viewport: { width: number; height: number };
  scenario: string | null;
  readySelector: string;
};

// Read when the spec is loaded, so that each screen is a test of its own.
const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080";
const screens: Screen[] = (await (await fetch(`${baseUrl}/api/testing/pages`)).json()).items;

test("the catalogue lists at least 40 uniquely named screens", () => {
  expect(screens.length).toBeGreaterThanOrEqual(40);
  expect(new Set(screens.map((s) => s.name)).size).toBe(screens.length);
});

test.describe("Every screen of the catalogue", () => {
  for (const screen of screens) {
    test(`${screen.name} comes to rest from its address alone`, async ({ page, expectAccessible }) => {
      const errors: string[] = [];
      const failedRequests: string[] = [];
      // A failed answer (an error scenario's, a refused role's) is the browser's console error
      // too: allowed only where the screen shows it, checked below.
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (/^Failed to load resource: the server responded with a status of [45]\d\d/.test(message.text())) {
          failedRequests.push(message.text());
        } else {
          errors.push(message.text());
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setViewportSize(screen.viewport);
      await page.goto(screen.path);
      await expect(page.locator(screen.readySelector).first()).toBeAttached({ timeout: 20_000 });
      if (screen.path.includes("dialog=buy-more")) await expect(page.getByRole("dialog")).toBeVisible();
      if (screen.path.includes("dialog=assigned")) await expect(page.getByTestId("assigned-popover").filter({ visible: true })).toHaveCount(1);
      await expect(page.locator("html")).toHaveAttribute("lang", screen.locale);
      await expectAccessible();
      expect(errors, "console errors").toEqual([]);
      if (failedRequests.length > 0) {
        const shown = page.getByTestId("error-panel").or(page.getByTestId("manage-refused-reason"));
        await expect(shown.first(), `the failure is on screen: ${failedRequests[0]}`).toBeVisible();
      }
    });
  }
});
