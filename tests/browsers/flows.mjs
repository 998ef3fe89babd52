// What the suite does in each engine: the seed walkthrough of tests/e2e/specs/seed-walkthrough.spec.ts
// (assign across two pages, then revoke) in en-US and zh-TW, and the Manage licenses and Licenses
// updated screens of manage-licenses.spec.ts and licenses-updated.spec.ts, with the same
// expectations, each save also checked against the server's record through the API.
import assert from "node:assert/strict";
import { CONTOSO_USERS, E3, E5_COMPLIANCE, EMS, EXCHANGE_P1, EXCHANGE_P2, EXCHANGE_P2_SKU } from "./lib/seed.mjs";
import { POWER_BI, PROJECT, TEAMS_PHONE } from "./lib/seed.mjs";

/** The seed document's terms, as the screens name their controls (seed-walkthrough.spec.ts). */
const TERMS = {
  "en-US": {
    customers: "Customers",
    usersAndLicenses: "Users and licenses",
    breadcrumb: "Breadcrumb",
    selectUser: (name) => `Select ${name}`,
    manageLicenses: "Manage licenses",
    licensesUpdated: "Licenses updated",
    product: "Product",
    availableLicenses: "Available licenses",
    assigned: "Assigned",
    buyMore: "Buy more",
    assignedList: "Selected users who have this license",
    saveAnyway: "Save anyway",
  },
  "zh-TW": {
    customers: "客戶",
    usersAndLicenses: "使用者和授權",
    breadcrumb: "階層連結",
    selectUser: (name) => `選取 ${name}`,
    manageLicenses: "管理授權",
    licensesUpdated: "授權已更新",
    product: "產品",
    availableLicenses: "可用授權",
    assigned: "已指派",
    buyMore: "購買更多",
    assignedList: "擁有此授權的選取使用者",
    saveAnyway: "仍要儲存",
  },
};

const BOX = "input[type=checkbox]";
const PRODUCT_BOX = "[data-testid=product-row] [role=checkbox]";
const H1 = "h1";

/** A product's row on Manage licenses, as a CSS selector (by the row's product id). */
async function productRow(b, product) {
  const sku = await b.js(
    `return [...document.querySelectorAll("[data-testid=product-row]")].find(
       (row) => row.querySelector("[data-testid=product-name]")?.textContent.trim() === arguments[0])?.dataset.sku;`,
    product,
  );
  assert.ok(sku, `no product row for ${product}`);
  return `[data-testid=product-row][data-sku="${sku}"]`;
}

/** Steps 1 and 2: Partner Center menu > Customers > Contoso > Users and licenses. */
async function openUsersAndLicenses(b, lang, check, { topBar = false } = {}) {
  const t = TERMS[lang];
  await b.click("[data-testid=left-nav] a", { name: t.customers });
  await b.expectText(H1, t.customers);
  await b.el("[data-testid=main] a", { name: "Contoso" });
  await check(`1-customers-${lang}.png`);
  // The top bar's language and role pickers, drawn by the engine's form controls.
  if (topBar) await check(`top-bar-${lang}.png`, { fullPage: false, clip: await b.regionAround(await b.el("[data-testid=top-bar]")) });
  await b.click("[data-testid=main] a", { name: "Contoso" });

  await b.expectText(H1, t.usersAndLicenses);
  await b.waitFor(
    async () => (await b.el("nav", { name: t.breadcrumb }).then((n) => n.getText())).includes("Contoso"),
    "the breadcrumb to name Contoso",
  );
  await b.el(BOX, { name: t.selectUser("Adele Vance") });
  await check(`2-users-and-licenses-${lang}.png`, { fullPage: false });
}

/** Names in the order the browser sorts them for the page's language. */
function sortedFor(b, lang, names) {
  return b.js("return [...arguments[0]].sort((a, b) => a.localeCompare(b, arguments[1]))", names, lang);
}

