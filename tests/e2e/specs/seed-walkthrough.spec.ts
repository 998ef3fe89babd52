// The seed document, "Assign or revoke licenses to multiple users" (指派或撤銷多個使用者的授權),
// followed step by step in en-US and in zh-TW. Each test.step is named after the document's
// step; each ends with the screen checked against a baseline and by axe. Controls are found by
// their role and accessible name: in zh-TW those names are the document's own terms.
import { test, expect, restPointer, type Page, expectScreenshot } from "../fixtures";
import { regionAround } from "../pages/manage-licenses";
import { E3, EMS, POWER_BI } from "../seed";

type Lang = "en-US" | "zh-TW";

/** The document's terms, as the screens name their controls. */
const TERMS = {
  "en-US": {
    partnerCenterMenu: "Partner Center menu",
    customers: "Customers",
    usersAndLicenses: "Users and licenses",
    selectUser: (name: string) => `Select ${name}`,
    selectPage: "Select all users on this page",
    next: "Next",
    last: "Last",
    selectedUsers: "Selected users",
    manageLicenses: "Manage licenses",
    assignAndRevoke: "Assign and revoke licenses",
    product: "Product",
    availableLicenses: "Available licenses",
    assigned: "Assigned",
    buyMore: "Buy more",
    viewServicePlans: "View service plans",
    servicePlans: "Service plans",
    save: "Save",
    saveAnyway: "Save anyway",
    licensesUpdated: "Licenses updated",
    assignedList: "Selected users who have this license",
  },
  "zh-TW": {
    partnerCenterMenu: "合作夥伴中心功能表",
    customers: "客戶",
    usersAndLicenses: "使用者和授權",
    selectUser: (name: string) => `選取 ${name}`,
    selectPage: "選取此頁面上的所有使用者",
    next: "下一頁",
    last: "最後一頁",
    selectedUsers: "選取的使用者",
    manageLicenses: "管理授權",
    assignAndRevoke: "指派及撤銷授權",
    product: "產品",
    availableLicenses: "可用授權",
    assigned: "已指派",
    buyMore: "購買更多",
    viewServicePlans: "查看服務方案",
    servicePlans: "服務方案",
    save: "儲存",
    saveAnyway: "仍要儲存",
    licensesUpdated: "授權已更新",
    assignedList: "擁有此授權的選取使用者",
  },
} as const;

/** The document's steps, in the language of the run. */
const STEPS = {
  "en-US": {
    assign: [
      "1. From the Partner Center menu, select Customers, then choose a customer from the list",
      "2. Select Users and licenses",
      "3. Select the check boxes for two or more users from the list; the First, Previous, Next and Last tools find and select users across pages",
      "4. Select the Selected users link: the list shows the selected users",
      "5. Select the Manage licenses link: each product with its Available licenses count, its box, the Assigned list and Buy more",
      "6. Under Assign and revoke licenses, select product licenses for the new users",
      "7. Select more than one product by selecting the check box for each product; View service plans for any product",
      "8. Select Save: the Licenses updated confirmation page lists the users and their new licenses",
    ],
    revoke: [
      "1. From the Partner Center menu, select Customers, then choose a customer from the list",
      "2. Select Users and licenses",
      "3. Select the check boxes for two or more users; find and select other users with the First, Previous, Next and Last tools, across pages",
      "4. After selecting the users, choose the Selected users link: the list shows only the selected users",
      "5. Select the Manage licenses link",
      "6. Under Assign and revoke licenses, clear the check box for the product assigned to the users",
      "7. Select Save",
    ],
  },
  "zh-TW": {
    assign: [
      "1. 從 [合作夥伴中心] 功能表中，選取 [客戶]，然後從清單中選擇客戶",
      "2. 選取 [使用者和授權]",
      "3. 從清單中選取兩個或更多使用者的核取方塊；使用 [第一頁]、[上一頁]、[下一頁] 和 [最後一頁] 在多個頁面上尋找並選取使用者",
      "4. 選取 [選取的使用者] 連結：顯示的清單會顯示選取的使用者",
      "5. 選取 [管理授權] 連結：每項產品的 [可用授權] 計數、核取方塊、[已指派] 清單及 [購買更多]",
      "6. 在 [指派及撤銷授權] 底下，為新使用者選取產品授權",
      "7. 透過選取每項產品的核取方塊來為使用者選取超過一項產品；選取 [查看服務方案]",
      "8. 選取 [儲存]：[授權已更新] 確認頁面列出使用者和其新的授權",
    ],
    revoke: [
      "1. 從 [合作夥伴中心] 功能表中，選取 [客戶]，然後從清單中選擇客戶",
      "2. 選取 [使用者和授權]",
      "3. 從清單中選取兩個或更多使用者的核取方塊；透過 [第一頁]、[上一頁]、[下一頁] 及 [最後一頁] 尋找及選取其他使用者，可以跨多個頁面選取",
      "4. 選取使用者之後，請選擇 [選取的使用者] 連結：顯示的清單只會顯示選取的使用者",
      "5. 選取 [管理授權] 連結",
      "6. 在 [指派及撤銷授權] 底下，清除指派給使用者之產品的核取方塊",
      "7. 選取 [儲存]",
    ],
  },
} as const;

