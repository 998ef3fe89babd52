// Issue 17, CSV export: the Users list as filtered (every matching user, read through the API
// with a progress bar and Cancel), the selection, a product's holders, and Licenses updated. Each
// download is read back (byte-order mark, CRLF, RFC 4180 quoting), parsed and compared with what
// the API answers for the same query, or with what the page shows.
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Download, Page, Route } from "@playwright/test";
import { test, expect, expectScreenshot, restPointer } from "../fixtures";
import { manageLicensesFor } from "../pages/manage-licenses";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { UsersPage } from "../pages/users";
import { AUDIO, CONTOSO, CONTOSO_USERS, EMS, EMS_SKU, FABRIKAM } from "../seed";

const USER_COLUMNS = [
  "userPrincipalName",
  "displayName",
  "assign",
  "remove",
  "usageLocation",
  "accountEnabled",
  "lastSignInDateTime",
];
const RESULT_COLUMNS = ["userPrincipalName", "displayName", "result", "changes", "errorCode", "message"];
/** The fixed clock of the fixtures (2026-11-02, UTC): the date in every file name. */
const TODAY = "2026-11-02";
/** Fabrikam's users filtered as the example: licensed, inactive 30+ days, in the US. */
const FABRIKAM_FILTER = "licensed=true&inactiveDays=30&usageLocation=US";

/** What the API answers for a GET path, with a session of its own. */
async function api(request: APIRequestContext, path: string): Promise<any> {
  const session = await (await request.post("/api/v1/session", { data: { role: "AdminAgent" } })).json();
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** Every item of a paged list, 500 at a time. */
async function apiAll(request: APIRequestContext, path: string): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const join = path.includes("?") ? "&" : "?";
    const list = await api(request, `${path}${join}size=500&page=${page}`);
    items.push(...list.items);
    if (list.items.length === 0 || items.length >= list.totalCount) return items;
  }
}

/** RFC 4180: records of fields, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  expect(field === "" && record.length === 0, "the file ends with CRLF").toBeTruthy();
  return records;
}

/** A download's file: its name and its records, after checking the BOM and the line ends. */
async function readCsv(download: Download): Promise<{ name: string; records: string[][] }> {
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)], "UTF-8 byte-order mark").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n"), "the last record ends with CRLF").toBeTruthy();
  // No field of these files holds a line break, so every line ends with CRLF.
  expect(text.replace(/\r\n/g, ""), "no bare CR or LF").not.toMatch(/[\r\n]/);
  return { name: download.suggestedFilename(), records: parseCsv(text) };
}

/** Clicks `trigger` and returns the file it downloads. */
async function downloadFrom(page: Page, trigger: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return readCsv(download);
}

/** The users export's row of an API user: products by name (sorted), nothing to remove. */
function userRow(user: any, names: Map<string, string>): string[] {
  const held = user.assignedLicenses.map((l: any) => names.get(l.skuId) ?? l.skuId).sort();
  return [
    user.userPrincipalName,
    user.displayName,
    held.join(";"),
    "",
    user.usageLocation ?? "",
    String(user.accountEnabled),
    user.lastSignInDateTime ?? "",
  ];
}

/** Product names by SKU id, as the API names them. */
async function productNames(request: APIRequestContext, customer: string): Promise<Map<string, string>> {
  const skus = (await api(request, `/customers/${customer}/subscribedskus`)).items;
  return new Map(skus.map((s: any) => [s.productSku.id, s.productSku.name]));
}

