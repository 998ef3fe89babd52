// Benchmark, not a test: prints how long the large tenant's bulk flow takes in headless
// Chromium against the release build (10,000 users): select all, open Manage licenses, preview
// a product for everyone, buy the missing seats, save. Usage: make bench
import { chromium } from "@playwright/test";
import { startServer } from "./server.mjs";

const FABRIKAM = "5dade068-9716-5651-8c01-1a49aec3c866";
const POWER_BI = "458a6784-a620-5033-bb2a-cc2cbc13de2c";

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const figures = [];
const timed = async (label, step) => {
  const start = performance.now();
  await step();
  figures.push([label, performance.now() - start]);
};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.baseUrl}/customers/${FABRIKAM}/users?test=1`);
  await page.getByTestId("select-page").check();
  await timed("select all 10,000 users (20 pages of 500)", async () => {
    await page.getByTestId("select-all-matching").click();
    await page.getByTestId("select-all-done").waitFor({ timeout: 120_000 });
  });
  await timed("open Manage licenses for 10,000 users", async () => {
    await page.getByTestId("manage-licenses-link").click();
    await page.getByTestId("products-table").waitFor({ timeout: 120_000 });
  });
  await timed("tick Power BI Pro: preview 10,000 users' rules", async () => {
    await page.locator(`[data-sku="${POWER_BI}"] [role=checkbox]`).click();
    await page.getByTestId("seat-shortage").waitFor();
  });
  await timed("buy the 7,500 missing seats, counts refreshed", async () => {
    await page.getByTestId("buy-more").click();
    await page.getByTestId("buy-more-confirm").click();
    await page.getByTestId("seat-shortage").waitFor({ state: "detached" });
  });
  await timed("save 8,000 assignments (batches of 100)", async () => {
    await page.getByTestId("save").click();
    await page.getByTestId("results-summary").waitFor({ timeout: 300_000 });
  });
  console.log("Large tenant (10,000 users), release build, headless Chromium:");
  for (const [label, ms] of figures) console.log(`  ${label.padEnd(52)}${ms.toFixed(0).padStart(7)} ms`);
} finally {
  await browser.close();
  server.stop();
}
