import { test, expect, type Page, expectScreenshot } from "../fixtures";
import { Shell } from "../pages/shell";
import { CustomersPage } from "../pages/customers";
import { UsersPage } from "../pages/users";
import { CONTOSO, CONTOSO_USERS } from "../seed";

for (const lang of ["en-US", "zh-TW"] as const) {
  test.describe(`shell in ${lang}`, () => {
    test("opens on the customer list inside the Partner Center frame", async ({ page, open, expectAccessible }) => {
      const shell = new Shell(page);
      const customers = new CustomersPage(page);
      await open("/", { lang });
      await expect(page).toHaveURL(/\/customers/);
      await expect(shell.productName).toHaveText(lang === "en-US" ? "Partner Center" : "合作夥伴中心");
      await expect(shell.navLink(lang === "en-US" ? "Customers" : "客戶")).toHaveAttribute("aria-current", "page");
      await expect(customers.rows.first()).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expectAccessible();
      await expectScreenshot(page, `customers-${lang}.png`, { fullPage: true });
    });

    test("an unknown address shows the not-found page with a way back", async ({ page, open, expectAccessible }) => {
      await open("/no/such/page", { lang });
      const notFound = page.getByTestId("not-found");
      await expect(notFound).toContainText("/no/such/page");
      await expectAccessible();
      await expectScreenshot(page, `not-found-${lang}.png`);
      await notFound.getByRole("link").click();
      await expect(page.getByTestId("customers-page")).toBeVisible();
    });
  });
}

test("the language chosen in the switch is kept across reloads", async ({ page, open }) => {
  const shell = new Shell(page);
  await open("/customers");
  await expect(shell.productName).toHaveText("Partner Center");
  await shell.switchLanguage("zh-TW");
  await expect(shell.productName).toHaveText("合作夥伴中心");
  await page.goto("/customers");
  await expect(shell.productName).toHaveText("合作夥伴中心");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
});

test("the role picker signs in again as the chosen role and remembers it", async ({ page, open }) => {
  const shell = new Shell(page);
  await open("/customers");
  await expect(shell.rolePicker).toHaveValue("AdminAgent");
  await shell.actAs("BillingAdmin");
  await expect(shell.rolePicker).toHaveValue("BillingAdmin");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  await page.reload();
  await expect(shell.rolePicker).toHaveValue("BillingAdmin");
});

test("every role the seed names is offered, and Billing admin too", async ({ page, open }) => {
  await open("/customers");
  const options = new Shell(page).rolePicker.locator("option");
  for (const role of ["Admin agent", "Global admin", "Helpdesk agent", "Sales agent", "User management admin", "Billing admin"]) {
    await expect(options.filter({ hasText: new RegExp(`^${role}$`) })).toHaveCount(1);
  }
});

test("test mode turns animation and transitions off", async ({ page, open }) => {
  await open("/customers");
  await expect(page.locator("html")).toHaveAttribute("data-test-mode", "1");
});

