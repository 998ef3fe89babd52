import { test, expect, restPointer, expectScreenshot, type APIRequestContext } from "../fixtures";
import { manageLicensesFor, regionAround } from "../pages/manage-licenses";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { BATCH_REQUESTS, CONTOSO, CONTOSO_USERS, E3, EMS, EMS_SKU, EXCHANGE_P1, EXCHANGE_P2 } from "../seed";

/** Bianca Pisani: Exchange Online (Plan 1) only (FIXTURE.md). */
const BIANCA = "bf62686f-e41b-56be-9fc3-8430c6a8a5d6";

const WORDS = {
  "en-US": {
    replaceLine: "Replace Office 365 E3 with Exchange Online (Plan 2) for 3 users",
    skipped: "1 selected user doesn't have Office 365 E3 and is skipped:",
    lostByE3:
      "2 users losing Office 365 E3 lose: SharePoint Online (Plan 2), Microsoft Teams, Office for the web, Microsoft 365 Apps for enterprise, Microsoft Forms (Plan E3), Microsoft Planner, Sway",
    prerequisite:
      "Office 365 E3 can't be removed while Microsoft 365 E5 Compliance depends on it. Remove Microsoft 365 E5 Compliance too.",
    swapped: "Office 365 E3 → Exchange Online (Plan 2)",
    lostByP1: "2 users losing Exchange Online (Plan 1) lose: Exchange Online (Plan 1)",
    mailbox:
      "2 users will lose their last Exchange Online mailbox plan. A mailbox is kept for only 30 days after its license goes, then deleted with its mail.",
    unlicensed: "1 user will have no license at all and lose every service.",
    updatedTwo: "Licenses updated for 2 users.",
    undoSummary: "Licenses updated for 1 user. 1 user couldn't be updated.",
    changed:
      "Someone else changed this user's licenses after the save, so they were left as they are and not undone. Check the user's licenses, then change them again if needed.",
  },
  "zh-TW": {
    replaceLine: "為 3 位使用者將 Office 365 E3 取代為 Exchange Online (Plan 2)",
    skipped: "1 位選取的使用者沒有 Office 365 E3，已略過：",
    lostByE3:
      "失去 Office 365 E3 的 2 位使用者會失去：SharePoint Online (Plan 2), Microsoft Teams, Office for the web, Microsoft 365 Apps for enterprise, Microsoft Forms (Plan E3), Microsoft Planner, Sway",
    prerequisite:
      "Microsoft 365 E5 Compliance 仰賴 Office 365 E3，因此無法移除 Office 365 E3。請同時移除 Microsoft 365 E5 Compliance。",
    swapped: "Office 365 E3 → Exchange Online (Plan 2)",
    lostByP1: "失去 Exchange Online (Plan 1) 的 2 位使用者會失去：Exchange Online (Plan 1)",
    mailbox:
      "2 位使用者將失去最後一個 Exchange Online 信箱方案。授權移除後，信箱僅保留 30 天，之後連同郵件一併刪除。",
    unlicensed: "1 位使用者將完全沒有授權，並失去所有服務。",
    updatedTwo: null,
    undoSummary: null,
    changed: "儲存之後已有其他人變更此使用者的授權，因此保留現狀、未復原。請檢查此使用者的授權，視需要再變更一次。",
  },
} as const;

/** The headers of the admin agent, to change a user behind the app's back. */
async function admin(request: APIRequestContext): Promise<{ authorization: string }> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  expect(session.ok()).toBeTruthy();
  return { authorization: `Bearer ${(await session.json()).token}` };
}