test.describe("CSV export", () => {
  test("the Users list as filtered: every matching user across pages, as the API lists them", async ({
    page,
    open,
    request,
  }) => {
    test.setTimeout(120_000);
    await open(`/customers/${FABRIKAM}/users?${FABRIKAM_FILTER}&filter=a&sortField=lastSignInDateTime`);
    const users = new UsersPage(page);
    await expect(users.rows.first()).toBeVisible();
    const expected = await apiAll(request, `/customers/${FABRIKAM}/users?${FABRIKAM_FILTER}&filter=a`);
    expect(expected.length, "more users than one read of 500").toBeGreaterThan(500);
    await expect(page.getByTestId("filter-count")).toHaveText(`${expected.length.toLocaleString("en-US")} users match`);

    const file = await downloadFrom(page, () => page.getByTestId("export-list").click());
    expect(file.name).toBe(`fabrikam-users-${TODAY}.csv`);
    const names = await productNames(request, FABRIKAM);
    expect(file.records).toEqual([USER_COLUMNS, ...expected.map((u) => userRow(u, names))]);
    await expect(page.getByTestId("export-dialog")).toBeHidden();
    // The page is left as it was: the same 25 rows, nothing selected.
    await expect(users.rows).toHaveCount(25);
    await expect(users.selectedCount).toHaveText("0 selected");
  });

  test("the selection, ticked on several pages, read back by id", async ({ page, open, request }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await users.tick("Megan Bowen", "Delia Dennis");
    await users.pagerButton("last").click();
    await expect(page.getByTestId("pager-status")).toContainText("3");
    await users.rows.nth(0).getByTestId("user-checkbox").check();
    await users.rows.nth(6).getByTestId("user-checkbox").check();
    await expect(users.selectedCount).toHaveText("4 selected");
    const ids: string[] = await page.evaluate(
      (customer) => Object.keys(JSON.parse(sessionStorage.getItem(`pc.selection.${customer}`) ?? "{}").users ?? {}),
      CONTOSO,
    );
    expect(ids).toHaveLength(4);

    const file = await downloadFrom(page, () => page.getByTestId("export-selection").click());
    expect(file.name).toBe(`contoso-selected-users-${TODAY}.csv`);
    const expected = (await api(request, `/customers/${CONTOSO}/users?size=500&ids=${ids.join(",")}`)).items;
    const names = await productNames(request, CONTOSO);
    expect(file.records).toEqual([USER_COLUMNS, ...expected.map((u: any) => userRow(u, names))]);
    expect(file.records.map((r) => r[1])).toContain("Megan Bowen");
  });

  test("a product's holders, as the reverse look-up lists them", async ({ page, open, request }) => {
    await open(`/customers/${CONTOSO}/products/${EMS_SKU}`);
    const users = new UsersPage(page);
    await expect(users.rows).toHaveCount(25);
    await expect(page.getByTestId("export-selection")).toHaveCount(0);
    const file = await downloadFrom(page, () => page.getByTestId("export-list").click());
    expect(file.name).toBe(`contoso-holders-enterprise-mobility-security-e3-${TODAY}.csv`);
    const expected = await apiAll(request, `/customers/${CONTOSO}/subscribedskus/${EMS_SKU}/users`);
    expect(expected).toHaveLength(40);
    const names = await productNames(request, CONTOSO);
    expect(file.records).toEqual([USER_COLUMNS, ...expected.map((u) => userRow(u, names))]);
    for (const row of file.records.slice(1)) expect(row[2].split(";")).toContain(EMS);
  });

  test("Licenses updated in zh-TW: one row per user, an error's message in Chinese as the page says it", async ({
    page,
    open,
    request,
  }) => {
    await open(CONTOSO_USERS, { lang: "zh-TW" });
    const manage = await manageLicensesFor(page, ["Delia Dennis", "Megan Bowen"]);
    await manage.setBox(AUDIO, "checked");
    await manage.setBox(EMS, "clear");
    await manage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.results).toHaveCount(2);
    expect(await updated.status("Delia Dennis")).toBe("failed");
    expect(await updated.status("Megan Bowen")).toBe("succeeded");

    const file = await downloadFrom(page, () => page.getByTestId("export-results").click());
    expect(file.name).toBe(`contoso-license-results-${TODAY}.csv`);
    const upn = new Map(
      (await apiAll(request, `/customers/${CONTOSO}/users`)).map((u: any) => [u.displayName, u.userPrincipalName]),
    );
    const screen = await updated.names();
    const rows = file.records.slice(1);
    expect(file.records[0]).toEqual(RESULT_COLUMNS);
    expect(rows.map((r) => r[1])).toEqual(screen);
    const delia = rows.find((r) => r[1] === "Delia Dennis")!;
    const megan = rows.find((r) => r[1] === "Megan Bowen")!;
    const deliaErrors = await updated.errors("Delia Dennis").allTextContents();
    expect(delia).toEqual([upn.get("Delia Dennis"), "Delia Dennis", "failed", "", "60031", deliaErrors.join(" ")]);
    expect(delia[5]).toBe("Microsoft 365 Audio Conferencing 需要 Office 365 E3，但此使用者沒有。請先指派 Office 365 E3，或在同一次儲存中指派。");
    const meganChanges = await updated.changes("Megan Bowen").locator("li").allTextContents();
    expect(meganChanges).toEqual([`+ ${AUDIO}`, `− ${EMS}`]);
    expect(megan).toEqual([upn.get("Megan Bowen"), "Megan Bowen", "succeeded", meganChanges.join("; "), "", ""]);
  });

  test("Cancel stops the reads part-way, Escape too, and a failed read is said with a Retry", async ({ page, open }) => {
    // The second read of 500 is held, so the export stays part-way.
    const held: Route[] = [];
    await page.route(/\/users\?.*size=500&page=2/, (route) => {
      held.push(route);
    });
    const aborted: string[] = [];
    page.on("requestfailed", (r) => {
      if (/size=500&page=2/.test(r.url())) aborted.push(r.failure()?.errorText ?? "");
    });
    let downloads = 0;
    page.on("download", () => downloads++);

    await open(`/customers/${FABRIKAM}/users`);
    const users = new UsersPage(page);
    await expect(users.rows.first()).toBeVisible();
    const exportButton = page.getByTestId("export-list");
    const dialog = page.getByTestId("export-dialog");
    await exportButton.click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading")).toHaveText("Export users");
    await expect(dialog.getByRole("status")).toHaveText("Reading 500 of 10,000 users");
    await expect(dialog.getByRole("progressbar", { name: "Export progress" })).toHaveAttribute("value", "500");
    await expect(dialog.getByTestId("export-cancel")).toBeFocused();
    await expect.poll(() => held.length).toBe(1);

    await dialog.getByTestId("export-cancel").click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => aborted).toEqual(["net::ERR_ABORTED"]);
    await expect(exportButton).toBeFocused();

    // Escape cancels as well.
    await exportButton.press("Enter");
    await expect(dialog.getByRole("status")).toHaveText("Reading 500 of 10,000 users");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect.poll(() => aborted).toHaveLength(2);

    // A read that fails: named in the UI's words, Retry starts again and the file comes.
    await page.unroute(/\/users\?.*size=500&page=2/);
    let failed = false;
    await page.route(/\/users\?.*size=500&page=3/, (route) => {
      if (failed) return route.continue();
      failed = true;
      return route.fulfill({ status: 503, json: { code: 9999, description: "Service unavailable.", data: [], source: "PartnerFD" } });
    });
    await exportButton.click();
    const panel = dialog.getByTestId("error-panel");
    await expect(panel).toContainText("Couldn't export");
    await expect(panel).toContainText("(HTTP 503)");
    await expect(panel).not.toContainText("Service unavailable.");
    expect(downloads).toBe(0);
    const file = await downloadFrom(page, () => panel.getByTestId("retry").click());
    expect(file.name).toBe(`fabrikam-users-${TODAY}.csv`);
    expect(file.records).toHaveLength(10_001);
    await expect(dialog).toBeHidden();
    expect(downloads).toBe(1);
  });
});

for (const lang of ["en-US", "zh-TW"] as const) {
  test(`the export dialog part-way in ${lang}`, async ({ page, open, expectAccessible }) => {
    await page.route(/\/users\?.*size=500&page=2/, () => {});
    await open(`/customers/${FABRIKAM}/users`, { lang });
    await expect(new UsersPage(page).rows.first()).toBeVisible();
    await page.getByTestId("export-list").click();
    const dialog = page.getByTestId("export-dialog");
    await expect(dialog.getByRole("status")).toHaveText(
      lang === "en-US" ? "Reading 500 of 10,000 users" : "正在讀取使用者… 10,000 位中的 500 位",
    );
    await restPointer(page);
    await expectAccessible();
    await expectScreenshot(dialog, `export-dialog-${lang}.png`);
  });
}
