import type { Locator, Page } from "@playwright/test";

/** Step 1: the customer list. */
export class CustomersPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("customers-page");
    this.table = page.getByTestId("customers-table");
    this.rows = page.getByTestId("customer-row");
    this.search = page.getByTestId("search-input");
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press("Enter");
  }

  /** Opens a customer's Users and licenses by its company name. */
  async openCustomer(companyName: string): Promise<void> {
    await this.table.getByRole("link", { name: companyName, exact: true }).click();
  }
}
