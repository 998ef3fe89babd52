import { test, expect, restPointer, type Page, expectScreenshot } from "../fixtures";
import { manageLicensesFor, regionAround } from "../pages/manage-licenses";
import { UsersPage } from "../pages/users";
import { CONTOSO_USERS, E3, E5_COMPLIANCE, EMS, TEAMS_PHONE, POWER_BI, EXCHANGE_P1, PROJECT } from "../seed";

/** What the page says, in each language. */
const WORDS = {
  "en-US": {
    title: "Manage licenses",
    keep: "Each user keeps what they have",
    holdersTitle: "Selected users who have this license",
    buyTitle: "Buy more Power BI Pro",
    servicePlans: "Service plans",
    buyTwoMore: "Buy 2 more",
    shortage: "Not enough Power BI Pro licenses: 2 needed, 0 available. Buy 2 more, then save again.",
    blocked: "Save is unavailable: some products don't have enough licenses. Buy more or change your choices.",
    revokeLine: "Revoke Office 365 E3 from 2 users",
    prerequisiteInUse:
      "Office 365 E3 can't be removed while Microsoft 365 E5 Compliance depends on it. Remove Microsoft 365 E5 Compliance too.",
  },
  "zh-TW": {
    title: "管理授權",
    keep: "每位使用者維持現狀",
    holdersTitle: "擁有此授權的選取使用者",
    buyTitle: "購買更多 Power BI Pro",
    servicePlans: "服務方案",
    buyTwoMore: "再購買 2 個",
    shortage: "Power BI Pro 授權不足：需要 2 個，可用 0 個。請再購買 2 個，然後再次儲存。",
    blocked: "無法儲存：部分產品的授權不足。請購買更多或變更您的選擇。",
    revokeLine: "從 2 位使用者撤銷 Office 365 E3",
    prerequisiteInUse:
      "Microsoft 365 E5 Compliance 仰賴 Office 365 E3，因此無法移除 Office 365 E3。請同時移除 Microsoft 365 E5 Compliance。",
  },
} as const;