/** Assign licenses to multiple users: nine users across two pages get Office 365 E3 and EMS. */
export async function assign({ b, api, check, lang }) {
  const t = TERMS[lang];
  await b.open("/", { lang });
  await openUsersAndLicenses(b, lang, check, { topBar: true });

  const pageOne = ["Delia Dennis", "Lidia Holloway"];
  const lastPage = ["許雅婷", "謝宜庭", "郭俊傑", "鄭家豪", "陳怡君", "黃淑芬", "김민준"];
  for (const name of pageOne) {
    await b.click(BOX, { name: t.selectUser(name) });
    await b.expectProperty(BOX, "checked", true, { name: t.selectUser(name) });
  }
  await check(`assign-3a-two-users-ticked-${lang}.png`);
  await b.click("[data-testid=pager-last]");
  await b.el(BOX, { name: t.selectUser("김민준") });
  await b.click("[data-testid=select-page]");
  for (const name of lastPage) await b.expectProperty(BOX, "checked", true, { name: t.selectUser(name) });
  await b.waitFor(async () => (await (await b.el("[data-testid=selected-count]")).getText()).includes("9"), "9 selected");
  await check(`assign-3b-last-page-ticked-${lang}.png`);

  await b.click("[data-testid=selected-users-link]");
  await b.expectTexts("[data-testid=user-name]", [...pageOne, ...lastPage]);
  await check(`assign-4-selected-users-${lang}.png`);

  await b.click("[data-testid=manage-licenses-link]");
  await b.expectText(H1, t.manageLicenses);
  for (const column of [t.product, t.availableLicenses, t.assigned]) {
    await b.el("th", { name: column, within: "[data-testid=products-table]" });
  }
  const sorted = await sortedFor(b, lang, [...pageOne, ...lastPage]);
  await b.expectTexts("[data-testid=user-chip]", sorted.map((n) => new RegExp(n)));
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "mixed", { name: E3 });
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "false", { name: POWER_BI });
  const powerBi = await productRow(b, POWER_BI);
  const e3 = await productRow(b, E3);
  await b.expectText(`${powerBi} [data-testid=available]`, "0");
  await b.el(`${powerBi} button`, { name: t.buyMore });
  await b.expectCount(`${e3} button`, 0, { name: t.buyMore });
  await check(`assign-5-manage-licenses-${lang}.png`);

  await b.click(`${e3} [data-testid=assigned-link]`);
  const list = await b.el("[role=dialog]", { name: t.assignedList });
  await b.expectTexts(`${e3} [role=dialog] li`, ["陳怡君", "黃淑芬"]);
  await check(`assign-5-assigned-list-${lang}.png`, { clip: await b.regionAround(await b.el(e3), list) });
  await b.press("ESCAPE");
  await b.expectHidden("[role=dialog]", { name: t.assignedList });

  await b.click(PRODUCT_BOX, { name: E3 });
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "true", { name: E3 });
  await b.waitFor(async () => (await (await b.el(`${e3} [data-testid=available-after]`)).getText()).includes("4"), "4 left after saving");
  await check(`assign-6-product-ticked-${lang}.png`, {
    clip: await b.regionAround(await b.el(e3), await b.el("[data-testid=change-summary]")),
  });

  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "mixed", { name: EMS });
  await b.click(PRODUCT_BOX, { name: EMS });
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "true", { name: EMS });
  await b.click(`${await productRow(b, EMS)} [data-testid=view-service-plans]`);
  await b.expectCount("[data-testid=service-plans] input[type=checkbox]", 4, { visible: true });
  await b.expectCount("[data-testid=summary-line]", 2);
  await check(`assign-7-two-products-and-service-plans-${lang}.png`, {
    clip: await b.regionAround(await b.el(e3), await b.el("[data-testid=save]")),
  });

  await b.click("[data-testid=save]");
  await b.expectText(H1, t.licensesUpdated);
  await b.expectCount("[data-testid=result]", 7);
  await b.expectCount("[data-testid=result][data-status=succeeded]", 7);
  const delia = await resultLine(b, "Delia Dennis");
  await b.expectTexts(`${delia} [data-testid=result-changes] li`, [`+ ${EMS}`, `+ ${E3}`]);
  await b.waitFor(
    async () => (await (await b.el(`${await resultLine(b, "김민준")} [data-testid=result-licenses]`)).getText()).includes(E3),
    `김민준's licenses to list ${E3}`,
  );
  await check(`assign-8-licenses-updated-${lang}.png`);

  // The server's record: every one of the nine holds both products now.
  for (const name of [...pageOne, ...lastPage]) {
    const held = await api.productsOf(name);
    assert.ok(held.includes(E3) && held.includes(EMS), `${name} holds ${E3} and ${EMS} (holds ${held})`);
  }
}

