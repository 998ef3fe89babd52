// Issue 15, "every word in the user's language": a zh-TW reader walks every error state the app
// has (an unknown customer, a refused role, each of the twelve license errors, a request that
// never arrives, a 5xx) and reads no English sentence, though the server's own descriptions
// are English. Names from the seed (people, products, plans, domains) are English and allowed.
import type { APIRequestContext, Route } from "@playwright/test";
import { test, expect, type Page } from "../fixtures";
import { englishOnPage, namesOfTheFixture } from "../pages/english";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { ManageLicensesPage, manageLicensesFor } from "../pages/manage-licenses";
import {
  AUDIO,
  CONTOSO,
  CONTOSO_USERS,
  E3,
  E3_SKU,
  EMILY_BRAUN,
  EXCHANGE_P2,
  EXCHANGE_P2_SKU,
  TEAMS_PHONE,
  VISIO,
  BATCH_REQUESTS,
  USER_LIST_REQUESTS,
} from "../seed";

const lang = "zh-TW";
const UNKNOWN_CUSTOMER = "00000000-0000-0000-0000-000000000000";

let names: string[] = [];

test.beforeEach(async ({ request }) => {
  names = await namesOfTheFixture(request, CONTOSO);
});

/** Fails with the English the page shows, if any. */
async function expectNoEnglish(page: Page): Promise<void> {
  expect(await englishOnPage(page, names), "English on the zh-TW page").toEqual([]);
}

/** Another partner gives a user a license through the API, taking a seat. */
async function assignedElsewhere(request: APIRequestContext, userId: string, skuId: string): Promise<void> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  const update = await request.post(`/api/v1/customers/${CONTOSO}/users/${userId}/licenseupdates`, {
    headers: { authorization: `Bearer ${(await session.json()).token}` },
    data: { licensesToAssign: [{ skuId }], licensesToRemove: [] },
  });
  expect(update.status(), "the other partner's assignment is applied").toBe(201);
}

/** On Contoso's users (open), manages the named users' licenses, sets boxes and saves. */
async function save(
  page: Page,
  users: string[],
  boxes: Record<string, "checked" | "clear">,
  before?: () => Promise<void>,
  confirmLoss = false,
): Promise<LicensesUpdatedPage> {
  const manage: ManageLicensesPage = await manageLicensesFor(page, users);
  for (const [product, state] of Object.entries(boxes)) await manage.setBox(product, state);
  await before?.();
  await expect(manage.save).toBeEnabled();
  await manage.save.click();
  if (confirmLoss) await page.getByTestId("confirm-save").click();
  const updated = new LicensesUpdatedPage(page);
  await expect(updated.results.first()).toBeVisible();
  return updated;
}

test("an unknown customer is said in Chinese, not with the server's English description", async ({ page, open }) => {
  await open(`/customers/${UNKNOWN_CUSTOMER}/users`, { lang });
  const panel = page.getByTestId("error-panel").first();
  await expect(panel).toContainText("無法載入使用者");
  await expect(panel).toContainText("找不到此客戶。請回到客戶清單選擇其他客戶。");
  await expect(page.getByTestId("display-name")).toHaveText("合作夥伴使用者");
  await expectNoEnglish(page);
});

test("the same page in en-US is caught reading English, so the check can see it", async ({ page, open }) => {
  await open(`/customers/${UNKNOWN_CUSTOMER}/users`, { lang: "en-US" });
  await expect(page.getByTestId("error-panel").first()).toContainText("This customer wasn't found.");
  expect(await englishOnPage(page, names)).toContain(
    "This customer wasn't found. Go back to the customer list and choose another",
  );
});

test("a role that may not manage licenses reads why, and the server's refusal, in Chinese", async ({ page, open }) => {
  await open(CONTOSO_USERS, { lang, role: "BillingAdmin" });
  await expect(page.getByTestId("manage-refused-reason")).toContainText("帳單系統管理員無法管理授權");
  await expect(page.getByTestId("error-panel")).toContainText("您的角色不允許執行此動作");
  await expectNoEnglish(page);
});

test("a save refused for exclusivity, usage location, location and seats, then a bad usage location", async ({
  page,
  open,
  request,
}) => {
  await open(CONTOSO_USERS, { lang });
  const updated = await save(
    page,
    ["Bianca Pisani", "Delia Dennis", "Irvin Sayers", "Lee Gu", "Lidia Holloway", "Mallory Cortez"],
    { [TEAMS_PHONE]: "checked", [EXCHANGE_P2]: "checked" },
    () => assignedElsewhere(request, EMILY_BRAUN, EXCHANGE_P2_SKU),
  );
  await expect(updated.errors("Bianca Pisani")).toHaveText([
    "Exchange Online (Plan 2) 無法與 Exchange Online (Plan 1) 同時擁有。請先移除 Exchange Online (Plan 1)。",
  ]);
  await expect(updated.errors("Lee Gu")).toHaveText([
    "Microsoft Teams Phone Standard 在使用者的使用位置 (CN) 無法使用。請變更使用位置或選擇其他產品。",
  ]);
  await expect(updated.errors("Irvin Sayers").first()).toContainText("使用者沒有使用位置，因此無法指派");
  await expect(updated.errors("Mallory Cortez")).toContainText(
    "Exchange Online (Plan 2) 授權不足：需要 1 個，可用 0 個。請再購買 1 個，然後再次儲存。",
  );
  await expectNoEnglish(page);

  await updated.usageLocationInput("Irvin Sayers").fill("XX");
  await updated.usageLocationSave("Irvin Sayers").click();
  const panel = updated.result("Irvin Sayers").getByTestId("error-panel");
  await expect(panel).toContainText("無法設定使用位置");
  await expect(panel).toContainText("XX 不是國家或地區代碼。請輸入兩個字母，例如 US 或 TW，然後再試一次。");
  await expectNoEnglish(page);
});

