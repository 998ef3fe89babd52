import type { Locator, Page } from "@playwright/test";

/** The Partner Center frame around every page. */
export class Shell {
  readonly topBar: Locator;
  readonly productName: Locator;
  readonly languageSwitch: Locator;
  readonly rolePicker: Locator;
  readonly displayName: Locator;
  readonly nav: Locator;
  readonly breadcrumbs: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.topBar = page.getByTestId("top-bar");
    this.productName = page.getByTestId("product-name");
    this.languageSwitch = page.getByTestId("language-switch");
    this.rolePicker = page.getByTestId("role-picker");
    this.displayName = page.getByTestId("display-name");
    this.nav = page.getByTestId("left-nav");
    this.breadcrumbs = page.getByTestId("breadcrumbs");
    this.main = page.getByTestId("main");
  }

  navLink(name: string): Locator {
    return this.nav.getByRole("link", { name });
  }

  async switchLanguage(tag: "en-US" | "zh-TW"): Promise<void> {
    await this.languageSwitch.selectOption(tag);
  }

  async actAs(role: string): Promise<void> {
    await this.rolePicker.selectOption(role);
  }
}
