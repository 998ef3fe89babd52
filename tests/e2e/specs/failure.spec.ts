// Issue 8, "UI under failure": Playwright drops a share of the API requests while the users are
// paged through and while a save is sent, and the app must lose nothing and apply nothing twice.
//
// A save goes to POST /customers/{c}/licenseupdates, 1,000 users a request, each with an
// `Idempotency-Key` of `<save-id>-<n>` (src/save.rs). `BatchNetwork` below decides each attempt's
// fate: delivered; sent to the server but its answer dropped (the server applied it, the browser
// sees a network error); or aborted before reaching the server. The server's answer to every
// attempt that reached it is kept, so a test can tell a replayed answer (`Idempotent-Replayed`)
// from a second application.
import type { APIRequestContext, Route } from "@playwright/test";
import { test, expect, type Page } from "../fixtures";
import { LicensesUpdatedPage } from "../pages/licenses-updated";
import { ManageLicensesPage, manageLicensesFor } from "../pages/manage-licenses";
import { UsersPage } from "../pages/users";
import {
  CONTOSO,
  CONTOSO_USERS,
  DELIA_DENNIS,
  E3,
  E3_SKU,
  E5_COMPLIANCE,
  EMS,
  EMS_SKU,
  FABRIKAM,
  FABRIKAM_POWER_BI_SUBSCRIPTION,
  POWER_BI,
  POWER_BI_SKU,
  SWAY_PLAN,
  BATCH_REQUESTS,
  USER_LIST_REQUESTS,
} from "../seed";


const COULDNT_SAVE = "Couldn't save. Your choices are kept; try again.";
const CANT_BE_REACHED = "The Partner Center service can't be reached.";

/** What happens to one attempt of a batch request. */
type Fate = "deliver" | "drop-answer" | "abort";

type Attempt = {
  key: string;
  saveId: string;
  /** The request's number within its save: the `<n>` of the key. */
  batch: number;
  /** 1 for the first time this key was sent, 2 for its first retry, ... */
  attempt: number;
  userIds: string[];
  body: string;
  fate: Fate;
  /** The server's answer, for the attempts that reached it. */
  status?: number;
  replayed?: boolean;
};

/** Decides, then records, the fate of every batch request the page sends. */
class BatchNetwork {
  readonly attempts: Attempt[] = [];

  private constructor(private decide: (attempt: Pick<Attempt, "saveId" | "batch" | "attempt">) => Fate) {}

  static async install(page: Page, decide: BatchNetwork["decide"]): Promise<BatchNetwork> {
    const network = new BatchNetwork(decide);
    await page.route(BATCH_REQUESTS, (route) => network.handle(route));
    return network;
  }

  /** From now on, decide this way. */
  set(decide: BatchNetwork["decide"]): void {
    this.decide = decide;
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    const key = request.headers()["idempotency-key"] ?? "";
    const [, saveId = key, batch = "-1"] = key.match(/^(.*)-(\d+)$/) ?? [];
    const body = request.postData() ?? "";
    const userIds: string[] = (JSON.parse(body).updates ?? []).map((u: { userId: string }) => u.userId);
    const attempt: Attempt = {
      key,
      saveId,
      batch: Number(batch),
      attempt: this.attempts.filter((a) => a.key === key).length + 1,
      userIds,
      body,
      fate: "deliver",
    };
    attempt.fate = this.decide(attempt);
    this.attempts.push(attempt);
    if (attempt.fate === "abort") return route.abort("failed");
    const response = await route.fetch();
    attempt.status = response.status();
    attempt.replayed = response.headers()["idempotent-replayed"] === "true";
    if (attempt.fate === "drop-answer") return route.abort("failed");
    return route.fulfill({ response });
  }

  /** The save ids in the order the saves started. */
  saves(): string[] {
    return [...new Set(this.attempts.map((a) => a.saveId))];
  }

  /** The attempts of one save's request `batch`. */
  of(saveId: string, batch: number): Attempt[] {
    return this.attempts.filter((a) => a.saveId === saveId && a.batch === batch);
  }

