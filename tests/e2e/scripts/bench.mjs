// make bench (issue 7): the figures the app is judged by, each measured side by side with its
// reference in one run so machine noise cancels, each printed with its budget and PASS/OVER.
// A benchmark, not a test: it exits 0 whatever the figures are (non-zero only if it cannot
// measure at all). What each figure means: docs/PERFORMANCE.md.
//
//   1. the release bundle, raw / gzip / brotli (scripts/sizes.mjs)
//   2. Users and licenses on the 10,000-user tenant: navigation to the first page of rows,
//      against the same final DOM served as a static page (the browser's floor)
//   3. Manage licenses for all 10,000 users: click to interactive, and the longest task
//   4. one save of 10,000 users: the server's apply time (Server-Timing) and click to results
//   5. API throughput (crates/loadgen): license updates, users-page reads and filtered
//      users-page reads per second, each as a ratio to GET /api/health of the same server
//   6. "Select all N matching users" for a filter that matches all 10,000, against today's plain
//      "Select all 10,000 users", alternating in fresh pages
//
// Relies only on data-testids (and seed ids), not on the app's internals. Environment:
// BENCH_REPS (default 5) browser repetitions, BENCH_LOAD_SECONDS (default 3) per load run,
// CHROMIUM_PATH (default /usr/bin/chromium), BENCH_ONLY (e.g. "2,5": only those figures; default
// all six). Writes every raw number to target/bench/last.json.
import { chromium, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { root, startServer } from "./server.mjs";
import { bundleSizes, kib } from "../../../scripts/sizes.mjs";

const FABRIKAM = "5dade068-9716-5651-8c01-1a49aec3c866";
const USERS_URL = `/customers/${FABRIKAM}/users?test=1`;
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 5));
const SAVE_REPS = Math.max(1, Math.min(REPS, 3));
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3);
const LOAD_ROUNDS = 3;
const LOAD_CONNECTIONS = 16;
const USERS_PAGE_SIZE = 25; // the Users page's first request (its default page size)
const LOADGEN = resolve(root, "target/server/loadgen");
// Figure 5's third route: a filtered page of Fabrikam, four filters and an order combined (the
// same order a user gets by sorting the Last sign-in column).
const FILTERED_READ = `size=${USERS_PAGE_SIZE}&licensed=true&accountEnabled=true&inactiveDays=30&usageLocation=US&sortField=lastSignInDateTime`;
// Figure 6: "not signed in since the fixture's clock" matches every one of the 10,000 users.
const MATCH_ALL_FILTER = "inactiveDays=0";
const ONLY = new Set((process.env.BENCH_ONLY ?? "1,2,3,4,5,6").split(",").map((x) => x.trim()));
const want = (item) => ONLY.has(String(item));

const log = (...args) => console.error("  ..", ...args);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const all = (xs, fmt = (x) => x.toFixed(0)) => `[${xs.map(fmt).join(", ")}]`;

// ---------------------------------------------------------------------------------------------
// The mock server, on a copy of dist/ (so the static floor page can sit beside the app).

const dist = mkdtempSync(join(tmpdir(), "bench-dist-"));
cpSync(resolve(root, "dist"), dist, { recursive: true });
const server = await startServer({ dist });
const base = server.baseUrl;

async function call(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const started = performance.now();
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { json: text ? JSON.parse(text) : null, headers: response.headers, elapsed };
}
const reset = () => call("POST", "/api/testing/reset");
const token = (await call("POST", "/api/v1/session", { body: { role: "AdminAgent" } })).json.token;
const get = async (path) => (await call("GET", path, { token })).json;

/** "apply;dur=12.3" -> 12.3 */
const serverTiming = (header) => Number(/apply;dur=([\d.]+)/.exec(header ?? "")?.[1] ?? NaN);

// The tenant's facts, read from the API rather than assumed.
const skus = (await get(`/api/v1/customers/${FABRIKAM}/subscribedskus`)).items;
const subscriptions = (await get(`/api/v1/customers/${FABRIKAM}/subscriptions`)).items;
const users = [];
for (let page = 1; users.length === 0 || users.length < users.total; page++) {
  const list = await get(`/api/v1/customers/${FABRIKAM}/users?size=500&page=${page}`);
  users.push(...list.items);
  users.total = list.totalCount;
  if (list.items.length === 0) break;
}
// The product every user can take: enabled, no prerequisite, exclusion or location rule; of
// those the one fewest users hold, so the save assigns the most.
const open = (s) =>
  s.capabilityStatus === "Enabled" &&
  ["requires", "mutuallyExclusiveWith", "prohibitedLocations"].every((k) => (s.licenseRules?.[k] ?? []).length === 0);
