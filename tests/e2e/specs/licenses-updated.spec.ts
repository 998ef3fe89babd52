import { test, expect, restPointer, type Page, expectScreenshot } from "../fixtures";
import type { APIRequestContext } from "@playwright/test";
import { ManageLicensesPage, manageLicensesFor, regionAround } from "../pages/manage-licenses";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { UsersPage } from "../pages/users";
import { CONTOSO, CONTOSO_USERS, EMILY_BRAUN, DELIA_DENNIS, EXCHANGE_P2_SKU, E3_SKU, SWAY_PLAN, E3, EXCHANGE_P2, TEAMS_PHONE, AUDIO, VISIO } from "../seed";

/** What the confirmation says, in each language. */
const WORDS = {
  "en-US": {
    title: "Licenses updated",
    twoOfSix: "Licenses updated for 2 users. 4 users couldn't be updated.",
    retryFour: "Retry 4 failed users",
    added: (p: string) => `+ ${p}`,
    removed: (p: string) => `− ${p}`,
    exclusive:
      "Exchange Online (Plan 2) can't be held together with Exchange Online (Plan 1). Remove Exchange Online (Plan 1) first.",
    noLocation: (p: string) => `The user has no usage location, so ${p} can't be assigned. Set a usage location first.`,
    prohibited:
      "Microsoft Teams Phone Standard isn't available in the user's usage location (CN). Change the usage location or pick another product.",
    seats: "Not enough Exchange Online (Plan 2) licenses: 1 needed, 0 available. Buy 1 more, then save again.",
    prerequisiteInUse:
      "Office 365 E3 can't be removed while Microsoft 365 E5 Compliance depends on it. Remove Microsoft 365 E5 Compliance too.",
    missingPrerequisite:
      "Microsoft 365 Audio Conferencing needs Office 365 E3, which this user doesn't have. Assign Office 365 E3 first, or in the same save.",
    suspended: "The subscription for Visio Plan 2 is suspended, so it can't be assigned. Reactivate the subscription first.",
    oneOfTwo: "Licenses updated for 1 user. 1 user couldn't be updated.",
  },
  "zh-TW": {
    title: "授權已更新",
    twoOfSix: "已更新 2 位使用者的授權。 4 位使用者無法更新。",
    retryFour: "重試 4 位失敗的使用者",
    added: (p: string) => `+ ${p}`,
    removed: (p: string) => `− ${p}`,
    exclusive: "Exchange Online (Plan 2) 無法與 Exchange Online (Plan 1) 同時擁有。請先移除 Exchange Online (Plan 1)。",
    noLocation: (p: string) => `使用者沒有使用位置，因此無法指派 ${p}。請先設定使用位置。`,
    prohibited: "Microsoft Teams Phone Standard 在使用者的使用位置 (CN) 無法使用。請變更使用位置或選擇其他產品。",
    seats: "Exchange Online (Plan 2) 授權不足：需要 1 個，可用 0 個。請再購買 1 個，然後再次儲存。",
    prerequisiteInUse:
      "Microsoft 365 E5 Compliance 仰賴 Office 365 E3，因此無法移除 Office 365 E3。請同時移除 Microsoft 365 E5 Compliance。",
    missingPrerequisite:
      "Microsoft 365 Audio Conferencing 需要 Office 365 E3，但此使用者沒有。請先指派 Office 365 E3，或在同一次儲存中指派。",
    suspended: "Visio Plan 2 的訂用帳戶已暫停，因此無法指派。請先重新啟用訂用帳戶。",
    oneOfTwo: "已更新 1 位使用者的授權。 1 位使用者無法更新。",
  },
} as const;

/** Another partner, in another window, gives a user a license through the API. */
async function assignedElsewhere(request: APIRequestContext, userId: string, skuId: string): Promise<void> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  const { token } = await session.json();
  const update = await request.post(`/api/v1/customers/${CONTOSO}/users/${userId}/licenseupdates`, {
    headers: { authorization: `Bearer ${token}` },
    data: { licensesToAssign: [{ skuId }], licensesToRemove: [] },
  });
  expect(update.status(), "the other partner's assignment is applied").toBe(201);
}