  /** The user ids of one save's requests, each request's once. */
  userIds(saveId: string): string[] {
    const byKey = new Map(this.attempts.filter((a) => a.saveId === saveId).map((a) => [a.key, a.userIds]));
    return [...byKey.values()].flat();
  }

  /**
   * Every key the server applied, with how many times: an attempt that reached the server and
   * was not answered from the idempotency store was applied.
   */
  applications(): Record<string, number> {
    const applied: Record<string, number> = {};
    for (const a of this.attempts) {
      if (a.replayed === false) applied[a.key] = (applied[a.key] ?? 0) + 1;
    }
    return applied;
  }
}

/** The headers of the admin agent, for checking the server's side through the API. */
async function admin(request: APIRequestContext): Promise<{ authorization: string }> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  expect(session.ok()).toBeTruthy();
  return { authorization: `Bearer ${(await session.json()).token}` };
}

/** Seats in use per product (sku id), as the server counts them. */
async function consumedSeats(request: APIRequestContext, customer: string): Promise<Record<string, number>> {
  const response = await request.get(`/api/v1/customers/${customer}/subscribedskus`, {
    headers: await admin(request),
  });
  expect(response.ok()).toBeTruthy();
  const seats: Record<string, number> = {};
  for (const sku of (await response.json()).items) seats[sku.productSku.id] = sku.consumedUnits;
  return seats;
}

/** `before` with each product's count moved by `change`. */
function moved(before: Record<string, number>, change: Record<string, number>): Record<string, number> {
  const after = { ...before };
  for (const [sku, by] of Object.entries(change)) after[sku] += by;
  return after;
}

/** The display names of users, by id, through the API. */
async function namesOf(request: APIRequestContext, customer: string, ids: string[]): Promise<string[]> {
  const headers = await admin(request);
  const names: string[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const some = ids.slice(i, i + 100);
    const response = await request.get(`/api/v1/customers/${customer}/users`, {
      headers,
      params: { ids: some.join(","), size: 500 },
    });
    expect(response.ok()).toBeTruthy();
    const items: { displayName: string }[] = (await response.json()).items;
    expect(items).toHaveLength(some.length);
    names.push(...items.map((u) => u.displayName));
  }
  return names.sort();
}

/** Every result line of the Licenses updated page, all its pages read, as `[name, status]`. */
async function allResults(page: Page, updated: LicensesUpdatedPage): Promise<[string, string][]> {
  const status = page.getByTestId("pager-status");
  const pages = (await status.count()) === 0 ? 1 : Number((await status.textContent())!.match(/of (\d+)/)![1]);
  const lines: [string, string][] = [];
  for (let n = 1; n <= pages; n++) {
    if (n > 1) {
      await page.getByTestId("pager-next").click();
      await expect(status).toHaveText(`Page ${n} of ${pages}`);
    }
    lines.push(
      ...(await updated.results.evaluateAll((items) =>
        items.map((item): [string, string] => [
          item.querySelector("[data-testid=result-name]")!.textContent!,
          item.getAttribute("data-status")!,
        ]),
      )),
    );
  }
  return lines;
}

/**
 * In Fabrikam, the 1,279 users whose name or username holds "09", all selected, on Manage
 * licenses with Power BI Pro ticked: 139 of them hold it already, so the save sends 1,140
 * users, in two requests. 500 seats are free; 1,000 more are bought first.
 */
const FABRIKAM_09 = { matching: "1,279", sent: 1140 };