/** A user's line on Licenses updated, as a CSS scope. */
async function resultLine(b, name) {
  const index = await b.js(
    `return [...document.querySelectorAll("[data-testid=result]")].findIndex(
       (r) => r.querySelector("[data-testid=result-name]")?.textContent.trim() === arguments[0]) + 1;`,
    name,
  );
  assert.ok(index > 0, `no result line for ${name}`);
  return `[data-testid=result]:nth-of-type(${index})`;
}

/** Revoke users' license assignments: three users across two pages lose Office 365 E3. */
export async function revoke({ b, api, check, lang }) {
  const t = TERMS[lang];
  await b.open("/", { lang });
  await openUsersAndLicenses(b, lang, check);

  const chosen = ["Alex Wilber", "Megan Bowen", "Pradeep Gupta"];
  await b.click(BOX, { name: t.selectUser("Alex Wilber") });
  await b.click(BOX, { name: t.selectUser("Megan Bowen") });
  await b.click("[data-testid=pager-next]");
  await b.click(BOX, { name: t.selectUser("Pradeep Gupta") });
  await b.waitFor(async () => (await (await b.el("[data-testid=selected-count]")).getText()).includes("3"), "3 selected");
  await check(`revoke-3-users-ticked-across-pages-${lang}.png`);

  await b.click("[data-testid=selected-users-link]");
  await b.expectTexts("[data-testid=user-name]", chosen);
  await check(`revoke-4-selected-users-${lang}.png`);

  await b.click("[data-testid=manage-licenses-link]");
  await b.expectText(H1, t.manageLicenses);
  await b.expectTexts("[data-testid=user-chip]", chosen.map((n) => new RegExp(n)));
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "true", { name: E3 });
  await check(`revoke-5-manage-licenses-${lang}.png`);

  await b.click(PRODUCT_BOX, { name: E3 });
  await b.expectAttribute(PRODUCT_BOX, "aria-checked", "false", { name: E3 });
  await b.expectCount("[data-testid=summary-line]", 1);
  await b.expectCount("[data-testid=problem]", 0);
  const e3 = await productRow(b, E3);
  await b.waitFor(async () => (await (await b.el(`${e3} [data-testid=available-after]`)).getText()).includes("14"), "14 left after saving");
  await check(`revoke-6-product-cleared-${lang}.png`, {
    clip: await b.regionAround(await b.el(e3), await b.el("[data-testid=save]")),
  });

  await b.click("[data-testid=save]");
  // All three lose their only mailbox with E3: the app asks before saving.
  await b.click("[data-testid=confirm-loss-dialog] button", { name: t.saveAnyway });
  await b.expectText(H1, t.licensesUpdated);
  await b.expectCount("[data-testid=result]", 3);
  for (const name of chosen) {
    const line = await resultLine(b, name);
    await b.expectAttribute(line, "data-status", "succeeded");
    await b.expectTexts(`${line} [data-testid=result-changes] li`, [`− ${E3}`]);
    assert.ok(!(await (await b.el(`${line} [data-testid=result-licenses]`)).getText()).includes(E3), `${name}'s licenses still list ${E3}`);
  }
  await check(`revoke-7-licenses-updated-${lang}.png`);
  for (const name of chosen) assert.ok(!(await api.productsOf(name)).includes(E3), `${name} no longer holds ${E3}`);
}