test.describe("signing in while the app loads", () => {
  /** The roles of the sign-in requests the page makes, in order. */
  function signIns(page: Page): string[] {
    const roles: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/session") {
        roles.push(JSON.parse(request.postData() ?? "{}").role);
      }
    });
    return roles;
  }

  test("the page's own early sign-in is the app's session: one request, for the role it acts as", async ({ page, open }) => {
    const roles = signIns(page);
    const shell = new Shell(page);
    await open("/customers", { role: "SalesAgent" });
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(shell.rolePicker).toHaveValue("SalesAgent");
    expect(roles).toEqual(["SalesAgent"]);

    // The remembered role, without ?role=: still one request, for that role.
    await shell.actAs("HelpdeskAgent");
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    roles.length = 0;
    await page.goto("/customers?test=1");
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(shell.rolePicker).toHaveValue("HelpdeskAgent");
    expect(roles).toEqual(["HelpdeskAgent"]);
  });

  test("an early sign-in still on its way when the app starts is waited for, not repeated", async ({ page, open }) => {
    const roles = signIns(page);
    // The answer arrives well after the app has started (which reads it at once when it is in).
    await page.route("**/api/v1/session", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await open("/customers", { role: "GlobalAdmin" });
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(new Shell(page).rolePicker).toHaveValue("GlobalAdmin");
    expect(roles).toEqual(["GlobalAdmin"]);
  });

  test("when the early sign-in fails, the app signs in by itself", async ({ page, open }) => {
    const roles = signIns(page);
    let refused = 0;
    await page.route("**/api/v1/session", (route) => (refused++ === 0 ? route.abort("connectionreset") : route.continue()));
    await open("/customers");
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(new Shell(page).rolePicker).toHaveValue("AdminAgent");
    expect(roles).toEqual(["AdminAgent", "AdminAgent"]);
  });

  test("an early sign-in for a role the app does not take is not used", async ({ page, open }) => {
    const roles = signIns(page);
    await open("/customers", { role: "NoSuchRole" });
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(new Shell(page).rolePicker).toHaveValue("AdminAgent");
    expect(roles).toEqual(["NoSuchRole", "AdminAgent"]);
  });
});

test.describe("reading the first screen while the app loads", () => {
  /** How many times the page asked for each API address (path and query) with GET. */
  function reads(page: Page): Map<string, number> {
    const counts = new Map<string, number>();
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (request.method() === "GET" && url.pathname.startsWith("/api/")) {
        // As URLSearchParams writes it: gloo-net ends the app's own addresses with a bare "&".
        const query = String(new URLSearchParams(url.search));
        const key = query ? `${url.pathname}?${query}` : url.pathname;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    });
    return counts;
  }
  const customer = `/api/v1/customers/${CONTOSO}`;
  const usersList = (query: string) => `${customer}/users?${query}&sortField=displayName`;

  test("the Users page's first screen is read once, by the page while the app loads", async ({ page, open }) => {
    const counts = reads(page);
    const users = new UsersPage(page);
    await open(`${CONTOSO_USERS}?page=2&size=25&filter=%20a%20`);
    await expect(users.rows.first()).toBeVisible();
    await expect(users.pagerStatus).toHaveText(/^Page 2 of \d+$/);
    await expect(page.getByTestId("breadcrumbs")).toContainText("Contoso");
    // Products by name, not by id: the products were read too.
    await expect(page.getByTestId("user-licenses").filter({ hasText: /[0-9a-f]{8}-[0-9a-f]{4}-/ })).toHaveCount(0);
    // The same three reads the app makes by itself, asked once each: the app took the page's.
    expect(Object.fromEntries(counts)).toEqual({
      [customer]: 1,
      [`${customer}/subscribedskus`]: 1,
      [usersList("size=25&page=2&filter=a")]: 1,
    });
  });

  test("what the app asks for after it has started is read afresh", async ({ page, open }) => {
    const counts = reads(page);
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await users.pagerButton("next").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 3");
    await page.goBack();
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await expect(users.rows).toHaveCount(25);
    expect(counts.get(usersList("size=25&page=1"))).toBe(2);
  });

  test("an early read that fails is asked again by the app, which shows its answer", async ({ page, open }) => {
    const counts = reads(page);
    const users = new UsersPage(page);
    let failed = 0;
    await page.route("**/api/v1/customers/*/users?*", (route) =>
      failed++ === 0 ? route.fulfill({ status: 503, body: "" }) : route.continue(),
    );
    await open(CONTOSO_USERS);
    await expect(users.rows).toHaveCount(25);
    await expect(page.getByTestId("error-panel")).toHaveCount(0);
    expect(counts.get(usersList("size=25&page=1"))).toBe(2);
  });

  test("the customer list is read by the page too", async ({ page, open }) => {
    const counts = reads(page);
    await open("/customers");
    await expect(new CustomersPage(page).rows.first()).toBeVisible();
    expect(Object.fromEntries(counts)).toEqual({ "/api/v1/customers?size=25&page=1": 1 });
  });
});