async function fabrikamPowerBiForAllOf09(page: Page, request: APIRequestContext): Promise<ManageLicensesPage> {
  const bought = await request.patch(
    `/api/v1/customers/${FABRIKAM}/subscriptions/${FABRIKAM_POWER_BI_SUBSCRIPTION}`,
    { headers: await admin(request), data: { quantity: 3500 } },
  );
  expect(bought.ok(), "1,000 more Power BI Pro seats are bought").toBeTruthy();
  const users = new UsersPage(page);
  await users.searchFor("09");
  await expect(users.pagerStatus).toHaveText("Page 1 of 52");
  await users.headerBox.check();
  await expect(users.selectAllMatching).toHaveText(`Select all ${FABRIKAM_09.matching} users`);
  await users.selectAllMatching.click();
  await expect(page.getByTestId("select-all-done")).toHaveText(`All ${FABRIKAM_09.matching} users are selected.`);
  await users.manageLicensesLink.click();
  const manage = new ManageLicensesPage(page);
  await manage.loaded(21);
  await manage.setBox(POWER_BI, "checked");
  await expect(manage.save).toBeEnabled();
  return manage;
}

test.describe("Paging under failure", () => {
  test("a page load that fails, even again on Retry, keeps every ticked user ticked once it gets through", async ({
    page,
    open,
  }) => {
    const users = new UsersPage(page);
    const errorPanel = page.getByTestId("error-panel");
    await open(CONTOSO_USERS);
    await users.tick("Adele Vance", "Delia Dennis");
    await users.pagerButton("next").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 3");
    await users.tick("Miriam Graham", "林志明");
    await expect(users.selectedCount).toHaveText("4 selected");

    // The next `failing` user-list requests are dropped; the rest go through.
    let failing = 0;
    let dropped = 0;
    await page.route(USER_LIST_REQUESTS, (route) => {
      if (failing > 0) {
        failing--;
        dropped++;
        return route.abort("failed");
      }
      return route.continue();
    });

    failing = 2;
    await users.pagerButton("previous").click();
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await expect(users.selectedCount).toHaveText("4 selected");
    await page.getByTestId("retry").click();
    await expect.poll(() => dropped).toBe(2);
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await page.getByTestId("retry").click();
    await expect(errorPanel).toHaveCount(0);
    await expect(users.pagerStatus).toHaveText("Page 1 of 3");
    await expect(users.userBox("Adele Vance")).toBeChecked();
    await expect(users.userBox("Delia Dennis")).toBeChecked();
    await expect(users.userBox("Alex Wilber")).not.toBeChecked();
    await expect.poll(() => users.headerState()).toBe("mixed");

    failing = 1;
    await users.pagerButton("last").click();
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await page.getByTestId("retry").click();
    await expect(users.pagerStatus).toHaveText("Page 3 of 3");
    await users.tick("陳怡君");
    await expect(users.selectedCount).toHaveText("5 selected");

    failing = 1;
    await users.pagerButton("previous").click();
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await page.getByTestId("retry").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 3");
    await expect(users.userBox("Miriam Graham")).toBeChecked();
    await expect(users.userBox("林志明")).toBeChecked();
    await expect(users.userBox("Nestor Wilke")).not.toBeChecked();

    // The Selected users view pages through the same requests.
    failing = 1;
    await users.selectedUsersLink.click();
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await page.getByTestId("retry").click();
    await expect.poll(() => users.names()).toEqual(["Adele Vance", "Delia Dennis", "Miriam Graham", "林志明", "陳怡君"]);
    expect(dropped).toBe(5);
    for (const name of await users.names()) await expect(users.userBox(name)).toBeChecked();
    await expect(users.selectedCount).toHaveText("5 selected");
  });

  test("Select all that fails part-way keeps the selection as it was, and its Retry selects everyone", async ({
    page,
    open,
  }) => {
    const users = new UsersPage(page);
    await open(`/customers/${FABRIKAM}/users`);
    await users.searchFor("09");
    await expect(users.pagerStatus).toHaveText("Page 1 of 52");
    await users.pagerButton("next").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 52");
    await users.rows.first().getByRole("checkbox").check();
    await users.pagerButton("previous").click();
    await expect(users.pagerStatus).toHaveText("Page 1 of 52");
    await users.headerBox.check();
    await expect(users.selectedCount).toHaveText("26 selected");

    // Select all reads the 1,279 users 500 at a time; the second of its three reads is dropped
    // once.
    const reads: string[] = [];
    await page.route(USER_LIST_REQUESTS, (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get("size") !== "500") return route.continue();
      reads.push(url.searchParams.get("page") ?? "1");
      return reads.length === 2 ? route.abort("failed") : route.continue();
    });
    await users.selectAllMatching.click();
    const errorPanel = page.getByTestId("error-panel");
    await expect(errorPanel).toContainText("Couldn't select all users");
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await expect(users.selectedCount).toHaveText("26 selected");
    await expect.poll(() => users.headerState()).toBe("checked");

    await errorPanel.getByTestId("retry").click();
    await expect(page.getByTestId("select-all-done")).toHaveText("All 1,279 users are selected.");
    await expect(users.selectedCount).toHaveText("1,279 selected");
    expect(reads).toEqual(["1", "2", "1", "2", "3"]);
    await users.pagerButton("next").click();
    await expect(users.pagerStatus).toHaveText("Page 2 of 52");
    await expect(users.rows.first().getByRole("checkbox")).toBeChecked();
    await expect.poll(() => users.headerState()).toBe("checked");
  });
});

