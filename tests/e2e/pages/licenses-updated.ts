import type { Locator, Page } from "@playwright/test";

/** Step 8: the Licenses updated confirmation, one line per user. */
export class LicensesUpdatedPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly summary: Locator;
  readonly resultList: Locator;
  readonly results: Locator;
  readonly retryFailed: Locator;
  readonly retryProgress: Locator;
  readonly backToUsers: Locator;
  readonly buyMoreDialog: Locator;
  readonly buyMoreAmount: Locator;
  readonly buyMoreConfirm: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("licenses-updated-page");
    this.title = this.root.getByRole("heading", { level: 1 });
    this.summary = page.getByTestId("results-summary");
    this.resultList = page.getByTestId("results");
    this.results = page.getByTestId("result");
    this.retryFailed = page.getByTestId("retry-failed");
    this.retryProgress = page.getByTestId("save-progress");
    this.backToUsers = page.getByTestId("back-to-users");
    this.buyMoreDialog = page.getByTestId("buy-more-dialog");
    this.buyMoreAmount = page.getByTestId("buy-more-amount");
    this.buyMoreConfirm = page.getByTestId("buy-more-confirm");
  }

  /** One user's line, by the user's display name. */
  result(name: string): Locator {
    return this.results.filter({
      has: this.page.getByTestId("result-name").getByText(name, { exact: true }),
    });
  }

  async names(): Promise<string[]> {
    return this.page.getByTestId("result-name").allTextContents();
  }

  /** "succeeded", "failed" or "not_sent". */
  status(name: string): Promise<string | null> {
    return this.result(name).getAttribute("data-status");
  }

  licenses(name: string): Locator {
    return this.result(name).getByTestId("result-licenses");
  }

  changes(name: string): Locator {
    return this.result(name).getByTestId("result-changes");
  }

  errors(name: string): Locator {
    return this.result(name).getByTestId("result-error");
  }

  buyMore(name: string): Locator {
    return this.result(name).getByTestId("result-buy-more");
  }

  usageLocationInput(name: string): Locator {
    return this.result(name).getByTestId("usage-location-input");
  }

  usageLocationSave(name: string): Locator {
    return this.result(name).getByTestId("usage-location-save");
  }
}
