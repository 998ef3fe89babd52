import { test, expect } from "../fixtures";
import { CustomersPage } from "../pages/customers";

test.describe("Customers", () => {
  test("lists every seeded customer by company name with its domain and relationship", async ({ page, open }) => {
    const customers = new CustomersPage(page);
    await open("/customers");
    await expect(customers.rows).toHaveCount(8);
    await expect(customers.rows.first()).toContainText("Adventure Works Cycles");
    await expect(customers.rows.filter({ hasText: "Woodgrove Bank" })).toContainText("Advisor");
    await expect(page.getByTestId("customer-count")).toHaveText("8 customers");
  });

  test("search finds customers by company name or domain, and says when none match", async ({ page, open }) => {
    const customers = new CustomersPage(page);
    await open("/customers");
    await customers.searchFor("wingtip");
    await expect(customers.rows).toHaveCount(1);
    await expect(customers.rows).toContainText("Wingtip Toys");
    await expect(page).toHaveURL(/filter=wingtip/);
    await customers.searchFor("datongcloud");
    await expect(customers.rows).toContainText("大同雲端科技股份有限公司");
    await customers.searchFor("no such company");
    await expect(customers.table).toContainText("No customers match this search.");
    await customers.search.press("Escape");
    await expect(customers.rows).toHaveCount(8);
  });

  test("a customer's row opens its Users and licenses, and the back button returns to the search", async ({ page, open }) => {
    const customers = new CustomersPage(page);
    await open("/customers");
    await customers.searchFor("tailspin");
    await customers.openCustomer("Tailspin Toys");
    await expect(page.getByTestId("user-row")).toHaveCount(3);
    await page.goBack();
    await expect(customers.search).toHaveValue("tailspin");
    await expect(customers.rows).toHaveCount(1);
  });
});