test.describe("Manage licenses under failure", () => {
  test("when the selected users' details fail to load, the boxes still show from the summary, Save waits, and Retry loads them", async ({
    page,
    open,
  }) => {
    await open(CONTOSO_USERS);
    const users = new UsersPage(page);
    await users.tick("Adele Vance", "Delia Dennis");
    // The details are the user-list requests that name their users (`ids=`).
    let failing = 1;
    await page.route(USER_LIST_REQUESTS, (route) => {
      if (failing > 0 && new URL(route.request().url()).searchParams.has("ids")) {
        failing--;
        return route.abort("failed");
      }
      return route.continue();
    });
    await users.manageLicensesLink.click();
    const manage = new ManageLicensesPage(page);
    const errorPanel = page.getByTestId("error-panel");
    await expect(errorPanel).toContainText("Couldn't load the selected users' licenses");
    await expect(errorPanel).toContainText(CANT_BE_REACHED);
    await expect(manage.row(E3)).toHaveAttribute("data-state", "mixed");
    await expect(manage.root).toHaveAttribute("data-ready", "false");
    await expect(manage.save).toBeDisabled();

    await page.getByTestId("retry").click();
    await manage.loaded();
    await expect(errorPanel).toHaveCount(0);
    await manage.setBox(E3, "checked");
    await expect(manage.summaryLines).toHaveText([`Assign ${E3} to 1 user`]);
    await expect(manage.save).toBeEnabled();
  });
});

