// Issue 18: the dark and high-contrast themes, Windows forced colours and a phone-width window,
// each with baselines of the main screens in both languages and axe at 0 on every one.
import { test, expect, restPointer, expectScreenshot, type Page } from "../fixtures";
import { ManageLicensesPage, manageLicensesFor } from "../pages/manage-licenses";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { UsersPage } from "../pages/users";
import { CONTOSO_USERS, E3, EXCHANGE_P2, POWER_BI, TEAMS_PHONE } from "../seed";

type Lang = "en-US" | "zh-TW";

/** How a look is set up: a theme through `?theme=`, forced colours, or a narrow window. */
const LOOKS = {
  dark: async (page: Page) => void page,
  hc: async (page: Page) => void page,
  forced: async (page: Page) => page.emulateMedia({ forcedColors: "active" }),
  "375": async (page: Page) => page.setViewportSize({ width: 375, height: 812 }),
} as const;
type Look = keyof typeof LOOKS;

/** Opens a path in test mode, in a language, with the look's theme when it is one. */
async function openIn(page: Page, path: string, lang: Lang, look: Look): Promise<void> {
  const url = new URL(path, "http://placeholder");
  url.searchParams.set("test", "1");
  url.searchParams.set("lang", lang);
  if (look === "dark" || look === "hc") url.searchParams.set("theme", look);
  await page.goto(url.pathname + url.search);
}

for (const look of Object.keys(LOOKS) as Look[]) {
  for (const lang of ["en-US", "zh-TW"] as const) {
    test(`the main screens in the ${look} look, ${lang}: baselines, and axe finds nothing`, async ({
      page,
      expectAccessible,
    }) => {
      test.setTimeout(180_000);
      await LOOKS[look](page);
      const shot = async (name: string, fullPage = true, maxDiffPixels = 0) => {
        await expectAccessible();
        await restPointer(page);
        await expectScreenshot(page, `${name}-${look}-${lang}.png`, { fullPage, maxDiffPixels });
      };
      const theme = look === "dark" || look === "hc" ? look : "light";

      await openIn(page, "/customers", lang, look);
      await expect(page.getByTestId("customer-row").first()).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await shot("customers");

      await openIn(page, CONTOSO_USERS, lang, look);
      const users = new UsersPage(page);
      await expect(users.rows).toHaveCount(25);
      await shot("users");

      await users.tick("Adele Vance", "Alex Wilber");
      await expect(users.selectedCount).toContainText("2");
      await shot("selected-users");

      await users.manageLicensesLink.click();
      const manage = new ManageLicensesPage(page);
      await manage.loaded();
      await expect(manage.row(E3)).toHaveAttribute("data-state", "checked");
      // The chips' × turn usable a moment after the page reports ready; forced colours show it.
      for (const remove of await page.getByTestId("user-chip-remove").all()) await expect(remove).toBeEnabled();
      // Under forced colours 3 edge pixels of the chips' × glyphs came out differently in 1 run of
      // 4 (cause not found yet); that many are let through there, nowhere else.
      await shot("manage-licenses", true, look === "forced" ? 3 : 0);

      await manage.buyMore(POWER_BI).click();
      await expect(manage.buyMoreAmount).toBeFocused();
      // Forced colours redraw the caret test mode hides, and it blinks over the "1": its text is
      // selected instead, so no caret is drawn.
      if (look === "forced") await manage.buyMoreAmount.evaluate((input: HTMLInputElement) => input.select());
      await shot("buy-more", false);
      await manage.buyMoreCancel.click();
      await expect(manage.buyMoreDialog).toBeHidden();

      await openIn(page, CONTOSO_USERS, lang, look);
      await users.clearSelection.click();
      const six = await manageLicensesFor(page, [
        "Bianca Pisani",
        "Delia Dennis",
        "Irvin Sayers",
        "Lee Gu",
        "Lidia Holloway",
        "Mallory Cortez",
      ]);
      await six.setBox(TEAMS_PHONE, "checked");
      await six.setBox(EXCHANGE_P2, "checked");
      await six.save.click();
      const updated = new LicensesUpdatedPage(page);
      await expect(updated.result("Lee Gu")).toHaveAttribute("data-status", "failed");
      await expect(updated.result("Delia Dennis")).toHaveAttribute("data-status", "succeeded");
      await shot("results-with-errors");
    });
  }
}

test.describe("choosing a theme", () => {
  test("?theme= picks a theme and is remembered; ?theme=system goes back to the system's", async ({ page, open }) => {
    const html = page.locator("html");
    await page.goto("/customers?test=1&theme=dark");
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(page.getByTestId("theme-picker")).toHaveValue("dark");
    await open("/customers");
    await expect(html).toHaveAttribute("data-theme", "dark");
    await page.goto("/customers?test=1&theme=system");
    await expect(html).toHaveAttribute("data-theme", "light");
    await expect(page.getByTestId("theme-picker")).toHaveValue("system");
  });

  test("with no choice the theme follows the system's colour scheme and contrast, as they change", async ({
    page,
    open,
  }) => {
    const html = page.locator("html");
    await page.emulateMedia({ colorScheme: "dark" });
    await open("/customers");
    await expect(html).toHaveAttribute("data-theme", "dark");
    await page.emulateMedia({ contrast: "more" });
    await expect(html).toHaveAttribute("data-theme", "hc");
    await page.emulateMedia({ contrast: "no-preference", colorScheme: "light" });
    await expect(html).toHaveAttribute("data-theme", "light");
  });

  test("the theme picker, in the top bar and named in the reader's language, changes and remembers the theme", async ({
    page,
    open,
  }) => {
    const html = page.locator("html");
    await open("/customers", { lang: "zh-TW" });
    const picker = page.getByRole("combobox", { name: "佈景主題" });
    await expect(picker.locator("option")).toHaveText(["系統佈景主題", "淺色", "深色", "高對比"]);
    await picker.selectOption("hc");
    await expect(html).toHaveAttribute("data-theme", "hc");
    await expect(html).toHaveCSS("color-scheme", "dark");
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "hc");
    await picker.selectOption("light");
    await expect(html).toHaveAttribute("data-theme", "light");
    await expect(html).toHaveCSS("color-scheme", "light");
  });

  test("in forced colours the product box's three states are drawn in three different ways", async ({ page, open }) => {
    await page.emulateMedia({ forcedColors: "active" });
    await open(CONTOSO_USERS);
    const manage: ManageLicensesPage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    const look = (product: string) =>
      manage.row(product).getByRole("checkbox").first().evaluate((box) => {
        const before = getComputedStyle(box, "::before");
        const after = getComputedStyle(box, "::after");
        return [before.backgroundColor, before.borderTopColor, after.content, after.backgroundColor, after.borderRightColor].join(" ");
      });
    await expect(manage.row(E3)).toHaveAttribute("data-state", "checked");
    await expect(manage.row(POWER_BI)).toHaveAttribute("data-state", "mixed");
    await expect(manage.row(EXCHANGE_P2)).toHaveAttribute("data-state", "clear");
    const [checked, mixed, clear] = [await look(E3), await look(POWER_BI), await look(EXCHANGE_P2)];
    expect(new Set([checked, mixed, clear]).size, `${checked} | ${mixed} | ${clear}`).toBe(3);
    // The mixed square is drawn in a system colour, not dropped with the page's colours.
    expect(mixed).not.toContain("rgba(0, 0, 0, 0)");
  });
});