/** Steps 2-5 the quick way (manageLicensesFor of tests/e2e/pages/manage-licenses.ts). */
async function manageLicensesFor(b, names) {
  await b.el("[data-testid=user-row]");
  for (const name of names) {
    const box = { name: `Select ${name}`, within: "[data-testid=users-table]" };
    if ((await b.all(BOX, box)).length === 0) {
      await b.type("[data-testid=search-input]", name);
      await b.press("ENTER");
    }
    await b.click(BOX, box);
    await b.expectProperty(BOX, "checked", true, box);
  }
  await b.waitFor(
    async () => (await (await b.el("[data-testid=selected-count]")).getText()).includes(String(names.length)),
    `${names.length} selected`,
  );
  await b.click("[data-testid=manage-licenses-link]");
  await b.expectCount("[data-testid=product-row]", 10);
  await b.expectAttribute("[data-testid=manage-licenses-page]", "data-ready", "true");
  await b.expectCount("[data-testid=user-chip]", names.length);
}

/** Clicks a product's box until its row shows `state` (at most the three steps of a cycle). */
async function setBox(b, product, state) {
  const row = await productRow(b, product);
  for (let i = 0; i < 3 && (await (await b.el(row)).getAttribute("data-state")) !== state; i++) {
    await b.click(PRODUCT_BOX, { name: product });
  }
  await b.expectAttribute(row, "data-state", state);
}

/** Manage licenses: checked, mixed and clear boxes (manage-licenses.spec.ts). */
export async function productStates({ b, check }) {
  await b.open(CONTOSO_USERS);
  await manageLicensesFor(b, ["Adele Vance", "Alex Wilber"]);
  for (const [products, state, aria] of [
    [[E3, EMS], "checked", "true"],
    [[POWER_BI, TEAMS_PHONE, E5_COMPLIANCE], "mixed", "mixed"],
    [[EXCHANGE_P1, PROJECT], "clear", "false"],
  ]) {
    for (const product of products) {
      await b.expectAttribute(await productRow(b, product), "data-state", state);
      await b.expectAttribute(PRODUCT_BOX, "aria-checked", aria, { name: product });
    }
  }
  await b.expectText(`${await productRow(b, E3)} [data-testid=available]`, "11");
  await b.expectText(`${await productRow(b, POWER_BI)} [data-testid=assigned-link]`, "1 of 2");
  await check("product-states-en-US.png");
}

/** The Assigned list: the selected users who already hold the product; Escape closes it. */
export async function assignedList({ b, check }) {
  await b.open(CONTOSO_USERS);
  await manageLicensesFor(b, ["Adele Vance", "Grady Archie", "Lidia Holloway"]);
  const row = await productRow(b, POWER_BI);
  const link = `${row} [data-testid=assigned-link]`;
  await b.expectAttribute(link, "aria-expanded", "false");
  await b.expectHidden(`${row} [data-testid=assigned-popover]`);
  await b.click(link);
  await b.expectAttribute(link, "aria-expanded", "true");
  const popover = await b.el(`${row} [data-testid=assigned-popover]`);
  await b.expectTexts(`${row} [data-testid=assigned-popover] li`, ["Adele Vance", "Grady Archie"]);
  await check("assigned-popover-en-US.png", { clip: await b.regionAround(await b.el(row), popover) });
  await b.press("ESCAPE");
  await b.expectHidden(`${row} [data-testid=assigned-popover]`);
  await b.expectAttribute(link, "aria-expanded", "false");
  await b.expectFocused(link);
}

/** Buy more: the dialog opens with 1 and focus in the amount; buying raises the count, and the
 * server's subscription agrees. */
