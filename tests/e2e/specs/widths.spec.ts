// Issue 18: every screen at every common window width, without a horizontal page scroll, with
// targets of at least 24 px, and the left navigation folded behind a menu button below 1024 px.
import { test, expect, type Page } from "../fixtures";
import { ManageLicensesPage, manageLicensesFor } from "../pages/manage-licenses";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { UsersPage } from "../pages/users";
import { Shell } from "../pages/shell";
import { CONTOSO_USERS, EXCHANGE_P2, POWER_BI, TEAMS_PHONE } from "../seed";

const WIDTHS = [375, 768, 1024, 1280, 1920];

/**
 * How far the document is wider than its window (0 or less when it never scrolls sideways), and
 * the outermost elements that reach past the window's right edge, to say what to fix.
 */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const edge = root.clientWidth;
    const past = [...document.body.querySelectorAll<HTMLElement>("*")].filter(
      (el) => el.getBoundingClientRect().right > edge + 0.5 && el.checkVisibility(),
    );
    const outermost = past.filter((el) => !past.includes(el.parentElement as HTMLElement));
    const names = outermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { by: root.scrollWidth - edge, past: names };
  });

/**
 * Every visible control smaller than 24 x 24 px (WCAG 2.5.8), named by tag, test id or text.
 * Links inside a sentence are exempt, as the criterion allows.
 */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, input, select, textarea, [role=checkbox], [tabindex]:not([tabindex='-1'])",
    );
    return [...controls]
      .filter((el) => el.checkVisibility() && !el.closest("p"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 1 && (box.width < 24 || box.height < 24))
      .map(({ el, box }) => {
        const name = el.dataset.testid ?? el.textContent?.trim().slice(0, 30);
        return `${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`;
      });
  });

/** At each width: no sideways page scroll and no target under 24 px. */
async function atEveryWidth(page: Page, screen: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect
      .poll(async () => ((await overflow(page)).by > 0 ? await overflow(page) : "fits"), `${screen} at ${width} px`)
      .toBe("fits");
    expect(await smallTargets(page), `${screen} at ${width} px: targets under 24 px`).toEqual([]);
  }
}

for (const lang of ["en-US", "zh-TW"] as const) {
  test(`every screen fits every width from 375 to 1920 px, in ${lang}`, async ({ page, open }) => {
    test.setTimeout(120_000);
    await open("/customers", { lang });
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await atEveryWidth(page, "customers");

    await open(CONTOSO_USERS, { lang });
    const users = new UsersPage(page);
    await expect(users.rows).toHaveCount(25);
    await atEveryWidth(page, "users");
    await users.tick("Adele Vance", "Alex Wilber");
    await atEveryWidth(page, "users, two ticked");
    await users.selectedUsersLink.click();
    await expect(users.rows).toHaveCount(2);
    await atEveryWidth(page, "selected users");

    await users.manageLicensesLink.click();
    const manage = new ManageLicensesPage(page);
    await manage.loaded();
    await atEveryWidth(page, "manage licenses");
    await manage.viewServicePlans(POWER_BI).click();
    await atEveryWidth(page, "manage licenses, service plans open");
    await manage.buyMore(POWER_BI).click();
    await expect(manage.buyMoreDialog).toBeVisible();
    await atEveryWidth(page, "buy more");
    await manage.buyMoreCancel.click();

    await open(CONTOSO_USERS, { lang });
    await users.clearSelection.click();
    const six = await manageLicensesFor(page, ["Irvin Sayers", "Lee Gu", "Mallory Cortez"]);
    await six.setBox(TEAMS_PHONE, "checked");
    await six.setBox(EXCHANGE_P2, "checked");
    await six.save.click();
    await expect(new LicensesUpdatedPage(page).result("Lee Gu")).toHaveAttribute("data-status", "failed");
    await atEveryWidth(page, "licenses updated");

    await open("/no/such/page", { lang });
    await expect(page.getByTestId("not-found")).toBeVisible();
    await atEveryWidth(page, "not found");
  });
}

test("at 375 px the users table scrolls inside itself and keeps each user's name in view", async ({ page, open }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(CONTOSO_USERS);
  const users = new UsersPage(page);
  await expect(users.rows).toHaveCount(25);
  const table = users.table;
  const scroll = await table.evaluate((el) => ({ width: el.scrollWidth, visible: el.clientWidth }));
  expect(scroll.width, "the table is wider than the window, so it scrolls").toBeGreaterThan(scroll.visible);
  await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const name = page.getByTestId("user-name").first();
  const [tableBox, nameBox] = [await table.boundingBox(), await name.boundingBox()];
  expect(nameBox!.x).toBeGreaterThanOrEqual(tableBox!.x);
  expect(nameBox!.x + nameBox!.width).toBeLessThanOrEqual(tableBox!.x + tableBox!.width);
  await expect(users.userBox("Adele Vance")).toBeInViewport();
  // The name is drawn over the scrolled cells, not under them.
  const onTop = await name.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + 4, r.top + r.height / 2)?.closest("[data-testid=user-name]") === el;
  });
  expect(onTop).toBe(true);
});

test("below 1024 px the navigation folds behind the menu button, which opens and closes it", async ({ page, open }) => {
  const shell = new Shell(page);
  const menu = page.getByRole("button", { name: "Menu" });
  await open("/no/such/page");
  await expect(shell.nav).toBeVisible();
  await expect(menu).toBeHidden();

  await page.setViewportSize({ width: 768, height: 800 });
  await expect(shell.nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toHaveAttribute("aria-controls", "left-nav");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(shell.nav).toBeVisible();
  await expect(shell.navLink("Customers")).toBeInViewport();

  // Escape closes it and gives the focus back to the button.
  await shell.navLink("Customers").focus();
  await page.keyboard.press("Escape");
  await expect(shell.nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // A click on the page beside it closes it too.
  await menu.click();
  await expect(shell.nav).toBeVisible();
  await page.mouse.click(700, 400);
  await expect(shell.nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // Opened from the keyboard; following a link closes it.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(shell.nav).toBeVisible();
  await shell.navLink("Customers").click();
  await expect(page.getByTestId("customers-page")).toBeVisible();
  await expect(shell.nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("the page keeps its scrollbar's room whether or not it scrolls", async ({ page, open }) => {
  await open("/customers");
  await expect(page.locator("html")).toHaveCSS("scrollbar-gutter", "stable");
});