test.describe("Saving under failure", () => {
  test("a save that gets no answer at all stays on Manage licenses with every choice kept, and a later Save goes through", async ({
    page,
    open,
    request,
  }) => {
    await open(CONTOSO_USERS);
    const manage = await manageLicensesFor(page, ["Adele Vance", "Delia Dennis", "Lidia Holloway", "Mallory Cortez"]);
    await manage.setBox(E3, "checked");
    await manage.setBox(EMS, "checked");
    await manage.setBox(POWER_BI, "clear");
    await manage.viewServicePlans(E3).click();
    await (await manage.planBox(E3, "Sway")).uncheck();
    const states = async () =>
      Object.fromEntries(
        await Promise.all([E3, EMS, POWER_BI, E5_COMPLIANCE].map(async (p) => [p, await manage.boxState(p)])),
      );
    const chosen = { [E3]: "checked", [EMS]: "checked", [POWER_BI]: "clear", [E5_COMPLIANCE]: "mixed" };
    expect(await states()).toEqual(chosen);
    const summary = await manage.summaryLines.allTextContents();
    expect(summary.length).toBeGreaterThan(0);
    const seatsBefore = await consumedSeats(request, CONTOSO);

    const network = await BatchNetwork.install(page, () => "abort");
    await manage.save.click();
    await expect(page.getByTestId("error-panel")).toContainText(COULDNT_SAVE);
    await expect(page.getByTestId("error-panel")).toContainText(CANT_BE_REACHED);
    await expect(manage.root).toBeVisible();
    // The one request was tried three times, with one key.
    expect(network.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(new Set(network.attempts.map((a) => a.key)).size).toBe(1);

    await expect(manage.chips).toHaveCount(4);
    expect(await states()).toEqual(chosen);
    await expect(await manage.planBox(E3, "Sway")).not.toBeChecked();
    await expect(await manage.planBox(E3, "Microsoft Teams")).toBeChecked();
    await expect(manage.summaryLines).toHaveText(summary);
    await expect(manage.save).toBeEnabled();
    expect(await consumedSeats(request, CONTOSO), "nothing reached the server").toEqual(seatsBefore);

    network.set(() => "deliver");
    await manage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 4 users.");
    for (const name of ["Adele Vance", "Delia Dennis", "Lidia Holloway", "Mallory Cortez"]) {
      await expect(updated.result(name)).toHaveAttribute("data-status", "succeeded");
    }
    await expect(updated.changes("Delia Dennis").getByRole("listitem")).toHaveText([`+ ${EMS}`, `+ ${E3}`]);
    await expect(updated.changes("Adele Vance").getByRole("listitem")).toHaveText([`− ${POWER_BI}`]);
    expect(network.saves()).toHaveLength(2);
    expect(network.applications()).toEqual({ [`${network.saves()[1]}-0`]: 1 });
    expect(await consumedSeats(request, CONTOSO)).toEqual(
      moved(seatsBefore, { [E3_SKU]: 3, [EMS_SKU]: 3, [POWER_BI_SKU]: -1 }),
    );
    // The service-plan choice made before the failed save is what was applied.
    const licenses = await request.get(`/api/v1/customers/${CONTOSO}/users/${DELIA_DENNIS}/licenses`, {
      headers: await admin(request),
    });
    const e3 = (await licenses.json()).items.find((l: { productSku: { id: string } }) => l.productSku.id === E3_SKU);
    expect(e3.servicePlans.map((p: { id: string }) => p.id)).not.toContain(SWAY_PLAN);
  });

  test("answers lost after the server applied a save are asked for again with the same key and replayed, never applied twice", async ({
    page,
    open,
    request,
  }) => {
    await open(CONTOSO_USERS);
    const names = ["Delia Dennis", "Enrico Cattaneo", "Lidia Holloway", "Mallory Cortez"];
    const manage = await manageLicensesFor(page, names);
    await manage.setBox(E3, "checked");
    await manage.setBox(EMS, "checked");
    const seatsBefore = await consumedSeats(request, CONTOSO);

    // The first two answers are lost; the third (the last try) arrives.
    const network = await BatchNetwork.install(page, ({ attempt }) => (attempt < 3 ? "drop-answer" : "deliver"));
    await manage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 4 users.");
    await expect.poll(() => updated.names()).toEqual(names);
    for (const name of names) {
      await expect(updated.result(name)).toHaveAttribute("data-status", "succeeded");
      await expect(updated.changes(name).getByRole("listitem")).toHaveText([`+ ${EMS}`, `+ ${E3}`]);
    }
    await expect(updated.retryFailed).toHaveCount(0);

    const [first, second, third] = network.attempts;
    expect(network.attempts).toHaveLength(3);
    expect([second.key, third.key]).toEqual([first.key, first.key]);
    expect([second.body, third.body]).toEqual([first.body, first.body]);
    expect(network.attempts.map((a) => [a.status, a.replayed])).toEqual([
      [200, false],
      [200, true],
      [200, true],
    ]);
    expect(network.applications()).toEqual({ [first.key]: 1 });
    expect(await consumedSeats(request, CONTOSO)).toEqual(moved(seatsBefore, { [E3_SKU]: 4, [EMS_SKU]: 4 }));
  });

  test("in a save of two requests, each request's lost answer is replayed: all 1,140 users succeed and each seat is counted once", async ({
    page,
    open,
    request,
  }) => {
    test.setTimeout(90_000);
    await open(`/customers/${FABRIKAM}/users`);
    const manage = await fabrikamPowerBiForAllOf09(page, request);
    const seatsBefore = await consumedSeats(request, FABRIKAM);

    // Request 0 loses its first answer, request 1 its first two.
    const network = await BatchNetwork.install(page, ({ batch, attempt }) =>
      attempt <= batch + 1 ? "drop-answer" : "deliver",
    );
    await manage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 1,140 users.");
    await expect(updated.retryFailed).toHaveCount(0);

    const [save] = network.saves();
    expect(network.saves()).toHaveLength(1);
    expect(network.of(save, 0).map((a) => a.replayed)).toEqual([false, true]);
    expect(network.of(save, 1).map((a) => a.replayed)).toEqual([false, true, true]);
    expect(network.applications()).toEqual({ [`${save}-0`]: 1, [`${save}-1`]: 1 });
    const sent = network.userIds(save);
    expect(sent).toHaveLength(FABRIKAM_09.sent);
    expect(new Set(sent).size).toBe(FABRIKAM_09.sent);
    expect(network.of(save, 0)[0].userIds).toHaveLength(1000);
    expect(await consumedSeats(request, FABRIKAM)).toEqual(moved(seatsBefore, { [POWER_BI_SKU]: FABRIKAM_09.sent }));
  });

  test("a request that fails on every try leaves exactly its users not sent, and Retry failed users completes them", async ({
    page,
    open,
    request,
  }) => {
    test.setTimeout(90_000);
    await open(`/customers/${FABRIKAM}/users`);
    const manage = await fabrikamPowerBiForAllOf09(page, request);
    const seatsBefore = await consumedSeats(request, FABRIKAM);

    // Every try of the save's second request is dropped before it reaches the server.
    const network = await BatchNetwork.install(page, ({ batch }) => (batch === 1 ? "abort" : "deliver"));
    await manage.save.click();
    const updated = new LicensesUpdatedPage(page);
    await expect(updated.summary).toHaveText("Licenses updated for 1,000 users. 140 users couldn't be updated.");
    await expect(updated.retryFailed).toHaveText("Retry 140 failed users");
    const [save] = network.saves();
    expect(network.of(save, 1).map((a) => a.attempt)).toEqual([1, 2, 3]);
    const lost = network.of(save, 1)[0].userIds;
    expect(lost).toHaveLength(140);
    expect(await consumedSeats(request, FABRIKAM)).toEqual(moved(seatsBefore, { [POWER_BI_SKU]: 1000 }));

    // Exactly the users of the lost request are "not sent"; every other user succeeded.
    const lines = await allResults(page, updated);
    expect(lines).toHaveLength(FABRIKAM_09.sent);
    const notSent = lines.filter(([, status]) => status !== "succeeded");
    expect(notSent.every(([, status]) => status === "not_sent")).toBe(true);
    expect(notSent.map(([name]) => name).sort()).toEqual(await namesOf(request, FABRIKAM, lost));

    // A retry while the service is still unreachable changes nothing and says so.
    network.set(() => "abort");
    await updated.retryFailed.click();
    await expect(page.getByTestId("error-panel")).toContainText("The retry stopped part-way");
    await expect(updated.summary).toHaveText("Licenses updated for 1,000 users. 140 users couldn't be updated.");
    await expect(updated.retryFailed).toHaveText("Retry 140 failed users");

    network.set(() => "deliver");
    await updated.retryFailed.click();
    await expect(updated.summary).toHaveText("Licenses updated for 1,140 users.");
    await expect(updated.retryFailed).toHaveCount(0);
    await expect(page.getByTestId("error-panel")).toHaveCount(0);
    const retries = network.saves().slice(1);
    expect(retries).toHaveLength(2);
    for (const retry of retries) expect(network.userIds(retry).sort()).toEqual([...lost].sort());
    expect(network.applications()).toEqual({ [`${save}-0`]: 1, [`${retries[1]}-0`]: 1 });
    expect(await consumedSeats(request, FABRIKAM)).toEqual(moved(seatsBefore, { [POWER_BI_SKU]: FABRIKAM_09.sent }));
  });
});