export async function buyMore({ b, check }) {
  await b.open(CONTOSO_USERS);
  await manageLicensesFor(b, ["Delia Dennis", "Lidia Holloway"]);
  const row = await productRow(b, POWER_BI);
  await b.expectText(`${row} [data-testid=available]`, "0");
  await b.expectCount(`${await productRow(b, E3)} [data-testid=buy-more]`, 0);
  await b.click(`${row} [data-testid=buy-more]`);
  const dialog = await b.el("[data-testid=buy-more-dialog]");
  await b.expectText("[data-testid=buy-more-dialog] h2", "Buy more Power BI Pro");
  await b.expectProperty("[data-testid=buy-more-amount]", "value", "1");
  await b.expectFocused("[data-testid=buy-more-amount]");
  await check("buy-more-dialog-en-US.png", { fullPage: false, clip: await b.regionAround(dialog) });
  await b.click("[data-testid=buy-more-cancel]");
  await b.expectHidden("[data-testid=buy-more-dialog]");

  // Two users need it: Buy 2 more, confirmed, leaves none after saving.
  await setBox(b, POWER_BI, "checked");
  await b.expectText(`${row} [data-testid=buy-more]`, "Buy 2 more");
  await b.click(`${row} [data-testid=buy-more]`);
  await b.expectProperty("[data-testid=buy-more-amount]", "value", "2");
  await b.click("[data-testid=buy-more-confirm]");
  await b.expectHidden("[data-testid=buy-more-dialog]");
  await b.expectText(`${row} [data-testid=available-after]`, "→ 0 after saving");
  await b.expectCount(`${row} [data-testid=buy-more]`, 0);
  await b.expectProperty("[data-testid=save]", "disabled", false);
}

/** Licenses updated with errors: two users updated, four refused, each in plain words
 * (licenses-updated.spec.ts), and the server's record agrees. */
export async function resultsWithErrors({ b, api, check }) {
  await b.open(CONTOSO_USERS);
  const names = ["Bianca Pisani", "Delia Dennis", "Irvin Sayers", "Lee Gu", "Lidia Holloway", "Mallory Cortez"];
  await manageLicensesFor(b, names);
  await setBox(b, TEAMS_PHONE, "checked");
  await setBox(b, EXCHANGE_P2, "checked");
  await b.waitFor(
    async () => (await (await b.el(`${await productRow(b, EXCHANGE_P2)} [data-testid=available-after]`)).getText()).includes("0"),
    "none left after saving",
  );
  await api.assignElsewhere("Emily Braun", EXCHANGE_P2_SKU);
  await b.expectProperty("[data-testid=save]", "disabled", false);
  await b.click("[data-testid=save]");
  await b.el("[data-testid=result]");

  await b.expectText("[data-testid=results-summary]", "Licenses updated for 2 users. 4 users couldn't be updated.");
  await b.expectTexts("[data-testid=result-name]", names);
  const status = { "Delia Dennis": "succeeded", "Lidia Holloway": "succeeded" };
  for (const name of names) {
    await b.expectAttribute(await resultLine(b, name), "data-status", status[name] ?? "failed");
  }
  const kinds = {
    "Bianca Pisani": "MutuallyExclusiveViolation",
    "Lee Gu": "ProhibitedInUsageLocationViolation",
    "Mallory Cortez": "CountViolation",
  };
  for (const [name, kind] of Object.entries(kinds)) {
    await b.expectAttribute(`${await resultLine(b, name)} [data-testid=result-error]`, "data-kind", kind);
  }
  await b.expectCount(`${await resultLine(b, "Irvin Sayers")} [data-testid=usage-location-input]`, 1);
  await b.el(`${await resultLine(b, "Mallory Cortez")} [data-testid=result-buy-more]`);
  await b.expectText("[data-testid=retry-failed]", "Retry 4 failed users");
  await check("results-with-errors-en-US.png");

  for (const name of ["Delia Dennis", "Lidia Holloway"]) {
    const held = await api.productsOf(name);
    assert.ok(held.includes(TEAMS_PHONE) && held.includes(EXCHANGE_P2), `${name} was updated (holds ${held})`);
  }
  for (const name of ["Bianca Pisani", "Irvin Sayers", "Lee Gu", "Mallory Cortez"]) {
    assert.ok(!(await api.productsOf(name)).includes(TEAMS_PHONE), `${name} was left unchanged`);
  }
}
