// Issue 17, the Products page: per product its seats, term, renewal and cancellation deadline
// as the API gives them, a low-seat warning and Buy more; each product's holders, paged and
// searchable, taken to Manage licenses; and right-sizing, "Reduce by N before <date>" with the
// one action that selects the reclaimable holders and opens Manage licenses with the product
// cleared.
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, expectScreenshot } from "../fixtures";
import { UsersPage } from "../pages/users";
import { CONTOSO, CONTOSO_USERS, EMS, EMS_SKU, POWER_BI, PROJECT, VISIO, E3 } from "../seed";

const PRODUCTS = `/customers/${CONTOSO}/products`;

/** What the API answers for a GET path, with a session of its own. */
async function api(request: APIRequestContext, path: string): Promise<any> {
  const session = await (await request.post("/api/v1/session", { data: { role: "AdminAgent" } })).json();
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** The row of a product on the Products page. */
function line(page: Page, name: string) {
  return page.getByTestId("product-line").filter({ has: page.getByTestId("product-holders-link").getByText(name, { exact: true }) });
}

test.describe("Products page", () => {
  test("each product shows the API's seats, term, auto-renew and cancellation deadline, and warns when seats run low", async ({
    page,
    open,
    request,
  }) => {
    await open(PRODUCTS);
    const skus = (await api(request, `/customers/${CONTOSO}/subscribedskus`)).items;
    const subscriptions = (await api(request, `/customers/${CONTOSO}/subscriptions`)).items;
    await expect(page.getByTestId("product-line")).toHaveCount(skus.length);
    const date = (iso: string) =>
      new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" } as Intl.DateTimeFormatOptions);
    for (const sku of skus) {
      const row = line(page, sku.productSku.name);
      const subscription = subscriptions.find((s: any) => s.skuId === sku.productSku.id);
      await expect(row.getByTestId("product-total")).toHaveText(String(sku.totalUnits));
      await expect(row.getByTestId("product-assigned")).toHaveText(String(sku.consumedUnits));
      await expect(row.getByTestId("product-available")).toHaveText(String(sku.availableUnits));
      await expect(row.getByTestId("product-suspended")).toHaveText(String(sku.suspendedUnits));
      await expect(row.getByTestId("product-term-end")).toHaveText(date(subscription.commitmentEndDate));
      await expect(row.getByTestId("product-auto-renew")).toHaveText(subscription.autoRenewEnabled ? "On" : "Off");
      await expect(row.getByTestId("product-cancel-by")).toContainText(date(subscription.cancellationAllowedUntilDate));
    }
    await expect(line(page, EMS).getByTestId("product-cancel-by")).toHaveText("Dec 3, 2026");
    await expect(line(page, E3).getByTestId("product-cancel-by")).toHaveText("Dec 27, 2025Window closed");
    // 2 or fewer left, or 5% or less: Power BI Pro (none left), Audio Conferencing (2 of 3).
    await expect(page.getByTestId("low-seats")).toHaveText(["No seats left", "Only 2 seats left"]);
    await expect(line(page, POWER_BI).getByTestId("low-seats")).toHaveText("No seats left");
    await expect(line(page, VISIO)).toContainText("Subscription suspended");
    await expect(line(page, PROJECT)).toContainText("Subscription expired");
    // Buy more for every product but the suspended one.
    await expect(line(page, VISIO).getByTestId("buy-more")).toHaveCount(0);
    await expect(page.getByTestId("buy-more")).toHaveCount(skus.length - 1);
  });

  test("Buy more from the Products page raises the product's seats", async ({ page, open }) => {
    await open(PRODUCTS);
    const row = line(page, POWER_BI);
    await row.getByRole("button", { name: `Buy more ${POWER_BI}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("spinbutton").fill("3");
    await dialog.getByRole("button", { name: "Buy" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId("product-total")).toHaveText("8");
    await expect(row.getByTestId("product-available")).toHaveText("3");
    await expect(row.getByTestId("low-seats")).toHaveCount(0);
  });

  test("the page is in the navigation and linked from Users and licenses", async ({ page, open }) => {
    await open(CONTOSO_USERS);
    await page.getByTestId("products-link").click();
    await expect(page).toHaveURL(new RegExp(`${PRODUCTS}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Products");
    await expect(page.getByTestId("nav-products")).toHaveAttribute("aria-current", "page");
    await page.getByTestId("nav-users").click();
    await expect(page.getByTestId("users-page")).toBeVisible();
  });

  test("a product's holders are paged and searchable with their sign-in status, and selected ones go to Manage licenses", async ({
    page,
    open,
    request,
  }) => {
    const users = new UsersPage(page);
    await open(PRODUCTS);
    await line(page, EMS).getByTestId("product-holders-link").click();
    await expect(page).toHaveURL(new RegExp(`/products/${EMS_SKU}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Holders of ${EMS}`);
    const holders = await api(request, `/customers/${CONTOSO}/subscribedskus/${EMS_SKU}/users?size=25`);
    expect(holders.totalCount).toBe(40);
    await expect.poll(() => users.names()).toEqual(holders.items.map((u: any) => u.displayName));
    await expect(users.pagerStatus).toHaveText("Page 1 of 2");
    // The selection is listed on the Users page, not among a product's holders.
    await expect(users.selectedUsersLink).toHaveCount(0);
    await expect(page.getByTestId("user-sign-in").filter({ hasText: "Blocked" })).toHaveCount(1);

    await users.searchFor("gerhart");
    await expect.poll(() => users.names()).toEqual(["Gerhart Moller"]);
    await expect(page.getByTestId("user-sign-in")).toHaveText(["Blocked"]);
    await users.userBox("Gerhart Moller").check();
    await expect(users.selectedCount).toHaveText("1 selected");
    await users.manageLicensesLink.click();
    await expect(page.getByTestId("user-chip")).toHaveText(["Gerhart Moller"]);
  });

  test("right-sizing says how many seats to drop before the deadline, and its action clears the product for the reclaimable holders", async ({
    page,
    open,
    request,
  }) => {
    await open(PRODUCTS);
    // EMS E3: 20 unassigned + 5 blocked or inactive holders, window open until Dec 3, 2026.
    const plans = page.getByTestId("right-sizing-plan");
    await expect(plans).toHaveCount(1);
    await expect(plans.getByTestId("right-sizing-reduce")).toHaveText("Reduce by 25 before Dec 3, 2026");
    await expect(plans).toContainText("20 unassigned, 5 held by blocked or inactive users");
    await expect(line(page, EMS).getByTestId("product-reclaimable")).toHaveText("25");

    await plans.getByTestId("take-back").click();
    await expect(page).toHaveURL(/manage-licenses\?clear=/);
    const reclaimable = await api(request, `/customers/${CONTOSO}/subscribedskus/${EMS_SKU}/users?reclaimable=true`);
    const names = reclaimable.items.map((u: any) => u.displayName);
    await expect(page.getByTestId("user-chip")).toHaveText(names);
    const ems = page.getByTestId("product-row").filter({ has: page.getByTestId("product-name").getByText(EMS, { exact: true }) });
    await expect(ems).toHaveAttribute("data-state", "clear");
    await expect(ems.getByTestId("product-effect")).toHaveText(`Will be revoked from ${names.length} users`);
  });
});

for (const lang of ["en-US", "zh-TW"] as const) {
  test.describe(`Products page in ${lang}`, () => {
    test("the Products page with right-sizing", async ({ page, open, expectAccessible }) => {
      await open(PRODUCTS, { lang });
      await expect(page.getByTestId("right-sizing-plan")).toHaveCount(1);
      await expectAccessible();
      await expectScreenshot(page, `products-${lang}.png`, { fullPage: true });
    });

    test("a product's holders", async ({ page, open, expectAccessible }) => {
      await open(`${PRODUCTS}/${EMS_SKU}?reclaimable=true`, { lang });
      await expect(page.getByTestId("user-row")).toHaveCount(5);
      await expect(page.getByTestId("filter-chip")).toHaveCount(1);
      await expect(page.getByTestId("reclaim-product")).toHaveCount(1);
      await expectAccessible();
      await expectScreenshot(page, `product-holders-${lang}.png`, { fullPage: true });
    });
  });
}