type Clip = { x: number; y: number; width: number; height: number };
type Check = (name: string, options?: { clip?: Clip; fullPage?: boolean }) => Promise<void>;

/** Checks the screen as it stands: no axe violation, and the same as its baseline (the whole
 * page unless told otherwise, or the clipped region), with the pointer off the page so no hover
 * style shows. */
function screenCheck(page: Page, expectAccessible: () => Promise<void>): Check {
  return async (name, options = {}) => {
    // A page still loading data in the background says so (Manage licenses' users' details).
    await expect(page.locator('[data-ready="false"]')).toHaveCount(0);
    await expectAccessible();
    await restPointer(page);
    await expectScreenshot(page, name, { fullPage: true, ...options });
  };
}

/** Names in the order the browser sorts them for the page's language. */
async function sortedFor(page: Page, lang: Lang, names: string[]): Promise<string[]> {
  return page.evaluate(([list, tag]) => [...list].sort((a, b) => a.localeCompare(b, tag)), [names, lang] as const);
}

/** A product's row on Manage licenses, found from its box's accessible name. */
function productRow(page: Page, product: string) {
  return page.getByTestId("product-row").filter({ has: page.getByRole("checkbox", { name: product, exact: true }) });
}

/** Steps 1 and 2, the same in both sections of the document. */
async function openUsersAndLicenses(page: Page, lang: Lang, steps: readonly string[], check: Check) {
  const t = TERMS[lang];
  await test.step(steps[0], async () => {
    await page.getByRole("navigation", { name: t.partnerCenterMenu }).getByRole("link", { name: t.customers }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.customers })).toBeVisible();
    await expect(page.getByRole("link", { name: "Contoso", exact: true })).toBeVisible();
    // The same screen in both sections of the document: one baseline.
    await check(`1-customers-${lang}.png`);
    await page.getByRole("link", { name: "Contoso", exact: true }).click();
  });

  await test.step(steps[1], async () => {
    // Choosing the customer opens its Users and licenses.
    await expect(page.getByRole("heading", { level: 1, name: t.usersAndLicenses })).toBeVisible();
    await expect(page.getByRole("navigation", { name: lang === "en-US" ? "Breadcrumb" : "階層連結" })).toContainText("Contoso");
    await expect(page.getByRole("checkbox", { name: t.selectUser("Adele Vance") })).toBeVisible();
    await check(`2-users-and-licenses-${lang}.png`, { fullPage: false });
  });
}

