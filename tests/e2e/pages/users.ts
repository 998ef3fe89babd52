import type { Locator, Page } from "@playwright/test";

/** Steps 2-4: a customer's Users and licenses list. */
export class UsersPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly headerBox: Locator;
  readonly selectedCount: Locator;
  readonly selectedUsersLink: Locator;
  readonly allUsersLink: Locator;
  readonly manageLicensesLink: Locator;
  readonly clearSelection: Locator;
  readonly search: Locator;
  readonly pagerStatus: Locator;
  readonly pageSize: Locator;
  readonly selectAllMatching: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("users-page");
    this.table = page.getByTestId("users-table");
    this.rows = page.getByTestId("user-row");
    this.headerBox = page.getByTestId("select-page");
    this.selectedCount = page.getByTestId("selected-count");
    this.selectedUsersLink = page.getByTestId("selected-users-link");
    this.allUsersLink = page.getByTestId("all-users-link");
    this.manageLicensesLink = page.getByTestId("manage-licenses-link");
    this.clearSelection = page.getByTestId("clear-selection");
    this.search = page.getByTestId("search-input");
    this.pagerStatus = page.getByTestId("pager-status");
    this.pageSize = page.getByTestId("page-size");
    this.selectAllMatching = page.getByTestId("select-all-matching");
  }

  pagerButton(which: "first" | "previous" | "next" | "last"): Locator {
    return this.page.getByTestId(`pager-${which}`);
  }

  /** A user's row box, found by its accessible name "Select <name>". */
  userBox(name: string): Locator {
    return this.table.getByRole("checkbox", { name: new RegExp(`^(Select|選取) ${name}$`) });
  }

  async tick(...names: string[]): Promise<void> {
    for (const name of names) await this.userBox(name).check();
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press("Enter");
  }

  async names(): Promise<string[]> {
    return this.page.getByTestId("user-name").allTextContents();
  }

  /** "checked", "mixed" or "clear", as the header box shows it. */
  async headerState(): Promise<"checked" | "mixed" | "clear"> {
    return this.headerBox.evaluate((el: HTMLInputElement) =>
      el.indeterminate ? "mixed" : el.checked ? "checked" : "clear",
    );
  }
}
