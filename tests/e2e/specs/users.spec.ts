import { test, expect, expectScreenshot } from "../fixtures";
import { CustomersPage } from "../pages/customers";
import { UsersPage } from "../pages/users";
import { CONTOSO_USERS, FABRIKAM } from "../seed";

test.describe("Users and licenses", () => {
  test("a customer picked from the list opens its users, 25 to a page, with a way back", async ({ page, open }) => {
    const customers = new CustomersPage(page);
    const users = new UsersPage(page);
    await open("/customers");
    await customers.openCustomer("Contoso");
    await expect(users.rows).toHaveCount(25);
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await expect(page.getByTestId("breadcrumbs")).toContainText("Contoso");
    await page.getByTestId("breadcrumbs").getByRole("link", { name: "Customers" }).click();
    await expect(customers.table).toBeVisible();
  });

  test("ticking some users of a page leaves the header box mixed, ticking all checks it", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await expect(users.rows).toHaveCount(25);
    await expect.poll(() => users.headerState()).toBe("clear");
    await users.tick("Adele Vance", "Alex Wilber");
    await expect.poll(() => users.headerState()).toBe("mixed");
    await expect(users.selectedCount).toHaveText("2 selected");
    await users.headerBox.check();
    await expect.poll(() => users.headerState()).toBe("checked");
    await expect(users.selectedCount).toHaveText("25 selected");
    await users.userBox("Bianca Pisani").uncheck();
    await expect.poll(() => users.headerState()).toBe("mixed");
    await expect(users.selectedCount).toHaveText("24 selected");
  });

  test("the header box of a fully ticked page clears only that page", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.tick("Adele Vance");
    await users.pagerButton("next").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 3");
    await users.headerBox.check();
    await expect(users.selectedCount).toHaveText("26 selected");
    await users.headerBox.uncheck();
    await expect(users.selectedCount).toHaveText("1 selected");
    await expect.poll(() => users.headerState()).toBe("clear");
  });

  test("a selection spans pages and survives a reload", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.tick("Adele Vance", "Delia Dennis");
    await users.pagerButton("next").click();
    await users.tick("Miriam Graham", "林志明");
    await users.pagerButton("last").click();
    await expect(users.pagerStatus).toHaveText("Page 3 of 3");
    await expect(users.rows).toHaveCount(7);
    await users.tick("陳怡君");
    await expect(users.selectedCount).toHaveText("5 selected");
    await page.reload();
    await expect(users.pagerStatus).toHaveText("Page 3 of 3");
    await expect(users.userBox("陳怡君")).toBeChecked();
    await expect(users.selectedCount).toHaveText("5 selected");
    await users.pagerButton("first").click();
    await expect(users.userBox("Adele Vance")).toBeChecked();
    await expect(users.userBox("Delia Dennis")).toBeChecked();
    await expect.poll(() => users.headerState()).toBe("mixed");
  });

  test("page, page size and search live in the address", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.pageSize.selectOption("50");
    await expect(users.rows).toHaveCount(50);
    await expect(users.pagerStatus).toHaveText("Page 1 of 2");
    await expect(page).toHaveURL(/size=50/);
    await users.pagerButton("next").click();
    await expect(users.rows).toHaveCount(7);
    await page.reload();
    await expect(users.rows).toHaveCount(7);
    await expect(users.pagerStatus).toHaveText("Page 2 of 2");
  });

  test("search filters on the server by name or username, case-insensitively", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.searchFor("ADELE");
    await expect(users.rows).toHaveCount(1);
    await expect.poll(() => users.names()).toEqual(["Adele Vance"]);
    await users.searchFor("meganb@");
    await expect.poll(() => users.names()).toEqual(["Megan Bowen"]);
    await users.searchFor("陳");
    await expect(users.rows).toHaveCount(1);
    await users.searchFor("nobody-like-this");
    await expect(users.table).toContainText("No users match this search.");
    await users.search.fill("");
    await users.search.press("Enter");
    await expect(users.rows).toHaveCount(25);
  });

  test("Selected users lists only the selected users, across pages, with a way back", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await expect(users.selectedUsersLink).toBeDisabled();
    await users.tick("Megan Bowen", "Adele Vance");
    await users.pagerButton("last").click();
    await users.tick("陳怡君");
    await users.selectedUsersLink.click();
    await expect(page).toHaveURL(/view=selected/);
    await expect(users.rows).toHaveCount(3);
    await expect.poll(() => users.names()).toEqual(["Adele Vance", "Megan Bowen", "陳怡君"]);
    await expect(users.pagerStatus).toHaveText("Page 1 of 1");
    await users.allUsersLink.click();
    await expect(users.rows).toHaveCount(25);
    await expect(users.selectedCount).toHaveText("3 selected");
  });

  test("Manage licenses opens once a user is selected and the selection is still there on return", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await expect(users.manageLicensesLink).toBeDisabled();
    await users.tick("Adele Vance", "Alex Wilber");
    await expect(users.manageLicensesLink).toHaveRole("link");
    await users.manageLicensesLink.click();
    await expect(page.getByTestId("manage-licenses-page")).toBeVisible();
    await expect(page.getByTestId("user-chip")).toHaveCount(2);
    await page.goBack();
    await expect(users.selectedCount).toHaveText("2 selected");
    await expect(users.userBox("Alex Wilber")).toBeChecked();
  });

  test("Clear selection empties the selection on every page", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.headerBox.check();
    await users.pagerButton("next").click();
    await users.tick("Nina Patel");
    await users.clearSelection.click();
    await expect(users.selectedCount).toHaveText("0 selected");
    await users.pagerButton("first").click();
    await expect.poll(() => users.headerState()).toBe("clear");
  });

  test("after a whole page is ticked, every user matching the search can be selected at once", async ({ page, open }) => {
    test.setTimeout(120_000);
    const users = new UsersPage(page);
    await open(`/customers/${FABRIKAM}/users`);
    await expect(users.rows).toHaveCount(25);
    await expect(users.pagerStatus).toHaveText("Page 1 of 400");
    await expect(users.selectAllMatching).toHaveCount(0);
    await users.headerBox.check();
    await expect(users.selectAllMatching).toHaveText("Select all 10,000 users");
    await users.selectAllMatching.click();
    await expect(page.getByTestId("select-all-done")).toHaveText("All 10,000 users are selected.");
    await expect(users.selectedCount).toHaveText("10,000 selected");
    await users.pagerButton("last").click();
    await expect.poll(() => users.headerState()).toBe("checked");
    await users.selectedUsersLink.click();
    await expect(users.pagerStatus).toHaveText("Page 1 of 400");
  });

  test("a role that may not manage licenses sees why, and the server refuses it too", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS, { role: "BillingAdmin" });
    await expect(page.getByTestId("manage-refused-reason")).toContainText("Billing admin can't manage licenses");
    await expect(page.getByTestId("error-panel")).toContainText("Your role doesn't allow this");
    await expect(users.manageLicensesLink).toBeDisabled();
  });

  test("a failed request says so with Retry and keeps the selection", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.tick("Adele Vance");
    await page.route("**/api/v1/customers/*/users?*", (route) => route.abort("failed"));
    await users.pagerButton("next").click();
    await expect(page.getByTestId("error-panel")).toContainText("can't be reached");
    await page.unroute("**/api/v1/customers/*/users?*");
    await page.getByTestId("retry").click();
    await expect(users.rows).toHaveCount(25);
    await expect(users.selectedCount).toHaveText("1 selected");
  });

  test("every row box is reachable by keyboard and at least 24 by 24 pixels", async ({ page, open }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    const box = await users.userBox("Adele Vance").boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    await users.userBox("Adele Vance").focus();
    await page.keyboard.press("Space");
    await expect(users.userBox("Adele Vance")).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(users.userBox("Alex Wilber")).toBeFocused();
  });
});

