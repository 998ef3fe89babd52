// Issue 18, the stress fixtures the server ships (`--fixture long-names|empty|many-products`):
// long names are cut with an ellipsis, the whole text in their title and accessible name, never
// running into their neighbours; a tenant without users; a customer with 60 products. Each
// fixture is served by a server of its own, started here.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, expectScreenshot, type Lang } from "../fixtures";
import { root, startServer } from "../scripts/server.mjs";

type Fixture = { customers: { customer: { id: string }; users: { id: string; displayName: string }[] }[] };
const fixture = (name: string): Fixture =>
  JSON.parse(readFileSync(resolve(root, `crates/mock-server/fixtures/${name}.json`), "utf8"));

const LONG = fixture("long-names").customers[0];
const EMPTY = fixture("empty").customers[0];
const MANY = fixture("many-products").customers[0];

/** Each visible cut text is cut, not overflowing its cell, and says all of itself in its title. */
async function expectEllipsized(page: Page, texts: Locator) {
  const facts = await texts.evaluateAll((elements) =>
    elements.map((element) => {
      const own = element.getBoundingClientRect();
      const cell = (element.closest("td, li") ?? element.parentElement!).getBoundingClientRect();
      return {
        text: element.textContent ?? "",
        title: element.getAttribute("title"),
        cut: element.scrollWidth > element.clientWidth,
        inside: own.left >= cell.left - 0.5 && own.right <= cell.right + 0.5,
      };
    }),
  );
  expect(facts.length).toBeGreaterThan(0);
  for (const fact of facts) {
    expect(fact.title, "the whole text in the title").toBe(fact.text);
    expect(fact.inside, `${fact.text} stays in its cell`).toBe(true);
  }
  expect(facts.some((f) => f.cut), "the longest are cut").toBe(true);
}

const open = (page: Page, baseUrl: string, path: string, lang: Lang) =>
  page.goto(`${baseUrl}${path}${path.includes("?") ? "&" : "?"}test=1&lang=${lang}&role=AdminAgent&scenario=none`);

const ready = (page: Page) => expect(page.locator("html")).toHaveAttribute("data-app-ready", "true", { timeout: 20_000 });

for (const [name, customer] of [
  ["long-names", LONG],
  ["empty", EMPTY],
  ["many-products", MANY],
] as const) {
  test.describe(`The ${name} fixture`, () => {
    let server: { baseUrl: string; stop: () => void };
    test.beforeAll(async () => {
      server = await startServer({ fixture: name });
    });
    test.afterAll(() => server?.stop());

    for (const lang of ["en-US", "zh-TW"] as const) {
      test(`Users and Manage licenses hold up (${lang})`, async ({ page, expectAccessible }) => {
        const users = `/customers/${customer.customer.id}/users`;
        const everyone = customer.users.map((u) => u.id).join(",");
        await open(page, server.baseUrl, `${users}?users=${everyone}`, lang);
        await ready(page);
        await expectAccessible();
        const names = page.getByTestId("user-name").locator(".truncate");
        if (name === "empty") {
          await expect(page.getByTestId("user-row")).toHaveCount(0);
        } else {
          await expect(page.getByTestId("user-row")).toHaveCount(customer.users.length);
        }
        if (name === "long-names") {
          await expectEllipsized(page, names);
          // The accessible name of a row's box carries the whole name.
          const longest = [...customer.users].sort((a, b) => b.displayName.length - a.displayName.length)[0];
          await expect(page.getByRole("checkbox", { name: longest.displayName, exact: false })).toHaveCount(1);
        }
        await expectScreenshot(page, `${name}-users-${lang}.png`);

        if (name === "empty") return;
        await open(page, server.baseUrl, `${users}/manage-licenses?users=${everyone}`, lang);
        await ready(page);
        await expectAccessible();
        const products = page.getByTestId("product-row");
        if (name === "many-products") await expect(products).toHaveCount(60);
        if (name === "long-names") {
          await expectEllipsized(page, page.getByTestId("products-table").getByTestId("product-name"));
          await expectEllipsized(page, page.getByTestId("user-chip").locator(".truncate"));
        }
        await expectScreenshot(page, `${name}-manage-${lang}.png`);
      });
    }
  });
}