for (const lang of ["en-US", "zh-TW"] as const) {
  const words = WORDS[lang];

  test.describe(`Manage licenses in ${lang}`, () => {
    test("a product every selected user holds opens checked, one some hold opens mixed, one nobody holds opens clear", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
      await expect(manage.title).toHaveText(words.title);
      await expect(manage.chips).toHaveText(["Adele Vance", "Alex Wilber"].map((n) => new RegExp(n)));

      for (const product of [E3, EMS]) {
        await expect(manage.row(product)).toHaveAttribute("data-state", "checked");
        await expect(manage.box(product)).toHaveAttribute("aria-checked", "true");
      }
      for (const product of [POWER_BI, TEAMS_PHONE, E5_COMPLIANCE]) {
        await expect(manage.row(product)).toHaveAttribute("data-state", "mixed");
        await expect(manage.box(product)).toHaveAttribute("aria-checked", "mixed");
        await expect(manage.row(product)).toContainText(words.keep);
      }
      for (const product of [EXCHANGE_P1, PROJECT]) {
        await expect(manage.row(product)).toHaveAttribute("data-state", "clear");
        await expect(manage.box(product)).toHaveAttribute("aria-checked", "false");
      }
      await expect(manage.available(E3)).toHaveText("11");
      await expect(manage.assignedLink(POWER_BI)).toHaveText(lang === "en-US" ? "1 of 2" : "2 位中的 1 位");

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `product-states-${lang}.png`, { fullPage: true });
    });

    test("the Assigned link lists the selected users who already hold the product", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Adele Vance", "Grady Archie", "Lidia Holloway"]);
      const link = manage.assignedLink(POWER_BI);
      const popover = manage.assignedPopover(POWER_BI);
      await expect(link).toHaveAttribute("aria-expanded", "false");
      await expect(popover).toBeHidden();

      await link.click();
      await expect(link).toHaveAttribute("aria-expanded", "true");
      await expect(popover).toBeVisible();
      await expect(popover).toContainText(words.holdersTitle);
      await expect(popover.getByRole("listitem")).toHaveText(["Adele Vance", "Grady Archie"]);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `assigned-popover-${lang}.png`, {
        fullPage: true,
        clip: await regionAround(manage.row(POWER_BI), popover),
      });
    });

    test("Buy more on a product with no licenses left opens a dialog to add some", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
      await expect(manage.available(POWER_BI)).toHaveText("0");
      await expect(manage.buyMore(E3)).toHaveCount(0);

      await manage.buyMore(POWER_BI).click();
      await expect(manage.buyMoreDialog).toBeVisible();
      await expect(manage.buyMoreDialog.getByRole("heading")).toHaveText(words.buyTitle);
      await expect(manage.buyMoreAmount).toHaveValue("1");
      await expect(manage.buyMoreAmount).toBeFocused();

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(manage.buyMoreDialog, `buy-more-dialog-${lang}.png`);

      await manage.buyMoreCancel.click();
      await expect(manage.buyMoreDialog).toBeHidden();
      await expect(manage.available(POWER_BI)).toHaveText("0");
    });

    test("View service plans shows the product's plans, each with its box", async ({ page, open, expectAccessible }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Christie Cline", "Delia Dennis"]);
      const toggle = manage.viewServicePlans(E3);
      const plans = await manage.servicePlans(E3);
      await expect(plans).toBeHidden();

      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      await expect(plans).toBeVisible();
      await expect(plans.locator("legend")).toHaveText(words.servicePlans);
      await expect(plans.getByRole("checkbox")).toHaveCount(8);
      // Christie Cline is the only holder and has Office 365 E3 without Sway.
      await expect(await manage.planBox(E3, "Sway")).not.toBeChecked();
      await expect(await manage.planBox(E3, "Microsoft Teams")).toBeChecked();

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `service-plans-${lang}.png`, {
        fullPage: true,
        clip: await regionAround(manage.row(E3), plans),
      });

      await toggle.click();
      await expect(plans).toBeHidden();
    });

    test("Save is unavailable while a ticked product lacks licenses, and says why", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Delia Dennis", "Lidia Holloway"]);
      await manage.setBox(POWER_BI, "checked");

      await expect(manage.availableAfter(POWER_BI)).toContainText("-2");
      await expect(manage.seatShortage).toHaveText(words.shortage);
      await expect(manage.save).toBeDisabled();
      await expect(manage.saveReason).toHaveText(words.blocked);
      await expect(manage.save).toHaveAccessibleDescription(words.blocked);
      await expect(manage.buyMore(POWER_BI)).toHaveText(words.buyTwoMore);

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `blocked-save-${lang}.png`, { fullPage: true });
    });

    test("clearing a product the users hold previews a revoke, and names who can't lose it", async ({
      page,
      open,
      expectAccessible,
    }) => {
      await open(CONTOSO_USERS, { lang });
      const manage = await manageLicensesFor(page, ["Adele Vance", "Megan Bowen"]);
      await expect(manage.row(E3)).toHaveAttribute("data-state", "checked");
      await manage.setBox(E3, "clear");

      await expect(manage.summaryLines).toHaveText([words.revokeLine]);
      await expect(manage.problems).toHaveCount(1);
      await expect(manage.problems).toContainText("Adele Vance");
      await expect(manage.problems).toContainText(words.prerequisiteInUse);
      // A rule problem doesn't block saving: Megan Bowen can still lose it.
      await expect(manage.save).toBeEnabled();

      await expectAccessible();
      await restPointer(page);
      await expectScreenshot(page, `revoke-preview-${lang}.png`, {
        fullPage: true,
        clip: await regionAround(manage.summary, manage.save),
      });
    });
  });
}