/** Selects Save and waits for the Licenses updated page. */
async function saveAndConfirm(page: Page, manage: ManageLicensesPage): Promise<LicensesUpdatedPage> {
  await expect(manage.save).toBeEnabled();
  await manage.save.click();
  const updated = new LicensesUpdatedPage(page);
  await expect(updated.results.first()).toBeVisible();
  return updated;
}

for (const lang of ["en-US", "zh-TW"] as const) {
  const words = WORDS[lang];

  test.describe(`Licenses updated in ${lang}`, () => {
    test("a save lists the users who were updated and, in plain words, why each other user wasn't", async ({
      page,
      open,
      request,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, [
        "Bianca Pisani",
        "Delia Dennis",
        "Irvin Sayers",
        "Lee Gu",
        "Lidia Holloway",
        "Mallory Cortez",
      ]);
      await manage.setBox(TEAMS_PHONE, "checked");
      await manage.setBox(EXCHANGE_P2, "checked");
      // Three seats of Exchange Online (Plan 2) were left for the three users who can take one;
      // another partner takes one of them before Save.
      await expect(manage.availableAfter(EXCHANGE_P2)).toContainText("0");
      await assignedElsewhere(request, EMILY_BRAUN, EXCHANGE_P2_SKU);
      const updated = await saveAndConfirm(page, manage);

      await expect(updated.title).toHaveText(words.title);
      await expect(updated.summary).toHaveText(words.twoOfSix);
      await expect.poll(() => updated.names()).toEqual([
        "Bianca Pisani",
        "Delia Dennis",
        "Irvin Sayers",
        "Lee Gu",
        "Lidia Holloway",
        "Mallory Cortez",
      ]);
      for (const name of ["Delia Dennis", "Lidia Holloway"]) {
        await expect(updated.result(name)).toHaveAttribute("data-status", "succeeded");
        await expect(updated.changes(name).getByRole("listitem")).toHaveText([
          words.added(EXCHANGE_P2),
          words.added(TEAMS_PHONE),
        ]);
        await expect(updated.errors(name)).toHaveCount(0);
      }

      await expect(updated.result("Bianca Pisani")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Bianca Pisani")).toHaveText([words.exclusive]);
      await expect(updated.errors("Bianca Pisani")).toHaveAttribute("data-kind", "MutuallyExclusiveViolation");

      await expect(updated.result("Lee Gu")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Lee Gu")).toHaveText([words.prohibited]);
      await expect(updated.errors("Lee Gu")).toHaveAttribute("data-kind", "ProhibitedInUsageLocationViolation");

      await expect(updated.result("Irvin Sayers")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Irvin Sayers")).toHaveText([
        new RegExp(`^${escape(words.noLocation(EXCHANGE_P2))}`),
        words.noLocation(TEAMS_PHONE),
      ]);
      await expect(updated.usageLocationInput("Irvin Sayers")).toHaveCount(1);

      await expect(updated.result("Mallory Cortez")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Mallory Cortez")).toHaveAttribute("data-kind", "CountViolation");
      await expect(updated.errors("Mallory Cortez")).toContainText(words.seats);
      await expect(updated.buyMore("Mallory Cortez")).toBeVisible();
      // A failed user's line shows the licenses they still hold, unchanged.
      await expect(updated.licenses("Bianca Pisani")).toContainText("Exchange Online (Plan 1)");
      await expect(updated.changes("Bianca Pisani")).toHaveCount(0);

      await expect(updated.retryFailed).toHaveText(words.retryFour);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `results-with-errors-${lang}.png`, { fullPage: true });
    });

    test("revoking a product removes it from the users who can lose it, and says who can't and why", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Adele Vance", "Megan Bowen"]);
      await manage.setBox(E3, "clear");
      // Megan keeps EMS E3 but loses her only mailbox (E3's Exchange plan): Save asks first.
      await manage.save.click();
      await expect(page.getByTestId("confirm-mailbox")).toBeVisible();
      await page.getByTestId("confirm-save").click();
      const updated = new LicensesUpdatedPage(page);
      await expect(updated.results.first()).toBeVisible();

      await expect(updated.summary).toHaveText(words.oneOfTwo);
      await expect(updated.result("Megan Bowen")).toHaveAttribute("data-status", "succeeded");
      await expect(updated.changes("Megan Bowen").getByRole("listitem")).toHaveText([words.removed(E3)]);
      await expect(updated.licenses("Megan Bowen")).not.toContainText(E3);
      await expect(updated.result("Adele Vance")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Adele Vance")).toHaveText([words.prerequisiteInUse]);
      await expect(updated.errors("Adele Vance")).toHaveAttribute("data-kind", "DependencyViolation");
      await expect(updated.licenses("Adele Vance")).toContainText(E3);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `results-revoke-${lang}.png`, { fullPage: true });
    });

    test("a product that needs one the user lacks is refused, saying what to assign first", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Delia Dennis", "Megan Bowen"]);
      await manage.setBox(AUDIO, "checked");
      const updated = await saveAndConfirm(page, manage);

      await expect(updated.summary).toHaveText(words.oneOfTwo);
      await expect(updated.result("Megan Bowen")).toHaveAttribute("data-status", "succeeded");
      await expect(updated.changes("Megan Bowen").getByRole("listitem")).toHaveText([words.added(AUDIO)]);
      await expect(updated.errors("Delia Dennis")).toHaveText([words.missingPrerequisite]);
      await expect(updated.errors("Delia Dennis")).toHaveAttribute("data-kind", "DependencyViolation");

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `results-missing-prerequisite-${lang}.png`, {
        fullPage: true,
        clip: await regionAround(updated.resultList),
      });
    });

    test("a product whose subscription is suspended can't be assigned, and the result says so", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Delia Dennis", "Johanna Lorenz"]);
      await expect(manage.row(VISIO)).toHaveAttribute("data-state", "mixed");
      await manage.setBox(VISIO, "checked");
      const updated = await saveAndConfirm(page, manage);

      // Johanna Lorenz already holds it: nothing was sent for her.
      await expect.poll(() => updated.names()).toEqual(["Delia Dennis"]);
      await expect(updated.result("Delia Dennis")).toHaveAttribute("data-status", "failed");
      await expect(updated.errors("Delia Dennis")).toHaveText([words.suspended]);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `result-suspended-${lang}.png`, {
        fullPage: true,
        clip: await regionAround(updated.result("Delia Dennis")),
      });
    });
  });
}