for (const lang of ["en-US", "zh-TW"] as const) {
  const t = TERMS[lang];
  const steps = STEPS[lang];

  test.describe(`The seed document, in ${lang}`, () => {
    test(`${lang === "en-US" ? "Assign licenses to multiple users" : "指派授權給多個使用者"}`, async ({
      page,
      open,
      expectAccessible,
    }) => {
      const check = screenCheck(page, expectAccessible);
      await open("/", { lang });
      await openUsersAndLicenses(page, lang, steps.assign, check);

      const pageOne = ["Delia Dennis", "Lidia Holloway"];
      const lastPage = ["許雅婷", "謝宜庭", "郭俊傑", "鄭家豪", "陳怡君", "黃淑芬", "김민준"];
      await test.step(steps.assign[2], async () => {
        for (const name of pageOne) await page.getByRole("checkbox", { name: t.selectUser(name) }).check();
        await check(`assign-3a-two-users-ticked-${lang}.png`);

        await page.getByRole("button", { name: t.last, exact: true }).click();
        await expect(page.getByRole("checkbox", { name: t.selectUser("김민준") })).toBeVisible();
        const headerBox = page.getByRole("checkbox", { name: t.selectPage });
        await headerBox.check();
        for (const name of lastPage) await expect(page.getByRole("checkbox", { name: t.selectUser(name) })).toBeChecked();
        await expect(page.getByTestId("selected-count")).toContainText("9");
        await check(`assign-3b-last-page-ticked-${lang}.png`);
      });

      await test.step(steps.assign[3], async () => {
        await page.getByRole("button", { name: t.selectedUsers, exact: true }).click();
        await expect(page.getByTestId("user-name")).toHaveCount(9);
        await expect(page.getByTestId("user-name")).toHaveText([...pageOne, ...lastPage]);
        await check(`assign-4-selected-users-${lang}.png`);
      });

      await test.step(steps.assign[4], async () => {
        await page.getByRole("link", { name: t.manageLicenses, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: t.manageLicenses })).toBeVisible();
        const table = page.getByTestId("products-table");
        for (const column of [t.product, t.availableLicenses, t.assigned]) {
          await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
        }
        // Each selected user is a small box near the top, in sorted order.
        const sorted = await sortedFor(page, lang, [...pageOne, ...lastPage]);
        await expect(page.getByTestId("user-chip")).toHaveText(sorted.map((n) => new RegExp(n)));
        // Filled when all hold it, partly filled when some do, clear when none does.
        await expect(page.getByRole("checkbox", { name: E3, exact: true })).toHaveAttribute("aria-checked", "mixed");
        await expect(page.getByRole("checkbox", { name: POWER_BI, exact: true })).toHaveAttribute("aria-checked", "false");
        // A product with no available licenses shows Buy more.
        await expect(productRow(page, POWER_BI).getByTestId("available")).toHaveText("0");
        await expect(productRow(page, POWER_BI).getByRole("button", { name: t.buyMore })).toBeVisible();
        await expect(productRow(page, E3).getByRole("button", { name: t.buyMore })).toHaveCount(0);
        await check(`assign-5-manage-licenses-${lang}.png`);

        // A link in the Assigned column lists the selected users who already hold the product.
        const assigned = productRow(page, E3).getByTestId("assigned-link");
        await assigned.click();
        const list = page.getByRole("dialog", { name: t.assignedList });
        await expect(list.getByRole("listitem")).toHaveText(["陳怡君", "黃淑芬"]);
        await check(`assign-5-assigned-list-${lang}.png`, { clip: await regionAround(productRow(page, E3), list) });
        await page.keyboard.press("Escape");
        await expect(list).toBeHidden();
      });

      await test.step(steps.assign[5], async () => {
        await expect(page.getByRole("heading", { name: t.assignAndRevoke })).toBeVisible();
        const box = page.getByRole("checkbox", { name: E3, exact: true });
        await box.click();
        await expect(box).toHaveAttribute("aria-checked", "true");
        await expect(productRow(page, E3).getByTestId("available-after")).toContainText("4");
        await check(`assign-6-product-ticked-${lang}.png`, {
          clip: await regionAround(productRow(page, E3), page.getByTestId("change-summary")),
        });
      });

      await test.step(steps.assign[6], async () => {
        const box = page.getByRole("checkbox", { name: EMS, exact: true });
        await expect(box).toHaveAttribute("aria-checked", "mixed");
        await box.click();
        await expect(box).toHaveAttribute("aria-checked", "true");
        await productRow(page, EMS).getByRole("button", { name: t.viewServicePlans }).click();
        const plans = page.getByRole("group", { name: t.servicePlans }).filter({ visible: true });
        await expect(plans.getByRole("checkbox")).toHaveCount(4);
        await expect(page.getByTestId("summary-line")).toHaveCount(2);
        await check(`assign-7-two-products-and-service-plans-${lang}.png`, {
          clip: await regionAround(productRow(page, E3), page.getByTestId("save")),
        });
      });

      await test.step(steps.assign[7], async () => {
        await page.getByRole("button", { name: t.save, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: t.licensesUpdated })).toBeVisible();
        const results = page.getByTestId("result");
        // 陳怡君 and 黃淑芬 already held both products: nothing to send for them.
        await expect(results).toHaveCount(7);
        await expect(page.getByTestId("result").and(page.locator("[data-status=succeeded]"))).toHaveCount(7);
        const delia = results.filter({ hasText: "Delia Dennis" });
        await expect(delia.getByTestId("result-changes").getByRole("listitem")).toHaveText([`+ ${EMS}`, `+ ${E3}`]);
        const kim = results.filter({ hasText: "김민준" });
        await expect(kim.getByTestId("result-licenses")).toContainText(E3);
        await check(`assign-8-licenses-updated-${lang}.png`);
      });
    });

    test(`${lang === "en-US" ? "Revoke users' license assignments" : "撤銷使用者的授權指派"}`, async ({
      page,
      open,
      expectAccessible,
    }) => {
      const check = screenCheck(page, expectAccessible);
      await open("/", { lang });
      await openUsersAndLicenses(page, lang, steps.revoke, check);

      // Every one of them holds Office 365 E3, and nothing they hold depends on it.
      const chosen = ["Alex Wilber", "Megan Bowen", "Pradeep Gupta"];
      await test.step(steps.revoke[2], async () => {
        await page.getByRole("checkbox", { name: t.selectUser("Alex Wilber") }).check();
        await page.getByRole("checkbox", { name: t.selectUser("Megan Bowen") }).check();
        await page.getByRole("button", { name: t.next, exact: true }).click();
        await page.getByRole("checkbox", { name: t.selectUser("Pradeep Gupta") }).check();
        await expect(page.getByTestId("selected-count")).toContainText("3");
        await check(`revoke-3-users-ticked-across-pages-${lang}.png`);
      });

      await test.step(steps.revoke[3], async () => {
        await page.getByRole("button", { name: t.selectedUsers, exact: true }).click();
        await expect(page.getByTestId("user-name")).toHaveText(chosen);
        await check(`revoke-4-selected-users-${lang}.png`);
      });

      await test.step(steps.revoke[4], async () => {
        await page.getByRole("link", { name: t.manageLicenses, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: t.manageLicenses })).toBeVisible();
        await expect(page.getByTestId("user-chip")).toHaveText(chosen.map((n) => new RegExp(n)));
        await expect(page.getByRole("checkbox", { name: E3, exact: true })).toHaveAttribute("aria-checked", "true");
        await check(`revoke-5-manage-licenses-${lang}.png`);
      });

      await test.step(steps.revoke[5], async () => {
        const box = page.getByRole("checkbox", { name: E3, exact: true });
        await box.click();
        await expect(box).toHaveAttribute("aria-checked", "false");
        await expect(page.getByTestId("summary-line")).toHaveCount(1);
        await expect(page.getByTestId("problem")).toHaveCount(0);
        await expect(productRow(page, E3).getByTestId("available-after")).toContainText("14");
        await check(`revoke-6-product-cleared-${lang}.png`, {
          clip: await regionAround(productRow(page, E3), page.getByTestId("save")),
        });
      });

      await test.step(steps.revoke[6], async () => {
        await page.getByRole("button", { name: t.save, exact: true }).click();
        // All three lose their only mailbox with E3: the app asks before saving.
        await page.getByRole("button", { name: t.saveAnyway, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: t.licensesUpdated })).toBeVisible();
        const results = page.getByTestId("result");
        await expect(results).toHaveCount(3);
        for (const name of chosen) {
          const line = results.filter({ hasText: name });
          await expect(line).toHaveAttribute("data-status", "succeeded");
          await expect(line.getByTestId("result-changes").getByRole("listitem")).toHaveText([`− ${E3}`]);
          await expect(line.getByTestId("result-licenses")).not.toContainText(E3);
        }
        await check(`revoke-7-licenses-updated-${lang}.png`);
      });
    });
  });
}