for (const lang of ["en-US", "zh-TW"] as const) {
  test.describe(`Users and licenses screens in ${lang}`, () => {
    test("the users page with a partial selection", async ({ page, open, expectAccessible }) => {
      const users = new UsersPage(page);
      await open(CONTOSO_USERS, { lang });
      await users.tick("Adele Vance", "Delia Dennis", "Irvin Sayers");
      await expect.poll(() => users.headerState()).toBe("mixed");
      await expectAccessible();
      await expectScreenshot(page, `users-partial-${lang}.png`, { fullPage: true });
    });

    test("the Selected users view", async ({ page, open, expectAccessible }) => {
      const users = new UsersPage(page);
      await open(CONTOSO_USERS, { lang });
      await users.tick("Adele Vance", "Delia Dennis");
      await users.pagerButton("next").click();
      await users.tick("林志明");
      await users.selectedUsersLink.click();
      await expect(users.rows).toHaveCount(3);
      await expectAccessible();
      await expectScreenshot(page, `selected-users-${lang}.png`, { fullPage: true });
    });

    test("a role refused license management", async ({ page, open, expectAccessible }) => {
      await open(CONTOSO_USERS, { lang, role: "BillingAdmin" });
      await expect(page.getByTestId("error-panel")).toBeVisible();
      await expectAccessible();
      await expectScreenshot(page, `refused-role-${lang}.png`, { fullPage: true });
    });
  });
}
