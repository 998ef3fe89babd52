import type { APIRequestContext, Page } from "@playwright/test";

/**
 * Every name the seed data holds (customers, domains, users, sign-in names, products, service
 * plans) and each language's own name in the language switch: English words a zh-TW page may
 * show, because they are names, not sentences.
 */
export async function namesOfTheFixture(request: APIRequestContext, customer: string): Promise<string[]> {
  const session = await request.post("/api/v1/session", { data: { role: "AdminAgent" } });
  const headers = { authorization: `Bearer ${(await session.json()).token}` };
  const get = async (path: string) => (await (await request.get(`/api/v1${path}`, { headers })).json()).items;
  const customers: { companyProfile: { companyName: string; domain: string } }[] = await get("/customers?size=100");
  const users: { displayName: string; userPrincipalName: string }[] = await get(
    `/customers/${customer}/users?size=500`,
  );
  const skus: { productSku: { name: string }; servicePlans: { displayName: string }[] }[] = await get(
    `/customers/${customer}/subscribedskus`,
  );
  return [
    "English (United States)",
    ...customers.flatMap((c) => [c.companyProfile.companyName, c.companyProfile.domain]),
    ...users.flatMap((u) => [u.displayName, u.userPrincipalName]),
    ...skus.flatMap((s) => [s.productSku.name, ...s.servicePlans.map((p) => p.displayName)]),
  ];
}

/**
 * The English on the page: runs of three or more Latin words in its text, its title and the
 * accessible names, titles and placeholders of every element (hidden ones too), once the given
 * names are taken out. A run stays on one line; codes, ids and numbers break it, so "HTTP 503"
 * or "US" never count.
 */
export async function englishOnPage(page: Page, names: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of ["aria-label", "aria-description", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(attribute);
        if (value) found.push(value);
      }
    }
    return found;
  });
  const longestFirst = [...names].sort((a, b) => b.length - a.length);
  const english: string[] = [];
  for (let text of texts) {
    for (const name of longestFirst) text = text.split(name).join("\u2022");
    english.push(...(text.match(/[A-Za-z][A-Za-z'’]*(?:[ \t,.;:!?()"“”-]+[A-Za-z][A-Za-z'’]*){2,}/g) ?? []));
  }
  return english;
}