test.describe("Licenses updated behaviour", () => {
  test.beforeEach(async ({ open }) => {
    await open(CONTOSO_USERS);
  });

  test("service plans cleared before saving are left out, and show cleared when the licenses are managed again", async ({
    page,
    request,
  }) => {
    const manage = await manageLicensesFor(page, ["Delia Dennis", "Lidia Holloway"]);
    await manage.setBox(E3, "checked");
    await manage.viewServicePlans(E3).click();
    await (await manage.planBox(E3, "Sway")).uncheck();
    const updated = await saveAndConfirm(page, manage);
    await expect(updated.result("Delia Dennis")).toHaveAttribute("data-status", "succeeded");
    await expect(updated.result("Lidia Holloway")).toHaveAttribute("data-status", "succeeded");

    // What Partner Center now holds for Delia Dennis: Office 365 E3 without Sway.
    const session = await (await request.post("/api/v1/session", { data: { role: "AdminAgent" } })).json();
    const licenses = await request.get(`/api/v1/customers/${CONTOSO}/users/${DELIA_DENNIS}/licenses`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const e3 = (await licenses.json()).items.find((l: { productSku: { id: string } }) => l.productSku.id === E3_SKU);
    const plans: string[] = e3.servicePlans.map((p: { id: string }) => p.id);
    expect(plans).toHaveLength(7);
    expect(plans).not.toContain(SWAY_PLAN);

    await updated.backToUsers.click();
    await new UsersPage(page).manageLicensesLink.click();
    const again = new ManageLicensesPage(page);
    await again.loaded();
    await expect(again.row(E3)).toHaveAttribute("data-state", "checked");
    await again.viewServicePlans(E3).click();
    await expect(await again.planBox(E3, "Sway")).not.toBeChecked();
    await expect(await again.planBox(E3, "Microsoft Teams")).toBeChecked();
  });

  test("setting a usage location on the result, then Retry failed users, assigns the licenses", async ({
    page,
    expectAccessible,
  }) => {
    const manage = await manageLicensesFor(page, ["Irvin Sayers", "Lidia Holloway"]);
    await manage.setBox(TEAMS_PHONE, "checked");
    const updated = await saveAndConfirm(page, manage);
    await expect(updated.result("Irvin Sayers")).toHaveAttribute("data-status", "failed");
    await expect(updated.retryFailed).toHaveText("Retry 1 failed user");

    await updated.usageLocationInput("Irvin Sayers").fill("us");
    await updated.usageLocationSave("Irvin Sayers").click();
    await expect(updated.result("Irvin Sayers").getByRole("status")).toHaveText(
      "Usage location set to US. Retry the failed users to assign the licenses.",
    );
    await expectAccessible();

    await updated.retryFailed.click();
    await expect(updated.result("Irvin Sayers")).toHaveAttribute("data-status", "succeeded");
    await expect(updated.changes("Irvin Sayers").getByRole("listitem")).toHaveText([`+ ${TEAMS_PHONE}`]);
    await expect(updated.summary).toHaveText("Licenses updated for 2 users.");
    await expect(updated.retryFailed).toHaveCount(0);
    await expect(updated.result("Lidia Holloway")).toHaveAttribute("data-status", "succeeded");
  });

  test("Buy more beside a seat error, then Retry failed users, gives that user the license", async ({
    page,
    request,
    expectAccessible,
  }) => {
    const manage = await manageLicensesFor(page, ["Delia Dennis", "Lidia Holloway", "Mallory Cortez"]);
    await manage.setBox(EXCHANGE_P2, "checked");
    await assignedElsewhere(request, EMILY_BRAUN, EXCHANGE_P2_SKU);
    const updated = await saveAndConfirm(page, manage);
    await expect(updated.result("Mallory Cortez")).toHaveAttribute("data-status", "failed");

    await updated.buyMore("Mallory Cortez").click();
    await expect(updated.buyMoreDialog).toBeVisible();
    await expect(updated.buyMoreAmount).toHaveValue("1");
    await expectAccessible();
    await updated.buyMoreConfirm.click();
    await expect(updated.buyMoreDialog).toBeHidden();

    await updated.retryFailed.click();
    await expect(updated.result("Mallory Cortez")).toHaveAttribute("data-status", "succeeded");
    await expect(updated.changes("Mallory Cortez").getByRole("listitem")).toHaveText([`+ ${EXCHANGE_P2}`]);
    await expect(updated.summary).toHaveText("Licenses updated for 3 users.");
  });

  test("Back to Users and licenses keeps the same users selected, with their new licenses", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Delia Dennis", "Lidia Holloway"]);
    await manage.setBox(E3, "checked");
    const updated = await saveAndConfirm(page, manage);
    await updated.backToUsers.click();

    const users = new UsersPage(page);
    await expect(users.root).toBeVisible();
    await expect(users.selectedCount).toHaveText("2 selected");
    await expect(users.userBox("Delia Dennis")).toBeChecked();
    await expect(users.userBox("Lidia Holloway")).toBeChecked();
    await expect(users.userBox("Adele Vance")).not.toBeChecked();
    await expect(users.rows.filter({ hasText: "Delia Dennis" }).getByTestId("user-licenses")).toHaveText(E3);
  });
});

/** A string as a literal inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
