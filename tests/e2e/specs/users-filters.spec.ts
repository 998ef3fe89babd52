import type { APIRequestContext, Locator } from "@playwright/test";
import { test, expect, expectScreenshot } from "../fixtures";
import { UsersPage } from "../pages/users";
import { CONTOSO, CONTOSO_USERS, E3, EMS, EMS_SKU, FABRIKAM, VISIO } from "../seed";

/** What the API answers for a GET path, with a session of its own. */
async function api(request: APIRequestContext, path: string): Promise<any> {
  const session = await (await request.post("/api/v1/session", { data: { role: "AdminAgent" } })).json();
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** How many users a filter of a customer's list finds, as the API counts them. */
async function apiCount(request: APIRequestContext, customerId: string, query: string): Promise<number> {
  return (await api(request, `/customers/${customerId}/users?size=1&${query}`)).totalCount;
}

const FABRIKAM_E3 = "Microsoft 365 E3";

class Filters {
  readonly chips: Locator;
  readonly count: Locator;
  readonly clear: Locator;
  readonly reclaimable: Locator;
  constructor(readonly users: UsersPage) {
    const page = users.page;
    this.chips = page.getByTestId("filter-chip");
    this.count = page.getByTestId("filter-count");
    this.clear = page.getByTestId("filter-clear");
    this.reclaimable = page.getByTestId("filter-reclaimable");
  }
  select(name: "licensed" | "has-sku" | "lacks-sku" | "account-enabled" | "inactive-days" | "usage-location"): Locator {
    return this.users.page.getByTestId(`filter-${name}`);
  }
  removeChip(text: string): Promise<void> {
    return this.chips.filter({ hasText: text }).getByTestId("filter-chip-remove").click();
  }
  sortButton(column: "name" | "upn" | "last-sign-in"): Locator {
    return this.users.page.getByTestId(`sort-${column}`);
  }
  async ariaSort(column: "name" | "upn" | "last-sign-in"): Promise<string | null> {
    return this.sortButton(column).locator("xpath=ancestor::th").getAttribute("aria-sort");
  }
}

test.describe("Users page filters", () => {
  test("filters chosen with the controls narrow the list, show as chips with the count and live in the address", async ({
    page,
    open,
    request,
  }) => {
    const users = new UsersPage(page);
    const filters = new Filters(users);
    await open(CONTOSO_USERS);
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await expect(filters.chips).toHaveCount(0);

    await filters.select("account-enabled").selectOption({ label: "Blocked" });
    await expect(page).toHaveURL(/accountEnabled=false/);
    await expect(filters.count).toHaveText("3 users match");
    await expect(users.rows).toHaveCount(3);
    await expect(filters.chips).toHaveText(["Sign-in blocked"]);
    await expect(page.getByTestId("user-sign-in")).toHaveText(["Blocked", "Blocked", "Blocked"]);

    await filters.select("licensed").selectOption({ label: "Has a license" });
    await expect(filters.count).toHaveText("2 users match");
    await expect.poll(() => users.names()).toEqual(["Gerhart Moller", "Johanna Lorenz"]);
    await expect(filters.chips).toHaveText(["Has a license", "Sign-in blocked"]);

    await page.goBack();
    await expect(filters.chips).toHaveText(["Sign-in blocked"]);
    await expect(users.rows).toHaveCount(3);
    await page.goForward();
    await expect(filters.chips).toHaveText(["Has a license", "Sign-in blocked"]);
    await expect(users.rows).toHaveCount(2);
    await page.reload();
    await expect(filters.chips).toHaveText(["Has a license", "Sign-in blocked"]);
    await expect(filters.select("licensed")).toHaveValue("true");
    await expect(filters.count).toHaveText("2 users match");

    await filters.removeChip("Sign-in blocked");
    const licensed = await apiCount(request, CONTOSO, "licensed=true");
    await expect(filters.count).toHaveText(`${licensed} users match`);
    await expect(filters.chips).toHaveText(["Has a license"]);
    await expect(filters.select("account-enabled")).toHaveValue("");

    await filters.clear.click();
    await expect(filters.chips).toHaveCount(0);
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await expect(page).not.toHaveURL(/licensed=/);
  });

  test("products held and lacked, inactivity and usage location combine, counted as the API counts", async ({
    page,
    open,
    request,
  }) => {
    const users = new UsersPage(page);
    const filters = new Filters(users);
    await open(CONTOSO_USERS);
    await filters.select("has-sku").selectOption({ label: EMS });
    await filters.select("lacks-sku").selectOption({ label: E3 });
    await expect(filters.chips).toHaveText([`Has ${EMS}`, `Lacks ${E3}`]);
    const held = await apiCount(request, CONTOSO, `hasSku=${EMS_SKU}&lacksSku=62079124-8a0f-55fe-b693-5a6d0e61ed59`);
    await expect(filters.count).toHaveText(`${held} users match`);
    // The product already chosen is not offered again.
    await expect(filters.select("has-sku").locator("option", { hasText: EMS })).toHaveCount(0);

    await filters.select("inactive-days").selectOption("90");
    await expect(filters.chips).toHaveText([`Has ${EMS}`, `Lacks ${E3}`, "Not signed in for over 90 days"]);
    await expect.poll(() => users.names()).toEqual(["Allan Deyoung", "Emily Braun", "Gerhart Moller", "Rob Young", "李娜"]);
    await expect(page.getByTestId("user-last-sign-in").nth(3)).toHaveText("Never");
    await expect(page.getByTestId("user-last-sign-in").first()).toHaveText("Aug 2, 2026");

    await filters.select("usage-location").selectOption("DE");
    await expect.poll(() => users.names()).toEqual(["Gerhart Moller"]);
    await expect(filters.count).toHaveText("1 user matches");
    await filters.select("usage-location").selectOption({ label: "Not set" });
    await expect(filters.count).toHaveText("0 users match");
    await expect(page.getByTestId("users-table")).toContainText("No users match these filters.");
    await expect(page).toHaveURL(/usageLocation=none/);
  });

  test("column headers sort the list both ways, by mouse or keyboard, and say so with aria-sort", async ({ page, open }) => {
    const users = new UsersPage(page);
    const filters = new Filters(users);
    await open(CONTOSO_USERS);
    await expect.poll(() => filters.ariaSort("name")).toBe("ascending");
    await expect.poll(() => filters.ariaSort("last-sign-in")).toBe("none");

    await filters.sortButton("last-sign-in").click();
    await expect.poll(() => filters.ariaSort("last-sign-in")).toBe("ascending");
    await expect.poll(() => filters.ariaSort("name")).toBe("none");
    await expect.poll(async () => (await users.names()).slice(0, 3)).toEqual(["Irvin Sayers", "Rob Young", "김민준"]);
    await expect(page).toHaveURL(/sortField=lastSignInDateTime/);

    await filters.sortButton("last-sign-in").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => filters.ariaSort("last-sign-in")).toBe("descending");
    await expect.poll(async () => (await users.names()).slice(-2)).not.toContain("Irvin Sayers");
    await users.pagerButton("last").click();
    await expect.poll(async () => (await users.names()).slice(-3)).toEqual(["Irvin Sayers", "Rob Young", "김민준"].reverse());

    await filters.sortButton("upn").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => filters.ariaSort("upn")).toBe("ascending");
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await page.goBack();
    await expect.poll(() => filters.ariaSort("last-sign-in")).toBe("descending");
  });

  test("select all matching users selects exactly the filtered set, which Manage licenses then lists", async ({
    page,
    open,
    request,
  }) => {
    test.setTimeout(120_000);
    const users = new UsersPage(page);
    const filters = new Filters(users);
    await open(`/customers/${FABRIKAM}/users`);
    await filters.select("account-enabled").selectOption({ label: "Blocked" });
    await filters.select("has-sku").selectOption({ label: FABRIKAM_E3 });
    const sku = (await api(request, `/customers/${FABRIKAM}/subscribedskus`)).items.find(
      (s: any) => s.productSku.name === FABRIKAM_E3,
    ).productSku.id;
    const expected = await apiCount(request, FABRIKAM, `accountEnabled=false&hasSku=${sku}`);
    expect(expected).toBeGreaterThan(25);
    const shown = expected.toLocaleString("en-US");
    await expect(filters.count).toHaveText(`${shown} users match`);
    await users.headerBox.check();
    await expect(users.selectAllMatching).toHaveText(`Select all ${shown} matching users`);
    await users.selectAllMatching.click();
    await expect(page.getByTestId("select-all-done")).toHaveText(`All ${shown} users are selected.`);
    await expect(users.selectedCount).toHaveText(`${shown} selected`);

    // The selection is the filtered set: the API's ids, no more and no fewer.
    const ids = new Set<string>();
    for (let p = 1; ids.size < expected; p++) {
      const list = await api(request, `/customers/${FABRIKAM}/users?size=500&page=${p}&accountEnabled=false&hasSku=${sku}`);
      for (const u of list.items) ids.add(u.id);
    }
    // Written to session storage by the page (`Selection::to_json`: `{"users": {id: ...}}`).
    const selected = () =>
      page.evaluate(
        (customer) => Object.keys(JSON.parse(sessionStorage.getItem(`pc.selection.${customer}`) ?? "{}").users ?? {}),
        FABRIKAM,
      );
    await expect.poll(async () => new Set(await selected())).toEqual(ids);

    await users.manageLicensesLink.click();
    const chips = page.getByTestId("user-chip");
    await expect(chips.first()).toBeVisible();
    const more = page.getByTestId("user-chips-more");
    const hidden = (await more.count()) ? Number((await more.textContent())!.replace(/\D/g, "")) : 0;
    expect((await chips.count()) + hidden).toBe(expected);
  });

  test("the Reclaimable preset lists licensed users who are blocked or long inactive, with the seats per product", async ({
    page,
    open,
    request,
  }) => {
    const users = new UsersPage(page);
    const filters = new Filters(users);
    await open(CONTOSO_USERS);
    await filters.reclaimable.click();
    await expect(filters.reclaimable).toHaveAttribute("aria-pressed", "true");
    await expect(page).toHaveURL(/reclaimable=true/);
    await expect(filters.chips).toHaveText(["Reclaimable"]);
    const summary = await api(request, `/customers/${CONTOSO}/licensesummary?reclaimable=true`);
    await expect(filters.count).toHaveText(`${summary.users} users match`);
    await expect(users.rows).toHaveCount(summary.users);
    const skus = (await api(request, `/customers/${CONTOSO}/subscribedskus`)).items;
    const expected = summary.products
      .filter((p: any) => p.holders > 0)
      .map((p: any) => `${skus.find((s: any) => s.productSku.id === p.skuId).productSku.name}: ${p.holders} seat${p.holders === 1 ? "" : "s"}`);
    await expect(page.getByTestId("reclaim-product")).toHaveText(expected);
    expect(expected).toEqual([`${VISIO}: 1 seat`, `${EMS}: 5 seats`]);

    await filters.reclaimable.click();
    await expect(filters.chips).toHaveCount(0);
    await expect(page.getByTestId("reclaim-summary")).toHaveCount(0);
  });
});

for (const lang of ["en-US", "zh-TW"] as const) {
  test.describe(`Users page filters in ${lang}`, () => {
    test("a filtered, sorted Users page", async ({ page, open, expectAccessible }) => {
      const users = new UsersPage(page);
      await open(`${CONTOSO_USERS}?licensed=true&inactiveDays=30&sortField=lastSignInDateTime`, { lang });
      await expect(page.getByTestId("filter-chip")).toHaveCount(2);
      await expect(page.getByTestId("filter-count")).not.toBeEmpty();
      await expect(users.rows.first()).toBeVisible();
      await expectAccessible();
      await expectScreenshot(page, `users-filtered-${lang}.png`, { fullPage: true });
    });

    test("the Reclaimable preset", async ({ page, open, expectAccessible }) => {
      const users = new UsersPage(page);
      await open(`${CONTOSO_USERS}?reclaimable=true`, { lang });
      await expect(page.getByTestId("reclaim-product")).toHaveCount(2);
      await expect(users.rows).toHaveCount(6);
      await expectAccessible();
      await expectScreenshot(page, `users-reclaimable-${lang}.png`, { fullPage: true });
    });
  });
}
