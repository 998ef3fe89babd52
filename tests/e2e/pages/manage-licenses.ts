import { expect, type Locator, type Page } from "@playwright/test";
import { UsersPage } from "./users";

/** A product box as the page draws it: `data-state` of the row, `aria-checked` of the box. */
export type BoxState = "checked" | "mixed" | "clear";

/** Steps 5-8: Manage licenses for the selected users. */
export class ManageLicensesPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly chips: Locator;
  readonly productsTable: Locator;
  readonly productRows: Locator;
  readonly buyMoreDialog: Locator;
  readonly buyMoreAmount: Locator;
  readonly buyMoreConfirm: Locator;
  readonly buyMoreCancel: Locator;
  readonly summary: Locator;
  readonly summaryLines: Locator;
  readonly seatShortage: Locator;
  readonly problems: Locator;
  readonly save: Locator;
  readonly saveReason: Locator;
  readonly cancel: Locator;
  readonly saveProgress: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("manage-licenses-page");
    this.title = this.root.getByRole("heading", { level: 1 });
    this.chips = page.getByTestId("user-chip");
    this.productsTable = page.getByTestId("products-table");
    this.productRows = page.getByTestId("product-row");
    this.buyMoreDialog = page.getByTestId("buy-more-dialog");
    this.buyMoreAmount = page.getByTestId("buy-more-amount");
    this.buyMoreConfirm = page.getByTestId("buy-more-confirm");
    this.buyMoreCancel = page.getByTestId("buy-more-cancel");
    this.summary = page.getByTestId("change-summary");
    this.summaryLines = page.getByTestId("summary-line");
    this.seatShortage = page.getByTestId("seat-shortage");
    this.problems = page.getByTestId("problem");
    this.save = page.getByTestId("save");
    this.saveReason = page.getByTestId("save-reason");
    this.cancel = page.getByTestId("cancel");
    this.saveProgress = page.getByTestId("save-progress");
  }

  /**
   * Waits until every product of the customer is listed and the selected users' details are in
   * (the boxes show from the server's summary first; previews and Save follow the details).
   */
  async loaded(products = 10): Promise<void> {
    await expect(this.productRows).toHaveCount(products);
    await expect(this.root).toHaveAttribute("data-ready", "true");
  }

  /** A product's row, by the product's name. */
  row(product: string): Locator {
    return this.productRows.filter({
      has: this.page.getByTestId("product-name").getByText(product, { exact: true }),
    });
  }

  /** A product's box in the Product column; its accessible name is the product's name. */
  box(product: string): Locator {
    return this.row(product).getByRole("checkbox", { name: product, exact: true });
  }

  async boxState(product: string): Promise<string | null> {
    return this.row(product).getAttribute("data-state");
  }

  /** Clicks a product's box until it shows `state` (at most the three steps of a cycle). */
  async setBox(product: string, state: BoxState): Promise<void> {
    for (let i = 0; i < 3 && (await this.boxState(product)) !== state; i++) {
      await this.box(product).click();
    }
    await expect(this.row(product)).toHaveAttribute("data-state", state);
  }

  available(product: string): Locator {
    return this.row(product).getByTestId("available");
  }

  availableAfter(product: string): Locator {
    return this.row(product).getByTestId("available-after");
  }

  assignedLink(product: string): Locator {
    return this.row(product).getByTestId("assigned-link");
  }

  assignedPopover(product: string): Locator {
    return this.row(product).getByTestId("assigned-popover");
  }

  viewServicePlans(product: string): Locator {
    return this.row(product).getByTestId("view-service-plans");
  }

  buyMore(product: string): Locator {
    return this.row(product).getByTestId("buy-more");
  }

  /** The product's service plans, shown below its row by "View service plans". */
  async servicePlans(product: string): Promise<Locator> {
    const id = await this.viewServicePlans(product).getAttribute("aria-controls");
    return this.page.locator(`[id="${id}"]`).getByTestId("service-plans");
  }

  /** A service plan's box inside a product's plans, by the plan's name. */
  async planBox(product: string, plan: string): Promise<Locator> {
    return (await this.servicePlans(product)).getByRole("checkbox", { name: plan, exact: true });
  }

  async chipNames(): Promise<string[]> {
    return this.page.locator("[data-testid=user-chip] .user-chip__name").allTextContents();
  }

  chipRemove(name: string): Locator {
    return this.chips.filter({ hasText: name }).getByTestId("user-chip-remove");
  }
}

/**
 * Steps 2-5 done the quick way for tests that start at Manage licenses: on the customer's
 * Users and licenses (already open), tick each named user (searching for those not on the
 * first page), then select Manage licenses.
 */
export async function manageLicensesFor(page: Page, names: string[]): Promise<ManageLicensesPage> {
  const users = new UsersPage(page);
  await expect(users.rows.first()).toBeVisible();
  for (const name of names) {
    if ((await users.userBox(name).count()) === 0) {
      await users.searchFor(name);
      await expect(users.userBox(name)).toBeVisible();
    }
    await users.userBox(name).check();
  }
  await expect(users.selectedCount).toContainText(String(names.length));
  await users.manageLicensesLink.click();
  const manage = new ManageLicensesPage(page);
  await manage.loaded();
  await expect(manage.chips).toHaveCount(names.length);
  return manage;
}

/**
 * The page area (document coordinates, whole pixels, 8 px margin) that holds every given
 * element, for a screenshot of just the region a test is about.
 */
export async function regionAround(
  ...locators: Locator[]
): Promise<{ x: number; y: number; width: number; height: number }> {
  const boxes = await Promise.all(
    locators.map((l) =>
      l.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left + window.scrollX, top: r.top + window.scrollY, right: r.right + window.scrollX, bottom: r.bottom + window.scrollY };
      }),
    ),
  );
  const margin = 8;
  const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.left)) - margin));
  const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.top)) - margin));
  const right = Math.ceil(Math.max(...boxes.map((b) => b.right)) + margin);
  const bottom = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) + margin);
  return { x: left, y: top, width: right - left, height: bottom - top };
}
