// Issue 18, the ready signal: `<html data-app-ready="true">` exactly when the screen's data is
// drawn, its fonts are in, nothing is busy and no request is in flight; gone on navigation and
// while anything loads. Requests are held and released with the mock server's testing faults.
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect } from "../fixtures";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { ManageLicensesPage } from "../pages/manage-licenses";
import { UsersPage } from "../pages/users";
import { CONTOSO_USERS, DELIA_DENNIS, EMS } from "../seed";

const ENRICO_CATTANEO = "30fd4e52-6bc1-5bb9-b21b-a393188ab33a";

const USER_LIST = "/v1/customers/{customerId}/users";

async function fault(request: APIRequestContext, fault: Record<string, unknown>) {
  const response = await request.post("/api/testing/faults", { data: { method: "GET", path: USER_LIST, ...fault } });
  expect(response.status(), await response.text()).toBe(201);
}

async function release(request: APIRequestContext) {
  expect((await request.delete("/api/testing/faults")).status()).toBe(204);
}

const readyAttribute = (page: Page) => page.locator("html").getAttribute("data-app-ready");

test.describe("The ready signal", () => {
  test("is absent while the user list is held and set once it is released and drawn", async ({ page, open, request }) => {
    await fault(request, { hold: true });
    await open(CONTOSO_USERS);
    await expect(page.getByTestId("loading")).toBeVisible();
    // Held: the screen never comes to rest, however long one waits.
    await page.waitForTimeout(1_500);
    expect(await readyAttribute(page)).toBeNull();
    await expect(page.locator("html")).toHaveAttribute("data-fonts-ready", "true");
    await release(request);
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
    // Set only with the data on screen and nothing busy.
    await expect(new UsersPage(page).rows).toHaveCount(25);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  });

  test("is removed on navigation and while the next page loads, then set again", async ({ page, open, request }) => {
    const users = new UsersPage(page);
    await open(CONTOSO_USERS);
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
    await fault(request, { hold: true, times: 1 });
    await users.pagerButton("next").click();
    await expect(page.locator("html")).not.toHaveAttribute("data-app-ready", /.*/);
    await page.waitForTimeout(1_000);
    expect(await readyAttribute(page)).toBeNull();
    await release(request);
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
    await expect(users.pagerStatus).toHaveText("Page 2 of 3");
  });

  test("a loading scenario from the address holds the app's reads only, so its screen never becomes ready", async ({ page, open, request }) => {
    const scenarios: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/")) scenarios.push(r.headers()["x-scenario"] ?? "");
    });
    await open(`${CONTOSO_USERS}?scenario=users-loading`);
    await expect(page.getByTestId("loading")).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(await readyAttribute(page)).toBeNull();
    // Every request of the app names the scenario; another client, without it, is answered.
    expect(scenarios.length).toBeGreaterThan(0);
    expect(new Set(scenarios)).toEqual(new Set(["users-loading"]));
    const token = (await (await request.post("/api/v1/session", { data: { role: "AdminAgent" } })).json()).token;
    const other = await request.get(`/api/v1${CONTOSO_USERS}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(other.status()).toBe(200);
    // Remembered for the tab, like ?test=1, until `?scenario=none`.
    await page.reload();
    await expect(page.getByTestId("loading")).toBeVisible();
    await open(`${CONTOSO_USERS}?scenario=none`);
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
    await expect(new UsersPage(page).rows).toHaveCount(25);
  });

  test("an error scenario comes to rest with its error shown", async ({ page, open }) => {
    await open(`${CONTOSO_USERS}?scenario=users-error`);
    await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
    await expect(page.getByTestId("error-panel")).toBeVisible();
  });
});

test("the save-partial-failure scenario refuses some users of a save, realistically, and applies the rest", async ({ page, open }) => {
  const manage = new ManageLicensesPage(page);
  // Neither holds EMS: of the two users given it, the first is refused.
  await open(`${CONTOSO_USERS}/manage-licenses?users=${DELIA_DENNIS},${ENRICO_CATTANEO}&scenario=save-partial-failure`);
  await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
  await expect(page.getByTestId("user-chips")).toContainText("Delia Dennis");
  await manage.setBox(EMS, "checked");
  await manage.save.click();
  const updated = new LicensesUpdatedPage(page);
  await expect(updated.results).toHaveCount(2);
  await expect(page.locator("html")).toHaveAttribute("data-app-ready", "true");
  const statuses = [await updated.status("Delia Dennis"), await updated.status("Enrico Cattaneo")];
  expect(statuses.sort()).toEqual(["failed", "succeeded"]);
});