test("a revoke refused because another product still needs it", async ({ page, open }) => {
  await open(CONTOSO_USERS, { lang });
  // Megan loses her only mailbox with E3: Save asks first, in Chinese too.
  const updated = await save(page, ["Adele Vance", "Megan Bowen"], { [E3]: "clear" }, undefined, true);
  await expect(updated.errors("Adele Vance")).toHaveText([
    "Microsoft 365 E5 Compliance 仰賴 Office 365 E3，因此無法移除 Office 365 E3。請同時移除 Microsoft 365 E5 Compliance。",
  ]);
  await expectNoEnglish(page);
});

test("an assignment refused because the user lacks the product it needs", async ({ page, open }) => {
  await open(CONTOSO_USERS, { lang });
  const updated = await save(page, ["Delia Dennis", "Megan Bowen"], { [AUDIO]: "checked" });
  await expect(updated.errors("Delia Dennis")).toHaveText([
    "Microsoft 365 Audio Conferencing 需要 Office 365 E3，但此使用者沒有。請先指派 Office 365 E3，或在同一次儲存中指派。",
  ]);
  await expectNoEnglish(page);
});

test("an assignment refused because the subscription is suspended", async ({ page, open }) => {
  await open(CONTOSO_USERS, { lang });
  const updated = await save(page, ["Delia Dennis", "Johanna Lorenz"], { [VISIO]: "checked" });
  await expect(updated.errors("Delia Dennis")).toHaveText([
    "Visio Plan 2 的訂用帳戶已暫停，因此無法指派。請先重新啟用訂用帳戶。",
  ]);
  await expectNoEnglish(page);
});

test("the errors only a malformed update or a seat change can cause, and an unknown code", async ({ page, open }) => {
  // The app never sends these updates: the answer is made up, with the English the server adds.
  await page.route(BATCH_REQUESTS, async (route: Route) => {
    const userIds: string[] = JSON.parse(route.request().postData() ?? "{}").updates.map(
      (u: { userId: string }) => u.userId,
    );
    const english = (code: number) => ({
      code,
      description: "This English description must never be shown to the reader.",
      data: ["Neither must this English sentence."],
      source: "PartnerFD",
    });
    await route.fulfill({
      json: {
        results: [
          {
            userId: userIds[0],
            status: "failed",
            error: english(60037),
            errors: [
              { type: "unknownServicePlan", skuId: E3_SKU, planId: "plan-x" },
              { type: "unknownSku", skuId: "sku-x" },
              { type: "duplicateSku", skuId: E3_SKU },
              { type: "quantityBelowConsumed", skuId: E3_SKU, requested: 13, consumed: 14 },
            ],
          },
          { userId: userIds[1], status: "failed", error: english(4242) },
        ],
      },
    });
  });
  await open(CONTOSO_USERS, { lang });
  const updated = await save(page, ["Delia Dennis", "Lidia Holloway"], { [E3]: "checked" });
  await expect(updated.errors("Delia Dennis")).toHaveText([
    "plan-x 不是 Office 365 E3 的服務方案。請重新開啟服務方案再選擇一次。",
    "客戶沒有產品 sku-x。請重新載入頁面，然後重新選擇。",
    "Office 365 E3 在同一次儲存中列出不只一次 (重複指派，或同時指派和移除)。請只選擇一種變更，然後再次儲存。",
    "已指派 14 個 Office 365 E3 授權，因此無法減少為 13 個。請先從使用者移除授權，或選擇至少 14 個。",
  ]);
  await expect(updated.errors("Lidia Holloway")).toHaveText([
    "服務拒絕了此使用者的更新 (代碼 4242)。請重試失敗的使用者；如果持續失敗，請重新載入頁面。",
  ]);
  await expectNoEnglish(page);
});

test("a request that never reaches the service", async ({ page, open }) => {
  await page.route(USER_LIST_REQUESTS, (route) => route.abort("failed"));
  await open(CONTOSO_USERS, { lang });
  await expect(page.getByTestId("error-panel")).toContainText("無法連線到合作夥伴中心服務。請檢查您的連線，然後重試。");
  await expectNoEnglish(page);
});

test("a 500 without an explanation, then a 503 with an unknown code and an English one", async ({ page, open }) => {
  await page.route(USER_LIST_REQUESTS, (route) =>
    route.fulfill({ status: 500, contentType: "text/plain", body: "Internal Server Error" }),
  );
  await open(CONTOSO_USERS, { lang });
  const panel = page.getByTestId("error-panel");
  await expect(panel).toContainText("服務發生問題 (HTTP 500)。請稍後重試。");
  await expectNoEnglish(page);

  await page.unroute(USER_LIST_REQUESTS);
  await page.route(USER_LIST_REQUESTS, (route) =>
    route.fulfill({
      status: 503,
      json: { code: 9999, description: "Service unavailable, try again later.", data: [], source: "PartnerFD" },
    }),
  );
  await panel.getByTestId("retry").click();
  await expect(panel).toContainText("服務發生問題 (HTTP 503)。請稍後重試。");
  await expectNoEnglish(page);
});

test("a sign-in the service fails", async ({ page, open }) => {
  await page.route("**/api/v1/session", (route) =>
    route.fulfill({ status: 503, json: { code: 1503, description: "Sign-in is down for maintenance.", source: "PartnerFD" } }),
  );
  await open(CONTOSO_USERS, { lang });
  const panel = page.getByTestId("error-panel");
  await expect(panel).toContainText("無法登入模擬的合作夥伴中心。");
  await expect(panel).toContainText("服務發生問題 (HTTP 503)。請稍後重試。");
  await expectNoEnglish(page);
});
