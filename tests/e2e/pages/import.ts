import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { CONTOSO } from "../seed";

/** Users and licenses → Import changes: a CSV file checked, then previewed and saved. */
export class ImportPage {
  readonly root: Locator;
  readonly fileInput: Locator;
  readonly fileName: Locator;
  readonly problems: Locator;
  readonly problemTitle: Locator;
  readonly problemRows: Locator;
  readonly skipWrongRows: Locator;
  readonly preview: Locator;
  readonly summary: Locator;
  readonly noChanges: Locator;
  readonly skipped: Locator;
  readonly changeRows: Locator;
  readonly shortages: Locator;
  readonly save: Locator;
  readonly saveReason: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("import-page");
    this.fileInput = page.getByTestId("import-file");
    this.fileName = page.getByTestId("import-file-name");
    this.problems = page.getByTestId("import-problems");
    this.problemTitle = this.problems.getByRole("heading", { level: 2 });
    this.problemRows = page.getByTestId("import-problem");
    this.skipWrongRows = page.getByTestId("skip-wrong-rows");
    this.preview = page.getByTestId("import-preview");
    this.summary = page.getByTestId("import-summary");
    this.noChanges = page.getByTestId("import-no-changes");
    this.skipped = page.getByTestId("import-skipped");
    this.changeRows = page.getByTestId("import-change");
    this.shortages = page.getByTestId("seat-shortage");
    this.save = this.preview.getByTestId("save");
    this.saveReason = page.getByTestId("save-reason");
  }

  /** Chooses a file as the partner would, through the labelled file input. */
  async choose(name: string, contents: string | Buffer): Promise<void> {
    const buffer = typeof contents === "string" ? Buffer.from(contents, "utf8") : contents;
    await this.fileInput.setInputFiles({ name, mimeType: "text/csv", buffer });
  }

  /** The problem list as [line, user, problem] rows, in order. */
  async problemTable(): Promise<string[][]> {
    return this.problemRows.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "")),
    );
  }

  /** The change list as [line, user, changes, check] rows, in order. */
  async changeTable(): Promise<string[][]> {
    return this.changeRows.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "")),
    );
  }

  async ready(): Promise<void> {
    await expect(this.page.locator("html")).toHaveAttribute("data-app-ready", "true");
  }
}

/** A CSV record: fields quoted only where RFC 4180 needs it. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

/** A CSV file as spreadsheet programs write one: byte-order mark, CRLF. */
export function csvFile(records: readonly (readonly string[])[]): string {
  return "\ufeff" + records.map((r) => csvLine(r) + "\r\n").join("");
}

export type ApiUser = {
  id: string;
  userPrincipalName: string;
  displayName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
  lastSignInDateTime: string | null;
  assignedLicenses: { skuId: string; excludedPlans: string[] }[];
};

export type ApiSku = { productSku: { id: string; name: string } };

/** A session of the mock API, for reading what a save did. */
export async function apiToken(request: APIRequestContext): Promise<string> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  return (await session.json()).token;
}

/** Every Contoso user, in the API's order, as the API has them now. */
export async function contosoUsers(request: APIRequestContext): Promise<ApiUser[]> {
  const token = await apiToken(request);
  const response = await request.get(`/api/v1/customers/${CONTOSO}/users?size=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items;
}

/** Contoso's products, in the catalogue's order. */
export async function contosoSkus(request: APIRequestContext): Promise<ApiSku[]> {
  const token = await apiToken(request);
  const response = await request.get(`/api/v1/customers/${CONTOSO}/subscribedskus`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items;
}

/** A user found by display name. */
export function byName(users: ApiUser[], name: string): ApiUser {
  const user = users.find((u) => u.displayName === name);
  if (!user) throw new Error(`no user ${name}`);
  return user;
}