const product = skus.filter(open).sort((a, b) => a.consumedUnits - b.consumedUnits)[0];
const productSubscription = subscriptions.find((s) => s.skuId === product.productSku.id);
log(`tenant: ${users.length} users, ${skus.length} products; save and load use ${product.productSku.name} (${product.consumedUnits} hold it)`);

/** Every user can take the product: buy seats for all of them. */
async function buySeatsForEveryone() {
  await call("PATCH", `/api/v1/customers/${FABRIKAM}/subscriptions/${productSubscription.id}`, {
    token,
    body: { quantity: Math.max(users.length, productSubscription.quantity) },
  });
}

// ---------------------------------------------------------------------------------------------
// The browser. The init script runs before the app in every document: long-task observer,
// performance marks at the clicks (capture phase, before the app's handlers) and when each
// awaited state first appears in the DOM (MutationObserver), then again at the first frame after
// it (rAF, then a task: the state was styled, laid out and painted, and the main thread is free).

function benchInit(opts) {
  if (opts.storage && !sessionStorage.getItem("bench.restored")) {
    for (const [key, value] of opts.storage) sessionStorage.setItem(key, value);
    sessionStorage.setItem("bench.restored", "1");
  }
  const bench = (window.__bench = {
    t: {},
    longTasks: [],
    storageErrors: [],
  });
  // Observation only: a refused sessionStorage write (e.g. over quota) is noted, then rethrown.
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    try {
      return setItem.call(this, key, value);
    } catch (err) {
      bench.storageErrors.push({ key, chars: String(value).length, error: err.name });
      throw err;
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (err) {
    bench.longTaskError = String(err);
  }
  const mark = (name) => {
    if (bench.t[name] !== undefined) return;
    bench.t[name] = performance.now();
    performance.mark(`bench:${name}`);
    // Tells the benchmark (a binding: no script of Playwright's runs in the loading page).
    window.__benchMarked?.(name);
  };
  const markNextFrame = (name) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => mark(`${name}-frame`);
      channel.port2.postMessage(0);
    });
  addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[data-testid="manage-licenses-link"]')) mark("manage-click");
      if (target?.closest('[data-testid="save"]')) mark("save-click");
    },
    true,
  );
  const visible = (el) => !!el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
  const watchers = [
    {
      name: "rows",
      armed: () => opts.rows > 0,
      done: () => document.querySelectorAll('[data-testid="user-row"]').length >= opts.rows,
    },
    {
      // The products table shows every product and none of its boxes is disabled.
      name: "manage-interactive",
      armed: () => bench.t["manage-click"] !== undefined,
      done: () => {
        const table = document.querySelector('[data-testid="products-table"]');
        if (!visible(table)) return false;
        const rows = table.querySelectorAll('[data-testid="product-row"]');
        const boxes = table.querySelectorAll('input[type="checkbox"], [role="checkbox"]');
        return (
          rows.length >= opts.skus &&
          boxes.length >= rows.length &&
          [...boxes].every((box) => !box.disabled && box.getAttribute("aria-disabled") !== "true")
        );
      },
    },
    {
      name: "save-progress",
      armed: () => bench.t["save-click"] !== undefined,
      done: () => !!document.querySelector('[data-testid="save-progress"]'),
    },
    {
      name: "results",
      armed: () => bench.t["save-click"] !== undefined,
      done: () => !!document.querySelector('[data-testid="results-summary"]'),
    },
    {
      // The results page itself, whether or not it has results to show.
      name: "results-page",
      armed: () => bench.t["save-click"] !== undefined,
      done: () => !!document.querySelector('[data-testid="licenses-updated-page"]'),
    },
  ];
  const check = () => {
    for (const w of watchers) {
      if (bench.t[w.name] === undefined && w.armed() && w.done()) {
        mark(w.name);
        markNextFrame(w.name);
      }
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["disabled", "aria-disabled", "hidden", "class", "style"],
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  // The suite's font set-up (tests/e2e/fonts): the machine's fonts neither help nor hinder.
  env: { ...process.env, FONTCONFIG_FILE: resolve(root, "tests/e2e/fonts/fonts.conf") },
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

/** A fresh context (empty cache and storage) with the init script. */
async function freshPage(opts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base });
  await context.addInitScript(benchInit, { rows: 0, skus: skus.length, storage: null, ...opts });
  // The marks set in the page, as it reports them through a binding.
  const marked = new Set();
  const waiting = [];
  await context.exposeBinding("__benchMarked", (_source, name) => {
    marked.add(name);
    for (const w of waiting.filter((w) => w.name === name)) w.resolve();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.__benchWhen = (name) => (marked.has(name) ? Promise.resolve() : new Promise((resolve) => waiting.push({ name, resolve })));
  return { context, page };
}
// Waits for the mark as the page reports it through a binding. Not `page.waitForFunction`, nor
// even `page.evaluate`: either has Playwright set up its script in the page while it is loading
// (tens of milliseconds of main-thread work), which slowed whichever page was still rendering,
// the short static floor more than the app.
const waitMark = async (page, name, timeout = 120_000) => {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no "${name}" mark within ${timeout} ms`)), timeout);
  });
  try {
    await Promise.race([page.__benchWhen(name), late]);
  } finally {
    clearTimeout(timer);
  }
};
const marks = (page) => page.evaluate(() => window.__bench);

/** Bytes over the wire (headers and body) of the fonts and their stylesheet for a fresh load of
 * the Users page in a language, once every font the screen draws has loaded. */
async function fontTransfer(lang) {
  const { context, page } = await freshPage();
  const requests = [];
  page.on("requestfinished", (request) => {
    if (/\/fonts\/|\/fonts-[0-9a-f]+\.css$/.test(new URL(request.url()).pathname)) requests.push(request);
  });
  await page.goto(`${USERS_URL}&lang=${lang}`);
  await page.getByTestId("user-row").first().waitFor();
  await page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(done));
    await document.fonts.ready;
  });
  let bytes = 0;
  for (const request of requests) {
    const sizes = await request.sizes();
    bytes += sizes.responseHeadersSize + sizes.responseBodySize;
  }
  await context.close();
  return { bytes, files: requests.length };
}

const figures = [];
const raw = {};
function figure(item, label, value, budget, detail = "") {
  figures.push({ item, label, value, budget, detail });
}

try {
  // -------------------------------------------------------------------------------------------
  // 1. Bundle
  if (want(1)) {
    const sizes = bundleSizes(resolve(root, "dist"));
    raw.bundle = sizes;
    const t = sizes.total;
    figure(1, "Bundle wasm+js+css, brotli", { text: `${(t.brotli / 1000).toFixed(1)} kB`, pass: t.brotli <= 150_000 }, "<= 150 kB",
      `raw ${kib(t.raw)}, gzip ${kib(t.gzip)}, brotli ${kib(t.brotli)} (${t.brotli.toLocaleString("en-US")} B)`);
    // The fonts are not in that budget: what the Users page's first screen downloads of them.
    raw.fonts = {};
    for (const lang of ["en-US", "zh-TW"]) raw.fonts[lang] = await fontTransfer(lang);
    const text = (f) => `${(f.bytes / 1000).toFixed(1)} kB in ${f.files} files`;
    const kb = (lang) => (raw.fonts[lang].bytes / 1000).toFixed(0);
    figure("1b", "Fonts, Users page first screen, en-US / zh-TW", { text: `${kb("en-US")} / ${kb("zh-TW")} kB` }, "",
      `en-US ${text(raw.fonts["en-US"])}, zh-TW ${text(raw.fonts["zh-TW"])} (woff2 slices and their stylesheet)`);
  }

  // -------------------------------------------------------------------------------------------
  // Set-up: the static floor page, and a selection of all 10,000 users made through the UI.
  await reset();
  const { context: setup, page } = await freshPage();
  await page.goto(USERS_URL);
  await page.getByTestId("user-row").first().waitFor();
  await page.waitForTimeout(500);
  const rows = await page.getByTestId("user-row").count();
  const floorHtml = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    // The app's code and its preloads go; the stylesheet link stays, as the app has it.
    for (const el of doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]')) el.remove();
    return `<!DOCTYPE html>\n${doc.outerHTML}`;
  });
  writeFileSync(join(dist, "bench-floor.html"), floorHtml);
  log(`floor page: ${rows} user rows, ${(floorHtml.length / 1024).toFixed(0)} KiB of HTML`);

  log("selecting all users through the UI (select-page, select-all-matching)");
  const selectStarted = performance.now();
  await page.getByTestId("select-page").check();
  await page.getByTestId("select-all-matching").click();
  await page.getByTestId("select-all-done").waitFor();
  const selectMs = performance.now() - selectStarted;
  const storage = await page.evaluate(() => Object.entries(sessionStorage));
  await setup.close();
  log(`selected in ${ms(selectMs)}; ${storage.length} sessionStorage entries carried into later runs`);

  // -------------------------------------------------------------------------------------------
  // 2. Users page vs the static floor, alternating, one warm-up of each not counted. A run
  // takes about a second and the floor is noisy (localhost serving varies by 100 ms here), so
  // twice the repetitions.
  if (want(2)) {
    const appTimes = [];
    const floorTimes = [];
    for (let rep = 0; rep <= 2 * REPS; rep++) {
      for (const [url, into] of [
        [USERS_URL, appTimes],
        ["/bench-floor.html", floorTimes],
      ]) {
        const { context, page } = await freshPage({ rows });
        // A same-site page first, so the renderer process exists and its start-up, the noisiest
        // part of a first navigation, is in neither figure; the HTTP cache stays empty.
        await page.goto("/api/health");
        await page.goto(url, { waitUntil: "commit" });
        await waitMark(page, "rows-frame");
        const { t } = await marks(page);
        if (rep > 0) into.push(t["rows-frame"]);
        await context.close();
      }
    }
    raw.usersPage = { app: appTimes, floor: floorTimes, rows };
    const ratio = median(appTimes) / median(floorTimes);
    figure(2, `Users page, ${rows} rows of 10,000 users`, { text: `${ratio.toFixed(2)}x floor`, pass: ratio <= 1.5 }, "<= 1.5x",
      `app ${ms(median(appTimes))} ${all(appTimes)}, static floor ${ms(median(floorTimes))} ${all(floorTimes)}`);
  }

  // -------------------------------------------------------------------------------------------
  // 3. Manage licenses for all 10,000 users: click to interactive, long tasks.
  // The selection made above, carried in sessionStorage; should the app keep it elsewhere one
  // day, it is made again through the UI (slower set-up, same measurement).
  async function selectEveryone(page) {
    const digits = async () => (await page.getByTestId("selected-count").innerText()).replace(/\D/g, "");
    if ((await digits()) === String(users.length)) return;
    log("the carried selection did not take: selecting through the UI");
    await page.getByTestId("select-page").check();
    await page.getByTestId("select-all-matching").click();
    await page.getByTestId("select-all-done").waitFor();
    if ((await digits()) !== String(users.length)) throw new Error(`selected-count says ${await digits()}`);
  }
  async function openManage(page) {
    await page.goto(USERS_URL);
    await waitMark(page, "rows-frame");
    await selectEveryone(page);
    await page.waitForTimeout(300); // let the list settle: no leftover task in the window
    await page.getByTestId("manage-licenses-link").click();
    await waitMark(page, "manage-interactive-frame");
  }
  if (want(3)) {
    const interactive = [];
    const longest = [];
    const overBudget = [];
    for (let rep = 0; rep <= REPS; rep++) {
      const { context, page } = await freshPage({ rows, storage });
      await openManage(page);
      await page.waitForTimeout(1000); // long tasks that end after the table is interactive
      const b = await marks(page);
      const click = b.t["manage-click"];
      const done = b.t["manage-interactive-frame"];
      const tasks = b.longTasks.filter((x) => x.start + x.duration > click && x.start < done + 1000);
      if (b.longTaskError) log(`long tasks not observable: ${b.longTaskError}`);
      if (rep > 0) {
        // Where the time went: the API calls after the click (ms from the click), in last.json.
        const calls = await page.evaluate((click) =>
          performance.getEntriesByType("resource")
            .filter((e) => e.name.includes("/api/") && e.startTime >= click)
            .map((e) => ({
              path: new URL(e.name).pathname.replace(/^.*\/customers\/[^/]+/, ""),
              sent: Math.round(e.startTime - click),
              firstByte: Math.round(e.responseStart - click),
              done: Math.round(e.responseEnd - click),
            })), click);
        calls.push({ path: "(interactive frame)", done: Math.round(done - click) });
        for (const x of tasks) calls.push({ path: "(long task)", sent: Math.round(x.start - click), done: Math.round(x.start + x.duration - click) });
        (raw.manageCalls ??= []).push(calls);
        interactive.push(done - click);
        longest.push(Math.max(0, ...tasks.map((x) => x.duration)));
        overBudget.push(tasks.length);
      }
      await context.close();
    }
    raw.manage = { interactive, longest, longTasksOver50: overBudget };
    figure(3, "Manage licenses, 10,000 users: click to interactive", { text: ms(median(interactive)), pass: median(interactive) <= 200 }, "<= 200 ms",
      `${all(interactive)}; ${skus.length} products`);
    figure(3, "Manage licenses: longest task (worst run)", { text: ms(Math.max(...longest)), pass: Math.max(...longest) <= 50 }, "<= 50 ms",
      `per run ${all(longest)}; tasks over 50 ms per run ${all(overBudget)}`);
  }

  // -------------------------------------------------------------------------------------------
  // 4a. The server applying one batch of every user (straight to the API).
  if (want(4)) {
    const applyMs = [];
    const roundTrip = [];
    for (let rep = 0; rep <= REPS; rep++) {
      await reset();
      await buySeatsForEveryone();
      const body = { updates: users.map((u) => ({ userId: u.id, licensesToAssign: [{ skuId: product.productSku.id }] })) };
      const reply = await call("POST", `/api/v1/customers/${FABRIKAM}/licenseupdates`, { token, body });
      const failed = reply.json.results.filter((r) => r.status !== "succeeded").length;
      if (failed) throw new Error(`${failed} of the batch failed`);
      if (rep > 0) {
        applyMs.push(serverTiming(reply.headers.get("server-timing")));
        roundTrip.push(reply.elapsed);
      }
    }
    raw.saveApi = { applyMs, roundTrip };
    figure(4, `Save ${users.length.toLocaleString("en-US")} users: server apply (one batch)`, { text: ms(median(applyMs)), pass: median(applyMs) <= 100 }, "<= 100 ms",
      `${all(applyMs, (x) => x.toFixed(1))}; HTTP round trip from Node ${ms(median(roundTrip))}`);

    // 4b. The same save through the UI: click Save to the results page.
    const e2e = [];
    const progressSeen = [];
    const resultsShown = [];
    const storageErrors = [];
    const batches = [];
    const serverSums = [];
    let summary = "";
    for (let rep = 0; rep < SAVE_REPS; rep++) {
      await reset();
      await buySeatsForEveryone();
      const { context, page } = await freshPage({ rows, storage });
      const timings = [];
      page.on("response", (r) => {
        if (r.request().method() === "POST" && /\/licenseupdates$/.test(new URL(r.url()).pathname)) {
          timings.push(serverTiming(r.headers()["server-timing"]));
        }
      });
      await openManage(page);
      const row = page.getByTestId("product-row").filter({
        has: page.getByTestId("product-name").getByText(product.productSku.name, { exact: true }),
      });
      const box = row.getByRole("checkbox", { name: product.productSku.name, exact: true });
      const state = async () => (await row.getAttribute("data-state")) ?? (await box.getAttribute("aria-checked"));
      for (let i = 0; i < 3 && !["checked", "true"].includes(await state()); i++) await box.click();
      if (!["checked", "true"].includes(await state())) throw new Error(`could not tick ${product.productSku.name}`);
      await expect(page.getByTestId("save")).toBeEnabled();
      await page.getByTestId("save").click();
      await waitMark(page, "results-page-frame", 300_000);
      await waitMark(page, "results-frame", 2_000).catch(() => {});
      const b = await marks(page);
      const shown = b.t["results-frame"] !== undefined;
      e2e.push(b.t[shown ? "results-frame" : "results-page-frame"] - b.t["save-click"]);
      resultsShown.push(shown);
      storageErrors.push(...b.storageErrors);
      progressSeen.push(b.t["save-progress"] !== undefined);
      batches.push(timings.length);
      serverSums.push(timings.reduce((a, x) => a + x, 0));
      if (shown) summary = (await page.getByTestId("results-summary").innerText()).replace(/\s+/g, " ").trim();
      await context.close();
      const held = (await get(`/api/v1/customers/${FABRIKAM}/subscribedskus`)).items.find((s) => s.productSku.id === product.productSku.id);
      if (held.consumedUnits !== users.length) throw new Error(`after the save ${held.consumedUnits} hold ${product.productSku.name}, not ${users.length}`);
    }
    raw.saveUi = { e2e, progressSeen, resultsShown, storageErrors, batches, serverSums, summary };
    const storageNote = storageErrors.length
      ? `; the app's sessionStorage writes failed: ${[...new Set(storageErrors.map((e) => `${e.key} (${e.chars.toLocaleString("en-US")} chars, ${e.error})`))].join(", ")}`
      : "";
    figure(4, `Save ${users.length.toLocaleString("en-US")} users: click Save to results`,
      { text: ms(median(e2e)), pass: median(e2e) <= 2000 && progressSeen.every(Boolean) && resultsShown.every(Boolean) },
      "<= 2 s, progress shown",
      `${all(e2e)}; progress shown ${progressSeen.every(Boolean) ? "every run" : progressSeen.join("/")}; ` +
        `${median(batches)} batch requests, server apply summed ${ms(median(serverSums))}; ` +
        (resultsShown.every(Boolean)
          ? `"${summary}"`
          : `RESULTS NOT SHOWN: timed to the results page, which had no results-summary${storageNote}`));
  }

  // -------------------------------------------------------------------------------------------
  // 5. API throughput with crates/loadgen, the three routes interleaved round by round.
  // 100 users who don't hold the product, each assigned it and then revoked in turn (seats
  // bought first, so no assignment is refused for want of one).
  if (want(5)) {
    await reset();
    await buySeatsForEveryone();
    const dir = mkdtempSync(join(tmpdir(), "bench-load-"));
    const targets = users.filter((u) => !u.assignedLicenses.some((l) => l.skuId === product.productSku.id)).slice(0, 100);
    const bodies = [];
    targets.forEach((u, i) => {
      const assign = join(dir, `assign-${i}.json`);
      const revoke = join(dir, `revoke-${i}.json`);
      writeFileSync(assign, JSON.stringify({ updates: [{ userId: u.id, licensesToAssign: [{ skuId: product.productSku.id }] }] }));
      writeFileSync(revoke, JSON.stringify({ updates: [{ userId: u.id, licensesToRemove: [product.productSku.id] }] }));
      bodies.push("--body", assign, "--body", revoke);
    });
    const auth = ["--header", `Authorization: Bearer ${token}`];
    const runs = {
      health: ["--url", `${base}/api/health`],
      reads: ["--url", `${base}/api/v1/customers/${FABRIKAM}/users?size=${USERS_PAGE_SIZE}`, ...auth],
      filtered: ["--url", `${base}/api/v1/customers/${FABRIKAM}/users?${FILTERED_READ}`, ...auth],
      updates: ["--url", `${base}/api/v1/customers/${FABRIKAM}/licenseupdates`, "--method", "POST", ...auth, ...bodies],
    };
    const load = { health: [], reads: [], filtered: [], updates: [] };
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      for (const [name, args] of Object.entries(runs)) {
        const run = spawnSync(
          LOADGEN,
          [...args, "--connections", String(LOAD_CONNECTIONS), "--threads", "2", "--duration", String(LOAD_SECONDS), "--warmup", "0.5", "--json"],
          { encoding: "utf8" },
        );
        if (run.status !== 0) throw new Error(`loadgen ${name}: ${run.stderr}`);
        const result = JSON.parse(run.stdout);
        if (result.nonSuccess || result.errors) throw new Error(`loadgen ${name}: ${run.stdout}`);
        load[name].push(result);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    raw.load = load;
    const rps = (name) => load[name].map((r) => r.requestsPerSecond);
    const ratios = (name) => load[name].map((r, i) => r.requestsPerSecond / load.health[i].requestsPerSecond);
    const p99 = (name) => median(load[name].map((r) => r.latencyMs.p99));
    const p50 = (name) => median(load[name].map((r) => r.latencyMs.p50));
    const describe = (name) =>
      `${median(rps(name)).toFixed(0)}/s ${all(rps(name))} vs health ${median(rps("health")).toFixed(0)}/s; p50 ${p50(name).toFixed(2)} ms, p99 ${p99(name).toFixed(2)} ms`;
    figure(5, "License updates (1 user each, assign/revoke) / health", { text: `${median(ratios("updates")).toFixed(2)}x`, pass: median(ratios("updates")) >= 0.5 }, ">= 0.5x", describe("updates"));
    figure(5, `Users-page reads (size=${USERS_PAGE_SIZE}) / health`, { text: `${median(ratios("reads")).toFixed(2)}x`, pass: median(ratios("reads")) >= 0.5 }, ">= 0.5x", describe("reads"));
    const matched = (await get(`/api/v1/customers/${FABRIKAM}/users?${FILTERED_READ}`)).totalCount;
    figure(5, `Filtered reads (4 filters + sort, ${matched.toLocaleString("en-US")} match) / health`, { text: `${median(ratios("filtered")).toFixed(2)}x`, pass: median(ratios("filtered")) >= 0.5 }, ">= 0.5x",
      `${describe("filtered")}; ?${FILTERED_READ}`);
    await reset();
  }

  // -------------------------------------------------------------------------------------------
  // 6. "Select all N matching users" with a filter matching all 10,000, against the plain
  // "Select all 10,000 users": tick the page, click, until the done notice; alternating, in fresh
  // pages, one warm-up of each not counted.
  if (want(6)) {
    await reset();
    const matching = (await get(`/api/v1/customers/${FABRIKAM}/users?size=1&${MATCH_ALL_FILTER}`)).totalCount;
    if (matching !== users.length) throw new Error(`${MATCH_ALL_FILTER} matches ${matching}, not all ${users.length}`);
    const selectAll = async (url) => {
      const { context, page } = await freshPage();
      await page.goto(url);
      await page.getByTestId("user-row").first().waitFor();
      const started = performance.now();
      await page.getByTestId("select-page").check();
      await page.getByTestId("select-all-matching").click();
      await page.getByTestId("select-all-done").waitFor();
      const elapsed = performance.now() - started;
      const count = await page.getByTestId("selected-count").textContent();
      await context.close();
      if (count.replace(/\D/g, "") !== String(users.length)) throw new Error(`${url} selected ${count}`);
      return elapsed;
    };
    const plain = [];
    const filtered = [];
    for (let rep = 0; rep <= REPS; rep++) {
      const a = await selectAll(USERS_URL);
      const b = await selectAll(`${USERS_URL}&${MATCH_ALL_FILTER}`);
      if (rep > 0) {
        plain.push(a);
        filtered.push(b);
      }
    }
    raw.selectAll = { plain, filtered };
    const ratio = median(filtered) / median(plain);
    figure(6, "Select all matching (filter = all 10,000) / Select all", { text: `${ratio.toFixed(2)}x`, pass: ratio <= 1.1 }, "<= 1.1x (no slower)",
      `filtered ${ms(median(filtered))} ${all(filtered)} vs plain ${ms(median(plain))} ${all(plain)}; ?${MATCH_ALL_FILTER}`);
  }

  // -------------------------------------------------------------------------------------------
  const cpu = cpus();
  console.log(`\nmake bench: ${new Date().toISOString()}, ${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB,` +
    ` Chromium ${browser.version()} headless, Node ${process.version}`);
  console.log(`Browser figures: median of ${REPS} run${REPS === 1 ? "" : "s"} after one warm-up (users page: ${2 * REPS}; save: ${SAVE_REPS}), a fresh context each;` +
    ` load: ${LOAD_ROUNDS} rounds x ${LOAD_SECONDS} s, ${LOAD_CONNECTIONS} connections. Budgets never fail the command.\n`);
  for (const f of figures) {
    console.log(`${f.item}. ${f.label.padEnd(56)}${f.value.text.padStart(12)}   ${f.budget.padEnd(24)}${f.budget ? (f.value.pass ? "PASS" : "OVER") : "(no budget)"}`);
    if (f.detail) console.log(`     ${f.detail}`);
  }
  console.log(`   (set-up: selecting all ${users.length.toLocaleString("en-US")} users through the UI took ${ms(selectMs)})`);
  mkdirSync(resolve(root, "target/bench"), { recursive: true });
  writeFileSync(resolve(root, "target/bench/last.json"), `${JSON.stringify({ figures, raw }, null, 1)}\n`);
} finally {
  await browser.close();
  server.stop();
  rmSync(dist, { recursive: true, force: true });
}
