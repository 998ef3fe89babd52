import { test, expect, type Page } from "../fixtures";
import { Shell } from "../pages/shell";
import { CustomersPage } from "../pages/customers";

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
      await expect(page).toHaveScreenshot(`customers-${lang}.png`, { fullPage: true });
    });

    test("an unknown address shows the not-found page with a way back", async ({ page, open, expectAccessible }) => {
      await open("/no/such/page", { lang });
      const notFound = page.getByTestId("not-found");
      await expect(notFound).toContainText("/no/such/page");
      await expectAccessible();
      await expect(page).toHaveScreenshot(`not-found-${lang}.png`);
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
