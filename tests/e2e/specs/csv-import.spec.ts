// Issue 17, point 4: Users and licenses → Import changes. A CSV file of license changes is read
// in the browser and checked line by line before anything is sent; valid rows are previewed
// with the shared rules and saved through the batch path, ending on Licenses updated.
import { test, expect, restPointer, expectScreenshot } from "../fixtures";
import { ImportPage, byName, contosoUsers, csvFile } from "../pages/import";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { UsersPage } from "../pages/users";
import { CONTOSO, CONTOSO_USERS, E3, E3_SKU, EMS, EMS_SKU, EXCHANGE_P2, EXCHANGE_P2_SKU, POWER_BI } from "../seed";

const IMPORT = `/customers/${CONTOSO}/users/import`;
const HEADER = ["userPrincipalName", "assign", "remove", "usageLocation"];
const upn = (name: string) => `${name}@contoso.onmicrosoft.com`;

/** A file with every kind of bad row (lines 2-9), and one good row (line 10). */
const BAD_ROWS = [
  HEADER,
  [upn("nobody"), "", "", ""],
  [upn("AdeleV"), "Office 365 E9", "", ""],
  [upn("AlexW"), POWER_BI, "power bi pro", ""],
  [upn("IrvinS"), "", "", "Taiwan"],
  ["", POWER_BI, "", ""],
  [upn("LeeG"), ""],
  [upn("DeliaD"), E3, "", ""],
  [upn("DeliaD"), "", "", "DE"],
  [upn("LidiaH"), E3, "", "US"],
];

const WORDS = {
  "en-US": {
    title: "8 problems found. Nothing has been applied.",
    skip: "Skip the 8 wrong rows and continue",
    problems: [
      ["2", upn("nobody"), "No user of this customer has this userPrincipalName."],
      ["3", upn("AdeleV"), 'No product is named "Office 365 E9" (by name or SKU ID).'],
      ["4", upn("AlexW"), "Power BI Pro is in both assign and remove."],
      ["5", upn("IrvinS"), '"Taiwan" isn\'t a country code. Use two letters, such as US or TW.'],
      ["6", "", "The row has no userPrincipalName."],
      ["7", upn("LeeG"), "This row has 2 fields; the header has 4."],
      ["8", upn("DeliaD"), "This user is on more than one row (lines 8, 9). Keep one row per user."],
      ["9", upn("DeliaD"), "This user is on more than one row (lines 8, 9). Keep one row per user."],
    ],
  },
  "zh-TW": {
    title: "發現 8 個問題。尚未套用任何變更。",
    skip: "略過 8 個有誤的資料列並繼續",
    problems: [
      ["2", upn("nobody"), "此客戶沒有使用此 userPrincipalName 的使用者。"],
      ["3", upn("AdeleV"), "沒有名為「Office 365 E9」的產品 (依名稱或 SKU 識別碼)。"],
      ["4", upn("AlexW"), "Power BI Pro 同時出現在 assign 和 remove 中。"],
      ["5", upn("IrvinS"), "「Taiwan」不是國家或地區代碼。請使用兩個字母，例如 US 或 TW。"],
      ["6", "", "此列沒有 userPrincipalName。"],
      ["7", upn("LeeG"), "此列有 2 個欄位；標題列有 4 個。"],
      ["8", upn("DeliaD"), "此使用者出現在多個資料列 (第 8、9 行)。每位使用者請只保留一列。"],
      ["9", upn("DeliaD"), "此使用者出現在多個資料列 (第 8、9 行)。每位使用者請只保留一列。"],
    ],
  },
} as const;

