// Issue 18, Licenses updated from an address alone: `?preview=1&users=&assign=&revoke=` shows what
// that save would answer (a dry run of the batch), says that nothing was saved, and leaves the
// server and the tab's stored results as they were.
import type { APIRequestContext } from "@playwright/test";
import { test, expect, restPointer, expectScreenshot } from "../fixtures";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { CONTOSO, DELIA_DENNIS, E3_SKU, AUDIO } from "../seed";

const ADELE = "8e1ed6df-9c83-53c9-8c9d-9563bb6fb84a";
const ALEX = "19a153d8-0359-5990-91a0-c39053b7e8ca";
const IRVIN = "8c7da289-947e-56dd-8b6a-7d5273f0842c";
const AUDIO_SKU = "097bd362-9252-5fb2-b73c-b16a8fa9a1f4";

const WORDS = {
  "en-US": {
    note: "Preview: these are the results this save would have. Nothing was saved.",
    summary: "Licenses updated for 2 users. 2 users couldn't be updated.",
    seats: `Not enough ${AUDIO} licenses: 1 needed, 0 available. Buy 1 more, then save again.`,
  },
  "zh-TW": {
    note: "預覽：以下是這次儲存會有的結果。沒有儲存任何變更。",
    summary: "已更新 2 位使用者的授權。 2 位使用者無法更新。",
    seats: `${AUDIO} 授權不足：需要 1 個，可用 0 個。請再購買 1 個，然後再次儲存。`,
  },
} as const;

/** Every product's seats and every Contoso user's licenses, as the API gives them. */
async function serverState(request: APIRequestContext): Promise<unknown> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  const headers = { authorization: `Bearer ${(await session.json()).token}` };
  const skus = await (await request.get(`/api/v1/customers/${CONTOSO}/subscribedskus`, { headers })).json();
  const users = await (await request.get(`/api/v1/customers/${CONTOSO}/users?size=500`, { headers })).json();
  return { skus: skus.items, users: users.items };
}

for (const lang of ["en-US", "zh-TW"] as const) {
  const words = WORDS[lang];

  test(`a save's results are previewed from the address alone, nothing saved (${lang})`, async ({
    page,
    open,
    request,
    expectAccessible,
  }) => {
    const before = await serverState(request);
    const users = [ADELE, ALEX, DELIA_DENNIS, IRVIN].join(",");
    await open(
      `/customers/${CONTOSO}/users/licenses-updated?preview=1&users=${users}&assign=${E3_SKU},${AUDIO_SKU}&role=AdminAgent`,
      { lang },
    );
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true", { timeout: 20_000 });
    const updated = new LicensesUpdatedPage(page);
    await expect(page.getByTestId("preview-note")).toHaveText(words.note);
    await expect(updated.summary).toHaveText(words.summary);
    // Adele and Alex take Audio Conferencing's last two seats; Delia finds none left; Irvin has no
    // usage location. Alex and Adele already hold E3, so only Audio is asked for them.
    await expect(updated.result("Adele Vance")).toHaveAttribute("data-status", "succeeded");
    await expect(updated.result("Alex Wilber")).toHaveAttribute("data-status", "succeeded");
    await expect(updated.result("Delia Dennis")).toHaveAttribute("data-status", "failed");
    await expect(updated.result("Delia Dennis").getByTestId("result-error")).toContainText(words.seats);
    await expect(updated.result("Delia Dennis").getByTestId("result-buy-more")).toBeVisible();
    await expect(updated.result("Irvin Sayers")).toHaveAttribute("data-status", "failed");
    await expect(updated.result("Irvin Sayers").getByTestId("usage-location-form")).toHaveCount(1);

    expect(await serverState(request), "the preview saved nothing").toEqual(before);
    const kept = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("pc.results.")));
    expect(kept, "no results kept in the tab").toEqual([]);

    await expectAccessible();
    await restPointer(page);
    await expectScreenshot(page, `results-preview-${lang}.png`, { fullPage: true });
  });
}