test.describe("Manage licenses behaviour", () => {
  test.beforeEach(async ({ open }) => {
    await open(CONTOSO_USERS);
  });

  test("a product some selected users hold cycles mixed, checked, clear and back to mixed on each click", async ({
    page,
  }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    const box = manage.box(POWER_BI);
    const seen: (string | null)[] = [await box.getAttribute("aria-checked")];
    for (let i = 0; i < 3; i++) {
      await box.click();
      seen.push(await box.getAttribute("aria-checked"));
    }
    expect(seen).toEqual(["mixed", "true", "false", "mixed"]);
    await expect(manage.row(POWER_BI)).toHaveAttribute("data-state", "mixed");
  });

  test("Space on a focused product box moves it through the same cycle", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    const box = manage.box(TEAMS_PHONE);
    await box.focus();
    await expect(box).toHaveAttribute("aria-checked", "mixed");
    await page.keyboard.press("Space");
    await expect(box).toHaveAttribute("aria-checked", "true");
    await expect(manage.row(TEAMS_PHONE)).toHaveAttribute("data-state", "checked");
    await page.keyboard.press("Space");
    await expect(box).toHaveAttribute("aria-checked", "false");
    await page.keyboard.press("Space");
    await expect(box).toHaveAttribute("aria-checked", "mixed");
    await expect(box).toBeFocused();
  });

  test("a box that opened checked or clear just toggles, with no mixed step", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    const held = manage.box(E3);
    await expect(held).toHaveAttribute("aria-checked", "true");
    await held.click();
    await expect(held).toHaveAttribute("aria-checked", "false");
    await held.click();
    await expect(held).toHaveAttribute("aria-checked", "true");

    const nobody = manage.box(PROJECT);
    await expect(nobody).toHaveAttribute("aria-checked", "false");
    await nobody.click();
    await expect(nobody).toHaveAttribute("aria-checked", "true");
    await nobody.click();
    await expect(nobody).toHaveAttribute("aria-checked", "false");
  });

  test("the selected users' chips come in sorted order, whatever order they were ticked in", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Lee Gu", "Delia Dennis", "Adele Vance"]);
    await expect.poll(() => manage.chipNames()).toEqual(["Adele Vance", "Delia Dennis", "Lee Gu"]);
  });

  test("a chip's × drops that user from the choices", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    await expect(manage.row(POWER_BI)).toHaveAttribute("data-state", "mixed");
    await manage.chipRemove("Alex Wilber").click();
    await expect(manage.chips).toHaveCount(1);
    await expect(manage.assignedLink(POWER_BI)).toHaveText("1 of 1");
    await manage.setBox(TEAMS_PHONE, "checked");
    await expect(manage.summaryLines).toHaveText([`Assign ${TEAMS_PHONE} to 1 user`]);
  });

  test("dropping the last chip leaves nothing to manage and offers the way back", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance"]);
    await manage.chipRemove("Adele Vance").click();
    await expect(page.getByTestId("no-selection")).toBeVisible();
    await expect(page.getByTestId("products-table")).toBeHidden();
    await page.getByRole("link", { name: "Back to Users and licenses" }).click();
    await expect(page.getByTestId("selected-count")).toHaveText("0 selected");
  });

  test("Escape closes the Assigned list and puts focus back on its link, even after a click inside the list", async ({
    page,
  }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    const link = manage.assignedLink(E3);
    await link.click();
    await expect(manage.assignedPopover(E3)).toBeVisible();
    await manage.assignedPopover(E3).getByRole("listitem").first().click();
    await expect(manage.assignedPopover(E3)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(manage.assignedPopover(E3)).toBeHidden();
    await expect(link).toHaveAttribute("aria-expanded", "false");
    await expect(link).toBeFocused();
  });

  test("a click outside closes the Assigned list", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    await manage.assignedLink(E3).click();
    await expect(manage.assignedPopover(E3)).toBeVisible();
    await manage.assignedPopover(E3).click();
    await expect(manage.assignedPopover(E3)).toBeVisible();
    await manage.title.click();
    await expect(manage.assignedPopover(E3)).toBeHidden();
    await expect(manage.assignedLink(E3)).toHaveAttribute("aria-expanded", "false");
  });

  test("buying more licenses raises the available count and keeps every choice already made", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Delia Dennis", "Lidia Holloway"]);
    await manage.setBox(E3, "checked");
    await manage.setBox(POWER_BI, "checked");
    await manage.viewServicePlans(E3).click();
    await (await manage.planBox(E3, "Sway")).uncheck();
    await expect(manage.save).toBeDisabled();

    await manage.buyMore(POWER_BI).click();
    await expect(manage.buyMoreAmount).toHaveValue("2");
    await manage.buyMoreConfirm.click();
    await expect(manage.buyMoreDialog).toBeHidden();

    // "2", then "→ 0 after saving": two seats now, none left once saved.
    await expect(manage.available(POWER_BI)).toHaveText(/^2(?!\d)/);
    await expect(manage.availableAfter(POWER_BI)).toHaveText("→ 0 after saving");
    await expect(manage.row(E3)).toHaveAttribute("data-state", "checked");
    await expect(manage.row(POWER_BI)).toHaveAttribute("data-state", "checked");
    await expect(await manage.planBox(E3, "Sway")).not.toBeChecked();
    await expect(manage.seatShortage).toHaveCount(0);
    await expect(manage.buyMore(POWER_BI)).toHaveCount(0);
    await expect(manage.save).toBeEnabled();
    await expect(manage.saveReason).toHaveText("");
  });

  test("Save stays unavailable until something changes", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    await expect(manage.save).toBeDisabled();
    await expect(manage.saveReason).toHaveText("Nothing to save yet.");
    await manage.setBox(PROJECT, "checked");
    await expect(manage.save).toBeEnabled();
  });

  test("Cancel goes back to Users and licenses with the same users still selected", async ({ page }) => {
    const manage = await manageLicensesFor(page, ["Adele Vance", "Alex Wilber"]);
    await manage.cancel.click();
    const users = new UsersPage(page);
    await expect(users.root).toBeVisible();
    await expect(users.selectedCount).toHaveText("2 selected");
    await expect(users.userBox("Adele Vance")).toBeChecked();
  });
});