test.describe("Import changes", () => {
  test("Users and licenses links to Import changes", async ({ page, open }) => {
    await open(CONTOSO_USERS);
    const users = new UsersPage(page);
    await expect(users.rows.first()).toBeVisible();
    await page.getByRole("link", { name: "Import changes" }).click();
    await expect(page).toHaveURL(new RegExp(`${IMPORT}$`));
    const importPage = new ImportPage(page);
    await expect(importPage.root.getByRole("heading", { level: 1 })).toHaveText("Import changes");
    await expect(page.getByLabel("CSV file of license changes")).toBeVisible();
  });

  test("a good file, products by name and by SKU id and a new usage location, ends on Licenses updated as the API has it", async ({
    page,
    open,
    request,
  }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    await importPage.choose(
      "contoso changes.csv",
      csvFile([
        // Columns in another order, and an export's column the import ignores.
        ["usageLocation", "userPrincipalName", "displayName", "remove", "assign"],
        ["", upn("DeliaD"), "Delia Dennis", "", "office 365 e3"],
        ["", upn("lidiah"), "Lidia Holloway", "", `${EMS_SKU}; ${E3}`],
        ["tw", upn("IrvinS"), "Irvin Sayers", "", EXCHANGE_P2],
        ["", upn("EmilyB"), "Emily Braun", EMS, ""],
        ["GB", upn("AllanD"), "Allan Deyoung", "", ""],
        // Changes nothing: Megan holds Office 365 E3 and not Power BI Pro; US already.
        ["US", upn("MeganB"), "Megan Bowen", POWER_BI, E3],
      ]),
    );
    await expect(importPage.fileName).toHaveText("contoso changes.csv");
    await expect(importPage.summary).toHaveText("6 rows read: 5 users change.");
    await expect(importPage.problems).toHaveCount(0);
    expect(await importPage.changeTable()).toEqual([
      ["2", `Delia Dennis\n${upn("DeliaD")}`, `Assign ${E3}`, "Will be updated"],
      ["3", `Lidia Holloway\n${upn("LidiaH")}`, `Assign ${E3}, ${EMS}`, "Will be updated"],
      ["4", `Irvin Sayers\n${upn("IrvinS")}`, `Assign ${EXCHANGE_P2}\nUsage location none → TW`, "Will be updated"],
      ["5", `Emily Braun\n${upn("EmilyB")}`, `Remove ${EMS}`, "Will be updated"],
      ["6", `Allan Deyoung\n${upn("AllanD")}`, "Usage location US → GB", "Will be updated"],
    ]);
    await importPage.ready();
    await expect(importPage.save).toBeEnabled();
    await importPage.save.click();

    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 5 users.");
    for (const name of ["Delia Dennis", "Lidia Holloway", "Irvin Sayers", "Emily Braun", "Allan Deyoung"]) {
      await expect(updated.result(name)).toHaveAttribute("data-status", "succeeded");
    }
    await expect(updated.changes("Irvin Sayers").getByRole("listitem")).toHaveText([`+ ${EXCHANGE_P2}`]);
    await expect(updated.changes("Emily Braun").getByRole("listitem")).toHaveText([`− ${EMS}`]);
    // No retry is offered for a change of usage location alone.
    await expect(updated.retryFailed).toHaveCount(0);

    const users = await contosoUsers(request);
    const skus = (name: string) => byName(users, name).assignedLicenses.map((l) => l.skuId).sort();
    expect(skus("Delia Dennis")).toEqual([E3_SKU]);
    expect(skus("Lidia Holloway")).toEqual([E3_SKU, EMS_SKU].sort());
    expect(skus("Irvin Sayers")).toEqual([EXCHANGE_P2_SKU]);
    expect(byName(users, "Irvin Sayers").usageLocation).toBe("TW");
    expect(skus("Emily Braun")).toEqual([]);
    expect(byName(users, "Allan Deyoung").usageLocation).toBe("GB");
    expect(skus("Allan Deyoung")).toEqual([EMS_SKU]);
    expect(skus("Megan Bowen")).toEqual([E3_SKU, EMS_SKU].sort());
    // New products come with every plan, as Manage licenses gives them.
    expect(byName(users, "Delia Dennis").assignedLicenses[0].excludedPlans).toEqual([]);
  });

  for (const lang of ["en-US", "zh-TW"] as const) {
    test(`a file with every kind of bad row lists each problem by line, applies nothing (${lang})`, async ({
      page,
      open,
      request,
      expectAccessible,
    }) => {
      const before = await contosoUsers(request);
      await open(IMPORT, { lang });
      const importPage = new ImportPage(page);
      await importPage.choose("bad.csv", csvFile(BAD_ROWS));
      await expect(importPage.problemTitle).toHaveText(WORDS[lang].title);
      expect(await importPage.problemTable()).toEqual(WORDS[lang].problems);
      await expect(importPage.skipWrongRows).toHaveText(WORDS[lang].skip);
      await expect(importPage.preview).toHaveCount(0);
      await importPage.ready();
      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `import-problems-${lang}.png`, { fullPage: true });
      expect(await contosoUsers(request), "nothing is applied").toEqual(before);
    });
  }

  test("skipping the wrong rows previews and saves the rest", async ({ page, open, request }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    await importPage.choose("bad.csv", csvFile(BAD_ROWS));
    await importPage.skipWrongRows.click();
    await expect(importPage.skipped).toContainText("8 wrong rows are skipped.");
    await expect(importPage.summary).toHaveText("9 rows read: 1 user changes.");
    expect(await importPage.changeTable()).toEqual([
      ["10", `Lidia Holloway\n${upn("LidiaH")}`, `Assign ${E3}`, "Will be updated"],
    ]);
    // The problems can be seen again, and skipped again.
    await page.getByTestId("show-problems").click();
    await expect(importPage.problemRows).toHaveCount(8);
    await importPage.skipWrongRows.click();
    await importPage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 1 user.");
    await expect(updated.changes("Lidia Holloway").getByRole("listitem")).toHaveText([`+ ${E3}`]);
    const users = await contosoUsers(request);
    expect(byName(users, "Lidia Holloway").assignedLicenses.map((l) => l.skuId)).toEqual([E3_SKU]);
    expect(byName(users, "Delia Dennis").assignedLicenses).toEqual([]);
  });

  test("a file that is not UTF-8 is refused at its line, with nothing to skip", async ({ page, open }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    // Windows-1252 "é" in line 3, as a spreadsheet saved as plain "CSV" writes it.
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER.join(",")}\r\n${upn("DeliaD")},${E3},,\r\n${upn("TomasA")},,,MX\r\n`.replace("TomasA", "Tom"), "utf8"),
      Buffer.from([0xe1]),
      Buffer.from("sA@contoso.onmicrosoft.com,,,\r\n", "utf8"),
    ]);
    await importPage.choose("latin1.csv", latin1);
    await expect(importPage.problemTitle).toHaveText("1 problem found. Nothing has been applied.");
    expect(await importPage.problemTable()).toEqual([
      ["4", "", 'The file isn\'t UTF-8 text from this line on. Save it as "CSV UTF-8" and choose it again.'],
    ]);
    await expect(importPage.skipWrongRows).toBeHidden();
    await expect(page.getByText("Correct the file and choose it again.", { exact: true })).toBeVisible();
  });

  test("a wrong or missing header names the columns, and an empty file says so", async ({ page, open }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    await importPage.choose("wrong.csv", csvFile([["userPrincipalName", "licenses", "remove"], [upn("DeliaD"), E3, ""]]));
    expect(await importPage.problemTable()).toEqual([
      ["1", "", "The header lacks assign, usageLocation."],
      ["1", "", "The header has columns an import doesn't know: licenses."],
    ]);
    await expect(importPage.skipWrongRows).toBeHidden();

    await importPage.choose("no-header.csv", csvFile([[upn("DeliaD"), E3, "", "DE"]]));
    expect(await importPage.problemTable()).toEqual([
      ["1", "", "The first line must be the header: userPrincipalName,assign,remove,usageLocation."],
    ]);

    await importPage.choose("empty.csv", "");
    expect(await importPage.problemTable()).toEqual([
      ["1", "", "The file is empty. It needs a header and a row per user."],
    ]);
  });

  test("seats short for the file's changes block Save and offer Buy more", async ({ page, open }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    // Power BI Pro has no seat left.
    await importPage.choose("power-bi.csv", csvFile([HEADER, [upn("DeliaD"), POWER_BI, "", ""]]));
    await expect(importPage.shortages).toContainText(
      "Not enough Power BI Pro licenses: 1 needed, 0 available. Buy 1 more, then save again.",
    );
    await expect(importPage.save).toBeDisabled();
    await page.getByTestId("seat-shortage").getByTestId("buy-more").click();
    const dialog = page.getByTestId("buy-more-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("buy-more-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(importPage.shortages).toBeHidden();
    await expect(importPage.save).toBeEnabled();
  });

  test("a refused usage location is that user's failure, and a failed save keeps the file's result on screen", async ({
    page,
    open,
    request,
  }) => {
    await open(IMPORT);
    const importPage = new ImportPage(page);
    await importPage.choose(
      "moves.csv",
      csvFile([
        HEADER,
        // Alex holds Teams Phone, which is prohibited in CN: the server refuses the move.
        [upn("AlexW"), EXCHANGE_P2, "", "CN"],
        [upn("DeliaD"), E3, "", ""],
      ]),
    );
    await expect(importPage.changeRows.nth(0)).toHaveAttribute("data-ok", "false");
    await expect(importPage.changeRows.nth(0)).toContainText(
      "Microsoft Teams Phone Standard isn't available in the user's usage location (CN).",
    );
    await expect(page.getByTestId("import-refused")).toHaveText(
      "1 user would not be updated: see the reasons below. The others are saved.",
    );

    // The first save never reaches the batch endpoint: nothing is lost, the preview stays.
    await page.route("**/api/v1/customers/*/licenseupdates", (route) => route.abort());
    await importPage.save.click();
    await expect(page.getByTestId("error-panel")).toContainText("Couldn't save");
    await expect(importPage.changeRows).toHaveCount(2);
    await page.unroute("**/api/v1/customers/*/licenseupdates");

    await importPage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 1 user. 1 user couldn't be updated.");
    await expect(updated.result("Alex Wilber")).toHaveAttribute("data-status", "failed");
    await expect(updated.errors("Alex Wilber")).toContainText("Microsoft Teams Phone Standard isn't available");
    await expect(updated.result("Delia Dennis")).toHaveAttribute("data-status", "succeeded");
    const users = await contosoUsers(request);
    expect(byName(users, "Alex Wilber").usageLocation).toBe("US");
    expect(byName(users, "Alex Wilber").assignedLicenses.map((l) => l.skuId)).not.toContain(EXCHANGE_P2_SKU);
  });
});