for (const lang of ["en-US", "zh-TW"] as const) {
  const words = WORDS[lang];

  test.describe(`Replace, impact and undo in ${lang}`, () => {
    test("replacing a product swaps it for its holders in one update each, skips the others and previews every refusal", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      // Adele holds E5 Compliance, which needs E3; Delia holds nothing.
      const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber", "Delia Dennis", "Megan Bowen"]);
      await page.getByTestId("replace-from").selectOption({ label: E3 });
      await page.getByTestId("replace-to").selectOption({ label: EXCHANGE_P2 });

      await expect(manage.summaryLines).toHaveText([words.replaceLine]);
      await expect(page.getByTestId("replace-skipped")).toContainText(words.skipped);
      await expect(page.getByTestId("replace-skipped-names")).toHaveText("Delia Dennis");
      await expect(manage.problems).toHaveCount(1);
      await expect(manage.problems).toContainText("Adele Vance");
      await expect(manage.problems).toContainText(words.prerequisite);
      await expect(page.getByTestId("impact-line")).toHaveText([words.lostByE3]);
      // Seats net out: Alex's and Megan's E3 come back, two Plan 2 seats are taken.
      await expect(manage.availableAfter(E3)).toContainText("13");
      await expect(manage.availableAfter(EXCHANGE_P2)).toContainText("1");

      await expectAccessible();
      await restPointer(page);
      const region = await regionAround(page.getByTestId("replace-section"), manage.summary);
      await expectScreenshot(page, `replace-preview-${lang}.png`, { fullPage: true, clip: region });

      const sent: unknown[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && /licenseupdates$/.test(r.url())) sent.push(...r.postDataJSON().updates);
      });
      await manage.save.click();
      const updated = new LicensesUpdatedPage(page);
      await expect(updated.results).toHaveCount(3);
      // One update per holder: Plan 2 in, E3 out, nothing else touched.
      for (const update of sent as { licensesToAssign: { skuId: string }[]; licensesToRemove: string[] }[]) {
        expect(update.licensesToAssign).toHaveLength(1);
        expect(update.licensesToRemove).toHaveLength(1);
      }
      await expect(updated.result("Alex Wilber").getByTestId("result-replaced")).toHaveText(words.swapped);
      await expect(updated.result("Megan Bowen").getByTestId("result-replaced")).toHaveText(words.swapped);
      expect(await updated.status("Adele Vance")).toBe("failed");
      await expect(updated.result("Delia Dennis")).toHaveCount(0);
      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `replace-results-${lang}.png`, { fullPage: true });
    });

    test("a save that takes users' last mailbox or every license asks first, saying how many and why", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      // Bianca holds only Exchange Plan 1; Brian also EMS E3.
      const manage = await manageLicensesFor(page, ["Bianca Pisani", "Brian Johnson"]);
      await manage.setBox(EXCHANGE_P1, "clear");
      await expect(page.getByTestId("impact-line")).toHaveText([words.lostByP1]);

      let saves = 0;
      await page.route(BATCH_REQUESTS, (route) => {
        saves++;
        return route.continue();
      });
      await manage.save.click();
      const dialog = page.getByTestId("confirm-loss-dialog");
      await expect(dialog).toBeVisible();
      await expect(page.getByTestId("confirm-mailbox")).toHaveText(words.mailbox);
      await expect(page.getByTestId("confirm-unlicensed")).toHaveText(words.unlicensed);
      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `confirm-loss-${lang}.png`);

      await page.getByTestId("confirm-cancel").click();
      await expect(dialog).toBeHidden();
      expect(saves, "Go back sends nothing").toBe(0);

      await manage.save.click();
      await page.getByTestId("confirm-save").click();
      const updated = new LicensesUpdatedPage(page);
      await expect(updated.results).toHaveCount(2);
      expect(saves).toBe(1);
    });

    test("Undo sends the updated users back, after a reload too, and reports the one someone changed in between", async ({
      page,
      open,
      request,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Bianca Pisani", "Brian Johnson"]);
      await page.getByTestId("replace-from").selectOption({ label: EXCHANGE_P1 });
      await page.getByTestId("replace-to").selectOption({ label: EXCHANGE_P2 });
      await manage.save.click();
      const updated = new LicensesUpdatedPage(page);
      await expect(updated.results).toHaveCount(2);
      if (words.updatedTwo) await expect(updated.summary).toHaveText(words.updatedTwo);

      // Someone else gives Bianca EMS E3 meanwhile.
      const other = await request.post(`/api/v1/customers/${CONTOSO}/licenseupdates`, {
        headers: await admin(request),
        data: { updates: [{ userId: BIANCA, licensesToAssign: [{ skuId: EMS_SKU }] }] },
      });
      expect((await other.json()).results[0].status).toBe("succeeded");

      // What Undo needs was kept with the results: a reload can still undo.
      await page.reload();
      await expect(updated.results).toHaveCount(2);
      const keys: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && /licenseupdates$/.test(r.url())) keys.push(r.headers()["idempotency-key"]);
      });
      await page.getByTestId("undo").click();
      await expect(page.getByTestId("undo-note")).toBeVisible();
      if (words.undoSummary) await expect(updated.summary).toHaveText(words.undoSummary);
      expect(await updated.status("Brian Johnson")).toBe("succeeded");
      await expect(updated.licenses("Brian Johnson")).toContainText(EXCHANGE_P1);
      expect(await updated.status("Bianca Pisani")).toBe("failed");
      await expect(updated.errors("Bianca Pisani")).toContainText(words.changed);
      // She is shown as she is now, and not offered a retry that would be refused again.
      await expect(updated.licenses("Bianca Pisani")).toContainText(EMS);
      await expect(updated.retryFailed).toHaveCount(0);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toBeTruthy();
      await expect(page.getByTestId("undo")).toHaveCount(0);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `undo-results-${lang}.png`, { fullPage: true });
    });
  });
}
